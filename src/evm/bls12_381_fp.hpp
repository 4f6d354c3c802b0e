// The base field Fp of BLS12-381 (EIP-2537, and EIP-4844's KZG commitments):
// p = 0x1a0111ea...ffffaaab, about 2^380.7.
//
// Elements are kept in Montgomery form (a·R mod p with R = 2^384) on six
// little-endian 64-bit limbs, so a product is one Montgomery reduction
// instead of a 768-bit division. Every value is fully reduced (< p), so
// equality is limb equality. The carry helpers are bn254's (same limb type).
#pragma once

#include <cstdint>

#include "evm/bn254_fp.hpp"

namespace suture::evm::bls12_381 {

using u64 = uint64_t;
using u128 = unsigned __int128;
using bn254::add_carry;
using bn254::sub_borrow;

inline constexpr int kLimbs = 6;

// The field modulus, little-endian limbs.
inline constexpr u64 kP[kLimbs] = {0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624,
                                   0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a};

namespace detail {

struct Limbs {
    u64 v[kLimbs];
};

// -p^-1 mod 2^64 by Newton iteration (each step doubles the correct low bits).
constexpr u64 montgomery_inv() {
    u64 inv = 1;
    for (int i = 0; i < 7; ++i) inv *= 2 - kP[0] * inv;
    return ~inv + 1;
}

constexpr bool geq(const u64 a[kLimbs], const u64 b[kLimbs]) {
    for (int i = kLimbs - 1; i >= 0; --i) {
        if (a[i] != b[i]) return a[i] > b[i];
    }
    return true;
}

constexpr void sub_p(u64 a[kLimbs]) {
    u64 borrow = 0;
    for (int i = 0; i < kLimbs; ++i) {
        const u128 d = u128(a[i]) - kP[i] - borrow;
        a[i] = u64(d);
        borrow = u64(d >> 64) & 1;
    }
}

// 2^k mod p for k >= 383 by repeated doubling from 2^383 mod p (p < 2^381,
// so the doubled value of anything below p fits in 382 bits).
constexpr Limbs pow2_mod_p(int k) {
    Limbs r{{0, 0, 0, 0, 0, u64(1) << 63}};
    while (geq(r.v, kP)) sub_p(r.v);
    for (int i = 383; i < k; ++i) {
        for (int j = kLimbs - 1; j > 0; --j) r.v[j] = (r.v[j] << 1) | (r.v[j - 1] >> 63);
        r.v[0] <<= 1;
        if (geq(r.v, kP)) sub_p(r.v);
    }
    return r;
}

// p + add >> shift, for the exponents (p+1)/4, (p-3)/4, (p-1)/2 (add in -3..1).
constexpr Limbs p_shifted(int add, int shift) {
    Limbs r{};
    u64 borrow_or_carry = 0;
    for (int i = 0; i < kLimbs; ++i) r.v[i] = kP[i];
    if (add >= 0) {
        u128 s = u128(r.v[0]) + u64(add);
        r.v[0] = u64(s);
        borrow_or_carry = u64(s >> 64);
        for (int i = 1; i < kLimbs && borrow_or_carry; ++i) {
            s = u128(r.v[i]) + borrow_or_carry;
            r.v[i] = u64(s);
            borrow_or_carry = u64(s >> 64);
        }
    } else {
        r.v[0] -= u64(-add);  // p's low limb is far above 3: no borrow
    }
    for (int i = 0; i < kLimbs; ++i) {
        r.v[i] = (r.v[i] >> shift) | (i + 1 < kLimbs ? r.v[i + 1] << (64 - shift) : 0);
    }
    return r;
}

}  // namespace detail

// The multiplication below skips the top carry word; that needs p's top limb
// below 2^63 - 1 (it is about 2^60.7).
static_assert(kP[kLimbs - 1] < (UINT64_MAX >> 1) - 1);

inline constexpr u64 kPInv = detail::montgomery_inv();        // -p^-1 mod 2^64
inline constexpr detail::Limbs kR2 = detail::pow2_mod_p(768);  // R^2 mod p, into Montgomery form
inline constexpr detail::Limbs kR1 = detail::pow2_mod_p(384);  // R mod p: the Montgomery form of 1

struct Fp {
    u64 v[kLimbs] = {0, 0, 0, 0, 0, 0};  // Montgomery form, < p

