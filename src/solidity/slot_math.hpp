// Unsigned integers wide enough for storage positions: slots are 256-bit and a
// byte position (slot * 32 + offset) or a type size in bytes needs 261 bits.
#pragma once

#include <array>
#include <compare>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"

namespace suture::solidity {

struct Wide {
    std::array<uint64_t, 5> limb{};  // little-endian 64-bit limbs (320 bits)

    static Wide of(uint64_t v) {
        Wide w;
        w.limb[0] = v;
        return w;
    }
    static std::optional<Wide> from_decimal(std::string_view s);
    static Wide from_be32(const Bytes32& b);
    Bytes32 to_be32() const;  // low 256 bits

    Wide operator+(const Wide& o) const;
    Wide operator-(const Wide& o) const;  // modulo 2^320
    Wide mul_small(uint64_t m) const;
    Wide div_small(uint64_t d, uint64_t* rem = nullptr) const;
    bool fits_u64() const { return !limb[1] && !limb[2] && !limb[3] && !limb[4]; }
    bool is_zero() const { return fits_u64() && !limb[0]; }
    std::strong_ordering operator<=>(const Wide& o) const;
    bool operator==(const Wide& o) const = default;

    std::string decimal() const;
    std::string hex() const;  // "0x..." without leading zeros
};

}  // namespace suture::solidity
