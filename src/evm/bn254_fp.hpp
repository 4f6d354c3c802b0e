// The base field Fp of the alt_bn128 (bn254) curve used by the EIP-196/197
// precompiles: p = 0x30644e72...d87cfd47, about 2^253.6.
//
// Elements are kept in Montgomery form (a·R mod p with R = 2^256) on four
// little-endian 64-bit limbs, so a product is one Montgomery reduction
// instead of a 512-bit division. Every value is fully reduced (< p), so
// equality is limb equality.
#pragma once

#include <cstdint>
#if defined(__x86_64__)
#include <x86intrin.h>
#endif

namespace suture::evm::bn254 {

using u64 = uint64_t;
using u128 = unsigned __int128;

// Add/subtract with carry on 64-bit limbs. On x86-64 the intrinsics compile to
// adc/sbb chains; the portable form goes through 128-bit sums.
inline u64 add_carry(u64 a, u64 b, u64& carry) {
#if defined(__x86_64__)
    unsigned long long r;
    carry = _addcarry_u64((unsigned char)carry, a, b, &r);
    return r;
#else
    const u128 t = u128(a) + b + carry;
    carry = u64(t >> 64);
    return u64(t);
#endif
}

inline u64 sub_borrow(u64 a, u64 b, u64& borrow) {
#if defined(__x86_64__)
    unsigned long long r;
    borrow = _subborrow_u64((unsigned char)borrow, a, b, &r);
    return r;
#else
    const u128 t = u128(a) - b - borrow;
    borrow = u64(t >> 64) & 1;
    return u64(t);
#endif
}

// The field modulus, little-endian limbs.
inline constexpr u64 kP[4] = {0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d,
                              0x30644e72e131a029};

namespace detail {
// -p^-1 mod 2^64 by Newton iteration (each step doubles the correct low bits).
constexpr u64 montgomery_inv() {
    u64 inv = 1;
    for (int i = 0; i < 7; ++i) inv *= 2 - kP[0] * inv;
    return ~inv + 1;
}

constexpr bool geq_p(const u64 a[4]) {
#pragma GCC unroll 4
    for (int i = 3; i >= 0; --i) {
        if (a[i] != kP[i]) return a[i] > kP[i];
    }
    return true;
}

constexpr void sub_p(u64 a[4]) {
    u64 borrow = 0;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) {
        u128 d = u128(a[i]) - kP[i] - borrow;
        a[i] = u64(d);
        borrow = u64(d >> 64) & 1;
    }
}

// 2^k mod p for k >= 256 by repeated doubling from 2^255 mod p
// (2^255 < 3p, so at most two subtractions reduce it).
struct Limbs { u64 v[4]; };
constexpr Limbs pow2_mod_p(int k) {
    Limbs r{{0, 0, 0, u64(1) << 63}};
    while (geq_p(r.v)) sub_p(r.v);
    for (int i = 255; i < k; ++i) {
        u64 carry = 0;
        for (int j = 0; j < 4; ++j) {
            u64 next = r.v[j] >> 63;
            r.v[j] = (r.v[j] << 1) | carry;
            carry = next;
        }
        if (carry || geq_p(r.v)) sub_p(r.v);  // p < 2^254: the doubled value never exceeds 2^255
    }
    return r;
}
}  // namespace detail

// The multiplication below skips the top carry word; that needs p's top limb
// below 2^63 - 1 (it is about 2^61.6).
static_assert(kP[3] < (UINT64_MAX >> 1) - 1);

inline constexpr u64 kPInv = detail::montgomery_inv();  // -p^-1 mod 2^64
inline constexpr detail::Limbs kR2 = detail::pow2_mod_p(512);  // R^2 mod p, converts into Montgomery form
inline constexpr detail::Limbs kR1 = detail::pow2_mod_p(256);  // R mod p: the Montgomery form of 1

struct Fp {
    u64 v[4] = {0, 0, 0, 0};  // Montgomery form, < p

    static constexpr Fp zero() { return Fp{}; }
    static constexpr Fp one() { return Fp{{kR1.v[0], kR1.v[1], kR1.v[2], kR1.v[3]}}; }
    // From a canonical integer given as 32 big-endian bytes. False when the
    // value is not below p (EIP-196: such a coordinate makes the input invalid).
    static bool from_be(const uint8_t* in32, Fp& out);
    static Fp from_u64(u64 x);
    void to_be(uint8_t* out32) const;

