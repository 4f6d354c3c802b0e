#include "evm/bls12_381_tower.hpp"

#include <array>

namespace suture::evm::bls12_381 {

Fp2 inverse(const Fp2& a) {
    // 1/(c0 + c1 u) = (c0 - c1 u)/(c0^2 + c1^2)
    const Fp t = inverse(square(a.c0) + square(a.c1));
    return {a.c0 * t, -(a.c1 * t)};
}

namespace {
// (p-3)/4 and (p-1)/2, the exponents of the square root below.
constexpr detail::Limbs kPMinus3Over4 = detail::p_shifted(-3, 2);
constexpr detail::Limbs kPMinus1Over2 = detail::p_shifted(-1, 1);
}  // namespace

bool sqrt(const Fp2& a, Fp2& out) {
    // Adj and Rodriguez-Henriquez (2012), "Square root computation over even
    // extension fields", algorithm 9 (q = p^2 with p = 3 mod 4).
    if (a.is_zero()) {
        out = Fp2::zero();
        return true;
    }
    const Fp2 a1 = pow(a, kPMinus3Over4.v, kLimbs);
    const Fp2 alpha = square(a1) * a;
    const Fp2 x0 = a1 * a;
    Fp2 x;
    if (alpha == -Fp2::one()) {
        x = {-x0.c1, x0.c0};  // u·x0
    } else {
        x = pow(Fp2::one() + alpha, kPMinus1Over2.v, kLimbs) * x0;
    }
    if (!(square(x) == a)) return false;
    out = x;
    return true;
}

bool lexicographically_largest(const Fp2& a) {
    if (!a.c1.is_zero()) return lexicographically_largest(a.c1);
    return lexicographically_largest(a.c0);
}

Fp6 operator*(const Fp6& a, const Fp6& b) {
    // Karatsuba over the cubic extension: six Fp2 products; v^3 = xi.
    const Fp2 t0 = a.c0 * b.c0, t1 = a.c1 * b.c1, t2 = a.c2 * b.c2;
    return {
        t0 + mul_by_xi((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2),
        (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + mul_by_xi(t2),
        (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1,
    };
}

Fp6 square(const Fp6& a) {
    // Chung-Hasan SQR2.
    const Fp2 s0 = square(a.c0);
    const Fp2 s1 = dbl(a.c0 * a.c1);
    const Fp2 s2 = square(a.c0 - a.c1 + a.c2);
    const Fp2 s3 = dbl(a.c1 * a.c2);
    const Fp2 s4 = square(a.c2);
    return {s0 + mul_by_xi(s3), s1 + mul_by_xi(s4), s1 + s2 + s3 - s0 - s4};
}

Fp6 inverse(const Fp6& a) {
    // Adjugate over the norm: a·(A + B v + C v^2) = F lies in Fp2.
    const Fp2 A = square(a.c0) - mul_by_xi(a.c1 * a.c2);
    const Fp2 B = mul_by_xi(square(a.c2)) - a.c0 * a.c1;
    const Fp2 C = square(a.c1) - a.c0 * a.c2;
    const Fp2 F = a.c0 * A + mul_by_xi(a.c2 * B + a.c1 * C);
    const Fp2 f = inverse(F);
    return {A * f, B * f, C * f};
}

namespace {
// (b0 + b1 v)·x for x in Fp6.
Fp6 mul_by_01(const Fp6& x, const Fp2& b0, const Fp2& b1) {
    return {x.c0 * b0 + mul_by_xi(x.c2 * b1), x.c0 * b1 + x.c1 * b0, x.c1 * b1 + x.c2 * b0};
}
// (b1 v)·x for x in Fp6.
Fp6 mul_by_1(const Fp6& x, const Fp2& b1) { return {mul_by_xi(x.c2 * b1), x.c0 * b1, x.c1 * b1}; }
}  // namespace

Fp12 operator*(const Fp12& a, const Fp12& b) {
    const Fp6 t0 = a.c0 * b.c0, t1 = a.c1 * b.c1;
    return {t0 + mul_by_v(t1), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

Fp12 square(const Fp12& a) {
    // Complex squaring: (a0 + a1 w)^2 = (a0 + a1)(a0 + v a1) - t - v t + 2 t w, t = a0 a1.
    const Fp6 t = a.c0 * a.c1;
    return {(a.c0 + a.c1) * (a.c0 + mul_by_v(a.c1)) - t - mul_by_v(t), t + t};
}

Fp12 mul_by_line(const Fp12& f, const Fp2& a0, const Fp2& a2, const Fp2& a3) {
    // The line is L0 + L1 w with L0 = a0 + a2 v and L1 = a3 v (w^2 = v, w^3 = v w).
    // Karatsuba: f0 L0 + v f1 L1 + ((f0 + f1)(L0 + L1) - f0 L0 - f1 L1) w.
    const Fp6 t0 = mul_by_01(f.c0, a0, a2);
    const Fp6 t1 = mul_by_1(f.c1, a3);
    const Fp6 s = mul_by_01(f.c0 + f.c1, a0, a2 + a3);
    return {t0 + mul_by_v(t1), s - t0 - t1};
}

Fp12 inverse(const Fp12& a) {
    // (a0 + a1 w)(a0 - a1 w) = a0^2 - v a1^2, an Fp6 element.
    const Fp6 d = inverse(square(a.c0) - mul_by_v(square(a.c1)));
    return {a.c0 * d, -(a.c1 * d)};
}

namespace {
// gamma[i] = xi^(i(p-1)/6) = w^(i(p-1)), i = 0..5: (g·w^i)^p = conj(g)·gamma[i]·w^i.
const std::array<Fp2, 6>& frobenius_gammas() {
    static const std::array<Fp2, 6> gammas = [] {
        // (p-1)/6 by long division of the limbs (p = 1 mod 6).
        u64 e[kLimbs];
        u128 rem = 0;
        for (int i = kLimbs - 1; i >= 0; --i) {
            const u128 cur = (rem << 64) | (i == 0 ? kP[0] - 1 : kP[i]);
            e[i] = u64(cur / 6);
            rem = cur % 6;
        }
        const Fp2 xi{Fp::one(), Fp::one()};
        std::array<Fp2, 6> g;
        g[0] = Fp2::one();
        g[1] = pow(xi, e, kLimbs);
        for (int i = 2; i < 6; ++i) g[i] = g[i - 1] * g[1];
        return g;
    }();
    return gammas;
}

// Fp4 = Fp2[s]/(s^2 - xi) element x + y·s squared: (x^2 + xi·y^2) + 2xy·s.
void fp4_square(const Fp2& x, const Fp2& y, Fp2& out_x, Fp2& out_y) {
    const Fp2 t0 = square(x), t1 = square(y);
    out_x = t0 + mul_by_xi(t1);
    out_y = square(x + y) - t0 - t1;
}
}  // namespace

Fp12 frobenius(const Fp12& a) {
    const auto& g = frobenius_gammas();
    return {{conj(a.c0.c0), conj(a.c0.c1) * g[2], conj(a.c0.c2) * g[4]},
            {conj(a.c1.c0) * g[1], conj(a.c1.c1) * g[3], conj(a.c1.c2) * g[5]}};
}

Fp12 cyclotomic_square(const Fp12& f) {
    // Granger and Scott (2010); see bn254_tower.cpp for the derivation (it
    // holds for any xi with w^6 = xi).
    const Fp2 &g0 = f.c0.c0, &g2 = f.c0.c1, &g4 = f.c0.c2;
    const Fp2 &g1 = f.c1.c0, &g3 = f.c1.c1, &g5 = f.c1.c2;
    Fp2 a0, a1, b0, b1, c0, c1;
    fp4_square(g0, g3, a0, a1);
    fp4_square(g1, g4, b0, b1);
    fp4_square(g2, g5, c0, c1);
    const Fp2 sc0 = mul_by_xi(c1), sc1 = c0;
    const Fp2 h0 = a0 + dbl(a0 - g0);
    const Fp2 h3 = a1 + dbl(a1 + g3);
    const Fp2 h1 = sc0 + dbl(sc0 + g1);
    const Fp2 h4 = sc1 + dbl(sc1 - g4);
    const Fp2 h2 = b0 + dbl(b0 - g2);
    const Fp2 h5 = b1 + dbl(b1 + g5);
    return {{h0, h2, h4}, {h1, h3, h5}};
}

Fp12 cyclotomic_pow(const Fp12& a, u64 e) {
    Fp12 r = Fp12::one();
    bool started = false;
    for (int b = 63; b >= 0; --b) {
        if (started) r = cyclotomic_square(r);
        if ((e >> b) & 1) {
            r = started ? r * a : a;
            started = true;
        }
    }
    return r;
}

}  // namespace suture::evm::bls12_381