    static constexpr Fp zero() { return Fp{}; }
    static constexpr Fp one() { return Fp{{kR1.v[0], kR1.v[1], kR1.v[2], kR1.v[3], kR1.v[4], kR1.v[5]}}; }
    // From a canonical integer given as 48 big-endian bytes. False when the
    // value is not below p.
    static bool from_be(const uint8_t* in48, Fp& out);
    static Fp from_u64(u64 x);
    // The canonical integer as 48 big-endian bytes.
    void to_be(uint8_t* out48) const;

    bool is_zero() const { return (v[0] | v[1] | v[2] | v[3] | v[4] | v[5]) == 0; }
    bool operator==(const Fp& o) const {
        return v[0] == o.v[0] && v[1] == o.v[1] && v[2] == o.v[2] && v[3] == o.v[3] && v[4] == o.v[4] &&
               v[5] == o.v[5];
    }
};

// Reduces a value below 2p to below p without a branch.
inline Fp reduce_once(const u64 s[kLimbs]) {
    u64 borrow = 0;
    u64 d[kLimbs];
#pragma GCC unroll 6
    for (int i = 0; i < kLimbs; ++i) d[i] = sub_borrow(s[i], kP[i], borrow);
    const u64 keep_s = 0 - borrow;  // borrow set: s < p, keep s
    Fp r;
#pragma GCC unroll 6
    for (int i = 0; i < kLimbs; ++i) r.v[i] = (s[i] & keep_s) | (d[i] & ~keep_s);
    return r;
}

inline Fp operator+(const Fp& a, const Fp& b) {
    // Both < p < 2^381, so the sum fits in 384 bits.
    u64 s[kLimbs];
    u64 carry = 0;
#pragma GCC unroll 6
    for (int i = 0; i < kLimbs; ++i) s[i] = add_carry(a.v[i], b.v[i], carry);
    return reduce_once(s);
}

inline Fp operator-(const Fp& a, const Fp& b) {
    Fp r;
    u64 borrow = 0;
#pragma GCC unroll 6
    for (int i = 0; i < kLimbs; ++i) r.v[i] = sub_borrow(a.v[i], b.v[i], borrow);
    const u64 mask = 0 - borrow;  // on underflow add p back
    u64 carry = 0;
#pragma GCC unroll 6
    for (int i = 0; i < kLimbs; ++i) r.v[i] = add_carry(r.v[i], kP[i] & mask, carry);
    return r;
}

inline Fp operator-(const Fp& a) { return Fp::zero() - a; }

// Montgomery product a·b·R^-1 mod p: CIOS (interleaved multiply and reduce)
// without the extra carry word, valid because p's top limb is below 2^62 so
// the running value never exceeds 2p < 2^384.
inline Fp operator*(const Fp& a, const Fp& b) {
    u64 t[kLimbs] = {0, 0, 0, 0, 0, 0};
#pragma GCC unroll 6
    for (int i = 0; i < kLimbs; ++i) {
        const u64 bi = b.v[i];
        u128 s = u128(a.v[0]) * bi + t[0];
        u64 carry_a = u64(s >> 64);
        const u64 m = u64(s) * kPInv;
        s = u128(m) * kP[0] + u64(s);
        u64 carry_m = u64(s >> 64);
#pragma GCC unroll 5
        for (int j = 1; j < kLimbs; ++j) {
            s = u128(a.v[j]) * bi + t[j] + carry_a;
            carry_a = u64(s >> 64);
            s = u128(m) * kP[j] + u64(s) + carry_m;
            carry_m = u64(s >> 64);
            t[j - 1] = u64(s);
        }
        t[kLimbs - 1] = carry_a + carry_m;
    }
    return reduce_once(t);
}

inline Fp square(const Fp& a) { return a * a; }
inline Fp dbl(const Fp& a) { return a + a; }

// a^e for an exponent given as little-endian 64-bit limbs: bn254's
// square-and-multiply template, for Fp and every field of the tower.
using bn254::pow;

// a^-1 as a^(p-2); the inverse of zero is zero.
Fp inverse(const Fp& a);
// A square root of a (p = 3 mod 4: a^((p+1)/4)); false when a is not a square.
bool sqrt(const Fp& a, Fp& out);
// The ZCash serialization's sign: a's canonical integer is above (p-1)/2.
bool lexicographically_largest(const Fp& a);

}  // namespace suture::evm::bls12_381
