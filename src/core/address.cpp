// Address parsing and EIP-55 checksum encoding.
#include "core/address.hpp"

#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture {
namespace {

// EIP-55: hex digit i (a letter) is upper-case iff nibble i of
// keccak256(lower-case hex without "0x") is >= 8.
std::string checksum_digits(std::string_view lower40) {
    const Bytes32 h = keccak256(lower40);
    std::string out(lower40);
    for (size_t i = 0; i < out.size(); ++i) {
        const unsigned nib = (i % 2 == 0) ? h[i / 2] >> 4 : h[i / 2] & 15;
        if (out[i] >= 'a' && out[i] <= 'f' && nib >= 8) out[i] = static_cast<char>(out[i] - 'a' + 'A');
    }
    return out;
}

}  // namespace

Result<Address> parse_address(std::string_view text) {
    if (text.size() < 2 || text[0] != '0' || (text[1] != 'x' && text[1] != 'X'))
        return input_error("address: expected \"0x\" followed by 40 hex digits, got \"" +
                           std::string(text.substr(0, 50)) + "\"");
    const std::string_view digits = text.substr(2);
    if (digits.size() != 40)
        return input_error("address: expected 40 hex digits after \"0x\", got " +
                           std::to_string(digits.size()));
    auto bytes = from_hex(digits);
    if (!bytes) return input_error("address: " + bytes.error().message);

    Address a;
    std::copy(bytes->begin(), bytes->end(), a.bytes.begin());

    bool has_lower = false, has_upper = false;
    for (char c : digits) {
        has_lower |= (c >= 'a' && c <= 'f');
        has_upper |= (c >= 'A' && c <= 'F');
    }
    if (has_lower && has_upper) {
        const std::string expected = to_checksum(a);
        if (expected.compare(2, 40, digits) != 0)
            return input_error("address: mixed-case \"" + std::string(text) +
                               "\" fails the EIP-55 checksum (expected " + expected +
                               "); check for a typo, or write it all lower-case");
    }
    return a;
}

std::string to_checksum(const Address& a) {
    return "0x" + checksum_digits(to_hex(a.bytes, false));
}

}  // namespace suture
