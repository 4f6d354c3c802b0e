// 256-bit unsigned integer with EVM word semantics.
//
// Four little-endian 64-bit limbs, no heap. Arithmetic wraps modulo 2^256;
// division and modulo by zero give 0 (as the EVM defines them). The hot
// operations (add, sub, mul, compare, shifts, bitwise) are inline; long
// division (Knuth algorithm D on 64-bit digits) lives in uint256.cpp and
// serves /, %, addmod and mulmod (512-bit intermediate).
#pragma once

#include <bit>
#include <compare>
#include <cstdint>
#include <string>
#include <string_view>
#include <type_traits>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

#if defined(__x86_64__)
#include <immintrin.h>
#endif

namespace suture {

struct uint256;

namespace detail {
// a + b + carry with the carry out written back to `carry` (0 or 1); subb
// likewise with a borrow. On x86-64 these are the add-with-carry intrinsics,
// which g++ keeps in registers as an adc/sbb chain (unsigned __int128 chains
// get spilled to the stack inside the interpreter's very large function).
constexpr uint64_t addc(uint64_t a, uint64_t b, uint8_t& carry) {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long r;
        carry = _addcarry_u64(carry, a, b, &r);
        return r;
    }
#endif
    const uint64_t s = a + b;
    const uint64_t r = s + carry;
    carry = uint8_t((s < a) | (r < s));
    return r;
}
constexpr uint64_t subb(uint64_t a, uint64_t b, uint8_t& borrow) {
#if defined(__x86_64__)
    if (!std::is_constant_evaluated()) {
        unsigned long long r;
        borrow = _subborrow_u64(borrow, a, b, &r);
        return r;
    }
#endif
    const uint64_t d = a - b;
    const uint64_t r = d - borrow;
    borrow = uint8_t((a < b) | (d < borrow));
    return r;
}

// q = u / v, r = u % v for little-endian limb arrays; ulen <= 8, 1 <= vlen <= 4,
// v[vlen-1] != 0. q receives ulen limbs, r receives vlen limbs.
void udivrem_limbs(const uint64_t* u, int ulen, const uint64_t* v, int vlen, uint64_t* q, uint64_t* r);
}  // namespace detail

struct uint256 {
    uint64_t w[4];  // w[0] least significant

    constexpr uint256() : w{0, 0, 0, 0} {}
    constexpr uint256(uint64_t v) : w{v, 0, 0, 0} {}  // NOLINT: implicit by design
    static constexpr uint256 from_words(uint64_t w0, uint64_t w1, uint64_t w2, uint64_t w3) {
        uint256 r;
        r.w[0] = w0; r.w[1] = w1; r.w[2] = w2; r.w[3] = w3;
        return r;
    }
    static constexpr uint256 max() { return from_words(~0ULL, ~0ULL, ~0ULL, ~0ULL); }

    static uint256 from_be(const uint8_t* p32) {
        return from_words(load_be64(p32 + 24), load_be64(p32 + 16), load_be64(p32 + 8), load_be64(p32));
    }
    static uint256 from_be(BytesView b);  // up to 32 bytes, right-aligned
    static uint256 from_bytes32(const Bytes32& b) { return from_be(b.data()); }
    void to_be(uint8_t* out32) const {
        store_be64(out32, w[3]);
        store_be64(out32 + 8, w[2]);
        store_be64(out32 + 16, w[1]);
        store_be64(out32 + 24, w[0]);
    }
    Bytes32 to_bytes32() const {
        Bytes32 b;
        to_be(b.data());
        return b;
    }
    std::string to_hex() const;  // "0x" + minimal lower-case hex ("0x0" for zero)
    std::string to_dec() const;
    static Result<uint256> parse(std::string_view s);  // decimal or 0x-hex

    constexpr uint64_t low64() const { return w[0]; }
    constexpr bool fits_u64() const { return (w[1] | w[2] | w[3]) == 0; }
    constexpr unsigned bit_width() const {
        for (int i = 3; i >= 0; --i)
            if (w[i]) return unsigned(64 * i + std::bit_width(w[i]));
        return 0;
    }
    constexpr unsigned byte_width() const { return (bit_width() + 7) / 8; }
    constexpr explicit operator bool() const { return (w[0] | w[1] | w[2] | w[3]) != 0; }

