#include "evm/bls12_381_pairing.hpp"

#include <vector>

namespace suture::evm::bls12_381 {

namespace {

constexpr u64 kAbsX = 0xd201000000010000ULL;  // |x|; x itself is negative

// T in homogeneous projective coordinates on the twist (x/z, y/z), so the
// loop needs no inversion. z = 0 is the point at infinity.
struct TwistPoint {
    Fp2 x, y, z;
};

// Lines are evaluated at P after untwisting (x, y) -> (x w^-2, y w^-3) (the
// M-twist). The affine tangent or chord with slope lambda through T, times
// w^3, is
//   l(P) = (lambda·xT - yT) - lambda·xP·w^2 + yP·w^3;
// the forms below are that line times a non-zero Fp2 factor, which the final
// exponentiation sends to 1, as is the factor w^3 (its square lies in Fp2).
// The doubling and addition formulas are bn254_pairing.cpp's with b' = 4·xi.

const Fp2& twist_b() {
    static const Fp2 b{Fp::from_u64(4), Fp::from_u64(4)};
    return b;
}

// f <- f·(tangent at T)(P), T <- 2T. The tangent times 2y·Z^2 is
// (Y^2 - 3b'Z^2) - 3X^2·xP·w^2 + 2YZ·yP·w^3; the double is
// (2XY(Y^2 - 9b'Z^2), (Y^2 + 9b'Z^2)^2 - 108 b'^2 Z^4, 8Y^3 Z).
void double_step(Fp12& f, TwistPoint& t, const G1& p) {
    if (t.z.is_zero()) return;
    if (t.y.is_zero()) {  // order two: not in G2, kept only for totality
        t.z = Fp2::zero();
        return;
    }
    const Fp2 xx = square(t.x), yy = square(t.y), zz = square(t.z);
    const Fp2 c = twist_b() * zz;
    const Fp2 c3 = dbl(c) + c;
    const Fp2 c9 = dbl(c3) + c3;
    const Fp2 yz = t.y * t.z;
    f = mul_by_line(f, yy - c3, -((dbl(xx) + xx) * p.x), dbl(yz) * p.y);

    const Fp2 cc = square(c);
    const Fp2 cc3 = dbl(cc) + cc;
    const Fp2 cc27 = dbl(dbl(dbl(cc3))) + cc3;  // 9·cc3
    t.x = dbl(t.x * t.y * (yy - c9));
    t.y = square(yy + c9) - dbl(dbl(cc27));
    t.z = dbl(dbl(dbl(yy * yz)));
}

// f <- f·(chord through T and Q)(P), T <- T + Q for affine Q. With
// theta = Y - yQ·Z and lam = X - xQ·Z the chord's slope is theta/lam; the
// line times lam is (theta·xQ - lam·yQ) - theta·xP·w^2 + lam·yP·w^3.
void add_step(Fp12& f, TwistPoint& t, const G2& q, const G1& p) {
    if (t.z.is_zero()) {
        t = {q.x, q.y, Fp2::one()};
        return;
    }
    const Fp2 theta = t.y - q.y * t.z;
    const Fp2 lam = t.x - q.x * t.z;
    if (lam.is_zero()) {
        if (theta.is_zero()) {
            double_step(f, t, p);
        } else {
            t.z = Fp2::zero();  // Q = -T: the vertical line lies in Fp6 and is dropped
        }
        return;
    }
    f = mul_by_line(f, theta * q.x - lam * q.y, -(theta * p.x), lam * p.y);

    const Fp2 l2 = square(lam), l3 = l2 * lam;
    const Fp2 h = square(theta) * t.z - l2 * (t.x + q.x * t.z);
    const Fp2 x3 = h * lam;
    const Fp2 y3 = theta * (t.x * l2 - h) - t.y * l3;
    t.z = l3 * t.z;
    t.x = x3;
    t.y = y3;
}

// a^x for a in the cyclotomic subgroup (x < 0: the inverse is the conjugate).
Fp12 pow_x(const Fp12& a) { return conj(cyclotomic_pow(a, kAbsX)); }

}  // namespace

Fp12 miller_loop(std::span<const std::pair<G1, G2>> pairs) {
    std::vector<std::pair<G1, G2>> live;
    for (const auto& pq : pairs) {
        if (!pq.first.infinity && !pq.second.infinity) live.push_back(pq);
    }
    Fp12 f = Fp12::one();
    if (live.empty()) return f;

    std::vector<TwistPoint> t(live.size());
    for (size_t i = 0; i < live.size(); ++i) t[i] = {live[i].second.x, live[i].second.y, Fp2::one()};
    // The top bit (63) is the starting T = Q; walk the remaining bits.
    for (int b = 62; b >= 0; --b) {
        f = square(f);
        for (size_t i = 0; i < live.size(); ++i) double_step(f, t[i], live[i].first);
        if ((kAbsX >> b) & 1) {
            for (size_t i = 0; i < live.size(); ++i) add_step(f, t[i], live[i].second, live[i].first);
        }
    }
    // f_{x} = 1/f_{|x|} up to a vertical line; after the final exponentiation
    // the inverse is the conjugate.
    return conj(f);
}

Fp12 final_exponentiation(const Fp12& f) {
    // Easy part: f^(p^6 - 1) = conj(f)/f, then ^(p^2 + 1). The result lies in
    // the cyclotomic subgroup, where the inverse is the conjugate.
    Fp12 g = conj(f) * inverse(f);
    g = frobenius(frobenius(g)) * g;

    // Hard part, cubed: g^((x-1)^2 (x+p)(x^2+p^2-1)) · g^3.
    Fp12 a = pow_x(g) * conj(g);                                         // g^(x-1)
    a = pow_x(a) * conj(a);                                              // g^((x-1)^2)
    const Fp12 b = pow_x(a) * frobenius(a);                              // ·^(x+p)
    const Fp12 c = pow_x(pow_x(b)) * frobenius(frobenius(b)) * conj(b);  // ·^(x^2+p^2-1)
    return c * cyclotomic_square(g) * g;
}

bool pairing_check(std::span<const std::pair<G1, G2>> pairs) {
    return final_exponentiation(miller_loop(pairs)).is_one();
}

}  // namespace suture::evm::bls12_381
