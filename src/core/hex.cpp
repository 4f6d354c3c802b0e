// Hex encoding and strict decoding.
#include "core/hex.hpp"

namespace suture {
namespace {

constexpr char kDigits[] = "0123456789abcdef";

// -1 for a character that is not a hex digit.
constexpr int nibble(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

std::string describe(char c) {
    const auto u = static_cast<unsigned char>(c);
    if (u >= 0x21 && u < 0x7f) return std::string("'") + c + "'";
    return std::string("byte 0x") + kDigits[u >> 4] + kDigits[u & 15];
}

}  // namespace

std::string to_hex(BytesView data, bool prefix) {
    std::string out;
    out.reserve(data.size() * 2 + 2);
    if (prefix) out += "0x";
    for (uint8_t b : data) {
        out += kDigits[b >> 4];
        out += kDigits[b & 15];
    }
    return out;
}

Result<Bytes> from_hex(std::string_view hex) {
    size_t start = 0;
    if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) start = 2;
    const size_t digits = hex.size() - start;
    if (digits % 2 != 0)
        return input_error("hex: odd number of digits (" + std::to_string(digits) +
                           "); each byte needs two");
    Bytes out(digits / 2);
    for (size_t i = start; i < hex.size(); i += 2) {
        const int hi = nibble(hex[i]);
        const int lo = nibble(hex[i + 1]);
        if (hi < 0 || lo < 0) {
            const size_t bad = hi < 0 ? i : i + 1;
            return input_error("hex: invalid character " + describe(hex[bad]) + " at position " +
                               std::to_string(bad));
        }
        out[(i - start) / 2] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return out;
}

}  // namespace suture