    // ---- comparison ----
    friend constexpr bool operator==(const uint256& a, const uint256& b) {
        return ((a.w[0] ^ b.w[0]) | (a.w[1] ^ b.w[1]) | (a.w[2] ^ b.w[2]) | (a.w[3] ^ b.w[3])) == 0;
    }
    friend constexpr std::strong_ordering operator<=>(const uint256& a, const uint256& b) {
        for (int i = 3; i >= 0; --i)
            if (a.w[i] != b.w[i]) return a.w[i] < b.w[i] ? std::strong_ordering::less : std::strong_ordering::greater;
        return std::strong_ordering::equal;
    }
    friend constexpr bool operator<(const uint256& a, const uint256& b) {
        // Full-width borrow chain: branch-free, all in registers.
        uint8_t borrow = 0;
        for (int i = 0; i < 4; ++i) (void)detail::subb(a.w[i], b.w[i], borrow);
        return borrow != 0;
    }
    friend constexpr bool operator>(const uint256& a, const uint256& b) { return b < a; }
    friend constexpr bool operator<=(const uint256& a, const uint256& b) { return !(b < a); }
    friend constexpr bool operator>=(const uint256& a, const uint256& b) { return !(a < b); }

    // ---- arithmetic ----
    friend constexpr uint256 operator+(const uint256& a, const uint256& b) {
        uint8_t carry = 0;
        uint256 r;
        for (int i = 0; i < 4; ++i) r.w[i] = detail::addc(a.w[i], b.w[i], carry);
        return r;
    }
    friend constexpr uint256 operator-(const uint256& a, const uint256& b) {
        uint8_t borrow = 0;
        uint256 r;
        for (int i = 0; i < 4; ++i) r.w[i] = detail::subb(a.w[i], b.w[i], borrow);
        return r;
    }
    friend constexpr uint256 operator-(const uint256& a) { return uint256() - a; }
    // Schoolbook product truncated to 256 bits, written out: 10 multiplies,
    // all in registers.
    friend constexpr uint256 operator*(const uint256& a, const uint256& b) {
        using u128 = unsigned __int128;
        u128 p = u128(a.w[0]) * b.w[0];
        const uint64_t r0 = uint64_t(p);
        p = u128(a.w[0]) * b.w[1] + uint64_t(p >> 64);
        uint64_t r1 = uint64_t(p);
        p = u128(a.w[0]) * b.w[2] + uint64_t(p >> 64);
        uint64_t r2 = uint64_t(p);
        uint64_t r3 = a.w[0] * b.w[3] + uint64_t(p >> 64);
        p = u128(a.w[1]) * b.w[0] + r1;
        r1 = uint64_t(p);
        p = u128(a.w[1]) * b.w[1] + r2 + uint64_t(p >> 64);
        r2 = uint64_t(p);
        r3 += a.w[1] * b.w[2] + uint64_t(p >> 64);
        p = u128(a.w[2]) * b.w[0] + r2;
        r2 = uint64_t(p);
        r3 += a.w[2] * b.w[1] + uint64_t(p >> 64);
        r3 += a.w[3] * b.w[0];
        return from_words(r0, r1, r2, r3);
    }
    friend uint256 operator/(const uint256& a, const uint256& b) { return divmod(a, b, nullptr); }
    friend uint256 operator%(const uint256& a, const uint256& b) {
        uint256 r;
        divmod(a, b, &r);
        return r;
    }
    // Quotient returned, remainder stored in *rem if non-null. Division by zero gives 0, 0.
    static uint256 divmod(const uint256& a, const uint256& b, uint256* rem) {
        if (b.fits_u64()) {
            if (b.w[0] == 0) {
                if (rem) *rem = 0;
                return 0;
            }
            if (a.fits_u64()) {
                if (rem) *rem = a.w[0] % b.w[0];
                return a.w[0] / b.w[0];
            }
        }
        if (a < b) {
            if (rem) *rem = a;
            return 0;
        }
        int vlen = 4;
        while (b.w[vlen - 1] == 0) --vlen;  // b != 0 (checked above)
        int ulen = 4;
        while (a.w[ulen - 1] == 0) --ulen;
        uint256 q, r;
        detail::udivrem_limbs(a.w, ulen, b.w, vlen, q.w, r.w);
        if (rem) *rem = r;
        return q;
    }