    bool is_zero() const { return (v[0] | v[1] | v[2] | v[3]) == 0; }
    bool operator==(const Fp& o) const {
        return v[0] == o.v[0] && v[1] == o.v[1] && v[2] == o.v[2] && v[3] == o.v[3];
    }
};

// Reduces a value below 2p to below p without a branch (the comparison
// branch of "if (r >= p) r -= p" mispredicts half the time).
inline Fp reduce_once(const u64 s[4]) {
    u64 borrow = 0;
    u64 d[4];
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) d[i] = sub_borrow(s[i], kP[i], borrow);
    // borrow set: s < p, keep s; else keep s - p.
    const u64 keep_s = 0 - borrow;
    Fp r;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) r.v[i] = (s[i] & keep_s) | (d[i] & ~keep_s);
    return r;
}

inline Fp operator+(const Fp& a, const Fp& b) {
    // Both < p < 2^254, so the sum fits in 256 bits.
    u64 s[4];
    u64 carry = 0;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) s[i] = add_carry(a.v[i], b.v[i], carry);
    return reduce_once(s);
}

inline Fp operator-(const Fp& a, const Fp& b) {
    Fp r;
    u64 borrow = 0;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) r.v[i] = sub_borrow(a.v[i], b.v[i], borrow);
    // On underflow add p back (mask is all ones then).
    const u64 mask = 0 - borrow;
    u64 carry = 0;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) r.v[i] = add_carry(r.v[i], kP[i] & mask, carry);
    return r;
}

inline Fp operator-(const Fp& a) { return Fp::zero() - a; }

// Montgomery product a·b·R^-1 mod p: CIOS (interleaved multiply and reduce)
// without the extra carry word, valid because p's top limb is below 2^62 so
// the running value never exceeds 2p < 2^256.
inline Fp operator*(const Fp& a, const Fp& b) {
    u64 t0 = 0, t1 = 0, t2 = 0, t3 = 0;
#pragma GCC unroll 4
    for (int i = 0; i < 4; ++i) {
        const u64 bi = b.v[i];
        u128 s = u128(a.v[0]) * bi + t0;
        u64 carry_a = u64(s >> 64);
        t0 = u64(s);
        const u64 m = t0 * kPInv;
        s = u128(m) * kP[0] + t0;
        u64 carry_m = u64(s >> 64);

        s = u128(a.v[1]) * bi + t1 + carry_a;
        carry_a = u64(s >> 64);
        s = u128(m) * kP[1] + u64(s) + carry_m;
        carry_m = u64(s >> 64);
        t0 = u64(s);

        s = u128(a.v[2]) * bi + t2 + carry_a;
        carry_a = u64(s >> 64);
        s = u128(m) * kP[2] + u64(s) + carry_m;
        carry_m = u64(s >> 64);
        t1 = u64(s);

        s = u128(a.v[3]) * bi + t3 + carry_a;
        carry_a = u64(s >> 64);
        s = u128(m) * kP[3] + u64(s) + carry_m;
        carry_m = u64(s >> 64);
        t2 = u64(s);

        t3 = carry_a + carry_m;
    }
    const u64 t[4] = {t0, t1, t2, t3};
    return reduce_once(t);
}

inline Fp square(const Fp& a) { return a * a; }
inline Fp dbl(const Fp& a) { return a + a; }

// a^e for an exponent given as little-endian 64-bit limbs, in Fp or any
// field of the tower (F needs one(), square() and *).
template <typename F>
F pow(const F& a, const u64* e, int limbs) {
    F r = F::one();
    for (int i = limbs - 1; i >= 0; --i) {
        for (int b = 63; b >= 0; --b) {
            r = square(r);
            if ((e[i] >> b) & 1) r = r * a;
        }
    }
    return r;
}
// a^-1 (binary extended Euclid); the inverse of zero is zero.
Fp inverse(const Fp& a);
// a^-1 as a^(p-2): slower, kept as the reference the tests compare against.
Fp inverse_by_fermat(const Fp& a);

}  // namespace suture::evm::bn254
