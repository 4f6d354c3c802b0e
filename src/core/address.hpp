// A 20-byte Ethereum account address, with EIP-55 checksum parsing/printing.
#pragma once

#include <array>
#include <compare>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture {

struct Address {
    std::array<uint8_t, 20> bytes{};

    bool is_zero() const {
        for (auto b : bytes)
            if (b) return false;
        return true;
    }
    auto operator<=>(const Address&) const = default;
    bool operator==(const Address&) const = default;
};

// Parses "0x" + 40 hex digits. All-lower or all-upper case is accepted as is;
// mixed case must be a valid EIP-55 checksum, otherwise it is an error
// (a mistyped address must never silently become a different account).
Result<Address> parse_address(std::string_view text);

// EIP-55 mixed-case checksum form, with "0x".
std::string to_checksum(const Address& a);

struct AddressHash {
    size_t operator()(const Address& a) const noexcept {
        size_t h = 0;
        for (int i = 0; i < 8; ++i) h = (h << 8) | a.bytes[12 + i];
        return h ^ (size_t(a.bytes[0]) << 56) ^ a.bytes[1];
    }
};

}  // namespace suture