    // ---- bitwise ----
    friend constexpr uint256 operator~(const uint256& a) { return from_words(~a.w[0], ~a.w[1], ~a.w[2], ~a.w[3]); }
    friend constexpr uint256 operator&(const uint256& a, const uint256& b) {
        return from_words(a.w[0] & b.w[0], a.w[1] & b.w[1], a.w[2] & b.w[2], a.w[3] & b.w[3]);
    }
    friend constexpr uint256 operator|(const uint256& a, const uint256& b) {
        return from_words(a.w[0] | b.w[0], a.w[1] | b.w[1], a.w[2] | b.w[2], a.w[3] | b.w[3]);
    }
    friend constexpr uint256 operator^(const uint256& a, const uint256& b) {
        return from_words(a.w[0] ^ b.w[0], a.w[1] ^ b.w[1], a.w[2] ^ b.w[2], a.w[3] ^ b.w[3]);
    }
    template <typename T>
        requires std::is_integral_v<T>
    friend constexpr uint256 operator<<(const uint256& a, T n) { return shl(a, uint64_t(n)); }
    template <typename T>
        requires std::is_integral_v<T>
    friend constexpr uint256 operator>>(const uint256& a, T n) { return shr(a, uint64_t(n)); }
    // Shifts go through a zero-padded 8-limb window so every limb is computed the
    // same way, without branches on the shift amount; (x >> 1) >> (63 - bits)
    // is x >> (64 - bits) that stays defined (and 0) when bits == 0.
    static constexpr uint256 shl(const uint256& a, uint64_t n) {
        if (n >= 256) return 0;
        const uint64_t t[8] = {0, 0, 0, 0, a.w[0], a.w[1], a.w[2], a.w[3]};
        const unsigned limbs = unsigned(n / 64), bits = unsigned(n % 64);
        uint256 r;
        for (unsigned i = 0; i < 4; ++i)
            r.w[i] = (t[4 + i - limbs] << bits) | ((t[3 + i - limbs] >> 1) >> (63 - bits));
        return r;
    }
    static constexpr uint256 shr(const uint256& a, uint64_t n) {
        if (n >= 256) return 0;
        const uint64_t t[8] = {a.w[0], a.w[1], a.w[2], a.w[3], 0, 0, 0, 0};
        const unsigned limbs = unsigned(n / 64), bits = unsigned(n % 64);
        uint256 r;
        for (unsigned i = 0; i < 4; ++i)
            r.w[i] = (t[i + limbs] >> bits) | ((t[i + limbs + 1] << 1) << (63 - bits));
        return r;
    }
    friend constexpr uint256 operator<<(const uint256& a, const uint256& n) {
        return n.fits_u64() ? shl(a, n.w[0]) : uint256();
    }
    friend constexpr uint256 operator>>(const uint256& a, const uint256& n) {
        return n.fits_u64() ? shr(a, n.w[0]) : uint256();
    }

    uint256& operator+=(const uint256& b) { return *this = *this + b; }
    uint256& operator-=(const uint256& b) { return *this = *this - b; }
    uint256& operator*=(const uint256& b) { return *this = *this * b; }
    uint256& operator/=(const uint256& b) { return *this = *this / b; }
    uint256& operator%=(const uint256& b) { return *this = *this % b; }
    uint256& operator&=(const uint256& b) { return *this = *this & b; }
    uint256& operator|=(const uint256& b) { return *this = *this | b; }
    uint256& operator^=(const uint256& b) { return *this = *this ^ b; }
    uint256& operator<<=(uint64_t n) { return *this = *this << n; }
    uint256& operator>>=(uint64_t n) { return *this = *this >> n; }

private:
    static uint64_t load_be64(const uint8_t* p) {
        uint64_t v;
        __builtin_memcpy(&v, p, 8);
        return __builtin_bswap64(v);
    }
    static void store_be64(uint8_t* p, uint64_t v) {
        v = __builtin_bswap64(v);
        __builtin_memcpy(p, &v, 8);
    }
};

