// The arithmetic shared by the pairing towers Fp2 ⊂ Fp6 ⊂ Fp12 of bn254 and
// BLS12-381: Fp2 = Fp[u]/(u^2 + 1), Fp6 = Fp2[v]/(v^3 - xi),
// Fp12 = Fp6[w]/(w^2 - v). The two curves differ only in xi, which each
// tower supplies as mul_by_xi(Fp2) (and mul_by_v(Fp6)) found by
// argument-dependent lookup, so the formulas are written once here and
// instantiated by bn254_tower.cpp and bls12_381_tower.cpp.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <type_traits>

namespace suture::evm::tower_ops {

// 1/(c0 + c1 u) = (c0 - c1 u)/(c0^2 + c1^2); zero maps to zero.
template <typename Fp2>
Fp2 fp2_inverse(const Fp2& a) {
    const auto t = inverse(square(a.c0) + square(a.c1));
    return {a.c0 * t, -(a.c1 * t)};
}

// Karatsuba over the cubic extension: six Fp2 products; v^3 = xi.
template <typename Fp6>
Fp6 fp6_mul(const Fp6& a, const Fp6& b) {
    const auto t0 = a.c0 * b.c0, t1 = a.c1 * b.c1, t2 = a.c2 * b.c2;
    return {
        t0 + mul_by_xi((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2),
        (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + mul_by_xi(t2),
        (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1,
    };
}

// Chung-Hasan SQR2: two squarings and three products instead of six products.
template <typename Fp6>
Fp6 fp6_square(const Fp6& a) {
    const auto s0 = square(a.c0);
    const auto s1 = dbl(a.c0 * a.c1);
    const auto s2 = square(a.c0 - a.c1 + a.c2);
    const auto s3 = dbl(a.c1 * a.c2);
    const auto s4 = square(a.c2);
    return {s0 + mul_by_xi(s3), s1 + mul_by_xi(s4), s1 + s2 + s3 - s0 - s4};
}

// Adjugate over the norm: a·(A + B v + C v^2) = F lies in Fp2.
template <typename Fp6>
Fp6 fp6_inverse(const Fp6& a) {
    const auto A = square(a.c0) - mul_by_xi(a.c1 * a.c2);
    const auto B = mul_by_xi(square(a.c2)) - a.c0 * a.c1;
    const auto C = square(a.c1) - a.c0 * a.c2;
    const auto F = a.c0 * A + mul_by_xi(a.c2 * B + a.c1 * C);
    const auto f = inverse(F);
    return {A * f, B * f, C * f};
}

// (b0 + b1 v)·x for x in Fp6.
template <typename Fp6, typename Fp2>
Fp6 fp6_mul_by_01(const Fp6& x, const Fp2& b0, const Fp2& b1) {
    return {x.c0 * b0 + mul_by_xi(x.c2 * b1), x.c0 * b1 + x.c1 * b0, x.c1 * b1 + x.c2 * b0};
}

// s·x for x in Fp6 and s in Fp2.
template <typename Fp6, typename Fp2>
Fp6 fp6_scale(const Fp6& x, const Fp2& s) {
    return {x.c0 * s, x.c1 * s, x.c2 * s};
}

template <typename Fp12>
Fp12 fp12_mul(const Fp12& a, const Fp12& b) {
    const auto t0 = a.c0 * b.c0, t1 = a.c1 * b.c1;
    return {t0 + mul_by_v(t1), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

// Complex squaring: (a0 + a1 w)^2 = (a0 + a1)(a0 + v a1) - t - v t + 2 t w, t = a0 a1.
template <typename Fp12>
Fp12 fp12_square(const Fp12& a) {
    const auto t = a.c0 * a.c1;
    return {(a.c0 + a.c1) * (a.c0 + mul_by_v(a.c1)) - t - mul_by_v(t), t + t};
}

// (a0 + a1 w)(a0 - a1 w) = a0^2 - v a1^2, an Fp6 element.
template <typename Fp12>
Fp12 fp12_inverse(const Fp12& a) {
    const auto d = inverse(square(a.c0) - mul_by_v(square(a.c1)));
    return {a.c0 * d, -(a.c1 * d)};
}

// a^p given gamma[i] = xi^(i(p-1)/6) = w^(i(p-1)): (g·w^i)^p = conj(g)·gamma[i]·w^i.
// c0 holds the w^0, w^2, w^4 coefficients; c1 the w^1, w^3, w^5 ones.
template <typename Fp12, typename Fp2>
Fp12 fp12_frobenius(const Fp12& a, const std::array<Fp2, 6>& g) {
    return {{conj(a.c0.c0), conj(a.c0.c1) * g[2], conj(a.c0.c2) * g[4]},
            {conj(a.c1.c0) * g[1], conj(a.c1.c1) * g[3], conj(a.c1.c2) * g[5]}};
}

// gamma[i] = xi^(i(p-1)/6), i = 0..5, for fp12_frobenius; p (little-endian
// limbs) must be 1 mod 6. pow is the field's square-and-multiply.
template <typename Fp2, size_t N>
std::array<Fp2, 6> frobenius_gammas(const uint64_t (&p)[N], const Fp2& xi) {
    uint64_t e[N];  // (p-1)/6 by long division of the limbs
    unsigned __int128 rem = 0;
    for (int i = int(N) - 1; i >= 0; --i) {
        const unsigned __int128 cur = (rem << 64) | (i == 0 ? p[0] - 1 : p[i]);
        e[i] = uint64_t(cur / 6);
        rem = cur % 6;
    }
    std::array<Fp2, 6> g;
    g[0] = Fp2::one();
    g[1] = pow(xi, e, int(N));
    for (int i = 2; i < 6; ++i) g[i] = g[i - 1] * g[1];
    return g;
}

// Fp4 = Fp2[s]/(s^2 - xi) element x + y·s squared: (x^2 + xi·y^2) + 2xy·s.
template <typename Fp2>
void fp4_square(const Fp2& x, const Fp2& y, Fp2& out_x, Fp2& out_y) {
    const Fp2 t0 = square(x), t1 = square(y);
    out_x = t0 + mul_by_xi(t1);
    out_y = square(x + y) - t0 - t1;
}

// a^2 for a in the cyclotomic subgroup (a^(p^4 - p^2 + 1) = 1); wrong for
// other elements. Granger and Scott (2010), "Faster squaring in the
// cyclotomic subgroup of sixth degree extensions". Seen over Fp4 = Fp2[s],
// s = w^3, the element is A + B·w + C·w^2 with A = g0 + g3 s, B = g1 + g4 s,
// C = g2 + g5 s (g_i the coefficient of w^i), and in the cyclotomic subgroup
//   f^2 = (3A^2 - 2 conj(A)) + (3 s C^2 + 2 conj(B))·w + (3B^2 - 2 conj(C))·w^2,
// conj the Fp4 conjugation s -> -s.
template <typename Fp12>
Fp12 cyclotomic_square(const Fp12& f) {
    const auto &g0 = f.c0.c0, &g2 = f.c0.c1, &g4 = f.c0.c2;
    const auto &g1 = f.c1.c0, &g3 = f.c1.c1, &g5 = f.c1.c2;
    using Fp2 = std::remove_cvref_t<decltype(g0)>;
    Fp2 a0, a1, b0, b1, c0, c1;
    fp4_square(g0, g3, a0, a1);  // A^2
    fp4_square(g1, g4, b0, b1);  // B^2
    fp4_square(g2, g5, c0, c1);  // C^2
    // s·C^2 = xi·c1 + c0·s
    const Fp2 sc0 = mul_by_xi(c1), sc1 = c0;
    // 3X - 2Y = X + 2(X - Y); for the conjugate terms Y's s-part changes sign.
    const Fp2 h0 = a0 + dbl(a0 - g0);    // 3 A^2 - 2 conj(A), 1-part
    const Fp2 h3 = a1 + dbl(a1 + g3);    //                    s-part
    const Fp2 h1 = sc0 + dbl(sc0 + g1);  // 3 s C^2 + 2 conj(B), 1-part
    const Fp2 h4 = sc1 + dbl(sc1 - g4);  //                      s-part
    const Fp2 h2 = b0 + dbl(b0 - g2);    // 3 B^2 - 2 conj(C), 1-part
    const Fp2 h5 = b1 + dbl(b1 + g5);    //                    s-part
    return {{h0, h2, h4}, {h1, h3, h5}};
}

// a^e for a in the cyclotomic subgroup, with cyclotomic squarings.
template <typename Fp12>
Fp12 cyclotomic_pow(const Fp12& a, uint64_t e) {
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

}  // namespace suture::evm::tower_ops
