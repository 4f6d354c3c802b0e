// Hex encoding and strict decoding.
#include "core/hex.hpp"

#include <cassert>

namespace suture {
namespace {

constexpr char kDigits[] = "0123456789abcdef";

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
    const size_t bad = decode_hex_into(hex.substr(start), out);
    if (bad != std::string_view::npos)
        return input_error("hex: invalid character " + describe(hex[start + bad]) + " at position " +
                           std::to_string(start + bad));
    return out;
}

size_t decode_hex_into(std::string_view digits, std::span<uint8_t> out) {
    assert(digits.size() == 2 * out.size());
    for (size_t i = 0; i < out.size(); ++i) {
        const int hi = hex_digit(digits[2 * i]);
        const int lo = hex_digit(digits[2 * i + 1]);
        if (hi < 0) return 2 * i;
        if (lo < 0) return 2 * i + 1;
        out[i] = static_cast<uint8_t>(hi << 4 | lo);
    }
    return std::string_view::npos;
}

}  // namespace suture