inline bool is_negative(const uint256& x) { return (x.w[3] >> 63) != 0; }

inline bool slt(const uint256& a, const uint256& b) {
    const bool na = is_negative(a), nb = is_negative(b);
    return na != nb ? na : a < b;
}
inline bool sgt(const uint256& a, const uint256& b) { return slt(b, a); }

// EVM SDIV: two's complement, truncating toward zero; MIN / -1 gives MIN.
inline uint256 sdiv(const uint256& a, const uint256& b) {
    const bool na = is_negative(a), nb = is_negative(b);
    const uint256 q = (na ? -a : a) / (nb ? -b : b);
    return na != nb ? -q : q;
}
// EVM SMOD: the result takes the sign of the dividend.
inline uint256 smod(const uint256& a, const uint256& b) {
    const bool na = is_negative(a);
    const uint256 r = (na ? -a : a) % (is_negative(b) ? -b : b);
    return na ? -r : r;
}

uint256 addmod(const uint256& a, const uint256& b, const uint256& m);  // m == 0 gives 0
uint256 mulmod(const uint256& a, const uint256& b, const uint256& m);  // 512-bit intermediate

inline uint256 exp(uint256 base, const uint256& exponent) {
    uint256 r = 1;
    const unsigned bits = exponent.bit_width();
    for (unsigned i = 0; i < bits; ++i) {
        if ((exponent.w[i / 64] >> (i % 64)) & 1) r *= base;
        base *= base;
    }
    return r;
}

// EVM SIGNEXTEND: extend the sign of byte `byte_index` (0 = least significant).
inline uint256 signextend(const uint256& byte_index, const uint256& x) {
    if (!byte_index.fits_u64() || byte_index.w[0] >= 31) return x;
    const unsigned limb = unsigned(byte_index.w[0] / 8);
    const unsigned sign_bit = unsigned(byte_index.w[0] % 8) * 8 + 7;  // within the limb
    const uint64_t fill = uint64_t(0) - ((x.w[limb] >> sign_bit) & 1);  // all ones if negative
    const uint64_t keep = sign_bit == 63 ? ~uint64_t(0) : (uint64_t(1) << (sign_bit + 1)) - 1;
    // Per-limb masks (no indexed stores) keep the result in registers.
    const auto part = [&](unsigned i) {
        const uint64_t m = i < limb ? ~uint64_t(0) : (i == limb ? keep : 0);
        return (x.w[i] & m) | (fill & ~m);
    };
    return uint256::from_words(part(0), part(1), part(2), part(3));
}

// EVM BYTE: byte `index` counted from the most significant end; 0 if index >= 32.
inline uint256 byte(const uint256& index, const uint256& x) {
    if (!index.fits_u64() || index.w[0] >= 32) return 0;
    const unsigned from_low = 31 - unsigned(index.w[0]);
    return (x.w[from_low / 8] >> (8 * (from_low % 8))) & 0xff;
}

// EVM SAR: arithmetic shift right of x by shift.
inline uint256 sar(const uint256& shift, const uint256& x) {
    if (!is_negative(x)) return x >> shift;
    if (!shift.fits_u64() || shift.w[0] >= 256) return uint256::max();
    return ~((~x) >> shift.w[0]);
}

inline uint256 to_uint256(const Address& a) {
    uint8_t buf[32] = {};
    __builtin_memcpy(buf + 12, a.bytes.data(), 20);
    return uint256::from_be(buf);
}
inline Address to_address(const uint256& x) {
    uint8_t buf[32];
    x.to_be(buf);
    Address a;
    __builtin_memcpy(a.bytes.data(), buf + 12, 20);
    return a;
}

struct Uint256Hash {
    size_t operator()(const uint256& x) const noexcept {
        uint64_t h = x.w[0] * 0x9e3779b97f4a7c15ULL;
        h ^= x.w[1] + 0x7f4a7c159e3779b9ULL + (h << 6) + (h >> 2);
        h ^= x.w[2] + 0x94d049bb133111ebULL + (h << 6) + (h >> 2);
        h ^= x.w[3] + 0xbf58476d1ce4e5b9ULL + (h << 6) + (h >> 2);
        return size_t(h);
    }
};

}  // namespace suture
