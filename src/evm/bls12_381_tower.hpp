// The extension tower over BLS12-381's Fp used by the pairing:
//   Fp2  = Fp[u]  / (u^2 + 1)
//   Fp6  = Fp2[v] / (v^3 - xi),  xi = 1 + u
//   Fp12 = Fp6[w] / (w^2 - v)     (so w^6 = xi)
// G2 points live on the M-type sextic twist y^2 = x^3 + 4·xi over Fp2; the
// pairing values live in Fp12. Same shape as bn254_tower.hpp; the two towers
// differ in xi and in which coefficients a Miller-loop line fills.
#pragma once

#include "evm/bls12_381_fp.hpp"

namespace suture::evm::bls12_381 {

struct Fp2 {
    Fp c0, c1;  // c0 + c1·u

    static Fp2 zero() { return {}; }
    static Fp2 one() { return {Fp::one(), Fp::zero()}; }
    bool is_zero() const { return c0.is_zero() && c1.is_zero(); }
    bool operator==(const Fp2& o) const { return c0 == o.c0 && c1 == o.c1; }
};

inline Fp2 operator+(const Fp2& a, const Fp2& b) { return {a.c0 + b.c0, a.c1 + b.c1}; }
inline Fp2 operator-(const Fp2& a, const Fp2& b) { return {a.c0 - b.c0, a.c1 - b.c1}; }
inline Fp2 operator-(const Fp2& a) { return {-a.c0, -a.c1}; }
inline Fp2 operator*(const Fp2& a, const Fp2& b) {
    // Karatsuba: three base-field products; u^2 = -1.
    const Fp t0 = a.c0 * b.c0, t1 = a.c1 * b.c1;
    return {t0 - t1, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}
inline Fp2 operator*(const Fp2& a, const Fp& s) { return {a.c0 * s, a.c1 * s}; }
inline Fp2 square(const Fp2& a) {
    const Fp t = a.c0 * a.c1;
    return {(a.c0 + a.c1) * (a.c0 - a.c1), t + t};
}
inline Fp2 dbl(const Fp2& a) { return a + a; }
inline Fp2 conj(const Fp2& a) { return {a.c0, -a.c1}; }  // also a^p
// a·xi with xi = 1 + u: (c0 - c1) + (c0 + c1) u.
inline Fp2 mul_by_xi(const Fp2& a) { return {a.c0 - a.c1, a.c0 + a.c1}; }
Fp2 inverse(const Fp2& a);  // zero maps to zero
// A square root of a; false when a is not a square in Fp2.
bool sqrt(const Fp2& a, Fp2& out);
// The ZCash serialization's sign of an Fp2 value: c1's sign, or c0's when c1 = 0.
bool lexicographically_largest(const Fp2& a);

struct Fp6 {
    Fp2 c0, c1, c2;  // c0 + c1·v + c2·v^2

    static Fp6 zero() { return {}; }
    static Fp6 one() { return {Fp2::one(), Fp2::zero(), Fp2::zero()}; }
    bool is_zero() const { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
    bool operator==(const Fp6& o) const { return c0 == o.c0 && c1 == o.c1 && c2 == o.c2; }
};

inline Fp6 operator+(const Fp6& a, const Fp6& b) { return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2}; }
inline Fp6 operator-(const Fp6& a, const Fp6& b) { return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2}; }
inline Fp6 operator-(const Fp6& a) { return {-a.c0, -a.c1, -a.c2}; }
Fp6 operator*(const Fp6& a, const Fp6& b);
Fp6 square(const Fp6& a);
// a·v: (c0, c1, c2) -> (xi·c2, c0, c1) since v^3 = xi.
inline Fp6 mul_by_v(const Fp6& a) { return {mul_by_xi(a.c2), a.c0, a.c1}; }
Fp6 inverse(const Fp6& a);

struct Fp12 {
    Fp6 c0, c1;  // c0 + c1·w

    static Fp12 one() { return {Fp6::one(), Fp6::zero()}; }
    bool is_one() const { return c0 == Fp6::one() && c1.is_zero(); }
    bool operator==(const Fp12& o) const { return c0 == o.c0 && c1 == o.c1; }
};

Fp12 operator*(const Fp12& a, const Fp12& b);
Fp12 square(const Fp12& a);
// Product with a Miller-loop line (miller_steps.hpp) with the given y term,
// x term and constant: on the M-twist, times w^3, the value
// constant + x_term·w^2 + y_term·w^3.
Fp12 mul_by_line(const Fp12& f, const Fp2& y_term, const Fp2& x_term, const Fp2& constant);
inline Fp12 conj(const Fp12& a) { return {a.c0, -a.c1}; }  // a^(p^6)
Fp12 inverse(const Fp12& a);
Fp12 frobenius(const Fp12& a);  // a^p
// a^2 for a in the cyclotomic subgroup (after the easy part of the final
// exponentiation); wrong for other elements.
Fp12 cyclotomic_square(const Fp12& a);
// a^e for a in the cyclotomic subgroup, with cyclotomic squarings.
Fp12 cyclotomic_pow(const Fp12& a, u64 e);

}  // namespace suture::evm::bls12_381
