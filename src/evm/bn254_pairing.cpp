#include "evm/bn254_pairing.hpp"

#include <cstdint>
#include <vector>

namespace suture::evm::bn254 {

namespace {

constexpr u64 kX = 4965661367192848881ULL;  // BN parameter of bn254
// 6x + 2 in non-adjacent form (digits -1, 0, 1, least significant first):
// 22 non-zero digits instead of 37 set bits, so fewer addition steps.
struct Naf {
    int8_t digit[80] = {};
    int length = 0;
};
constexpr Naf loop_naf() {
    Naf n;
    u128 v = u128(6) * kX + 2;
    while (v != 0) {
        int8_t d = 0;
        if (v & 1) {
            d = (v & 3) == 1 ? 1 : -1;  // 2 - (v mod 4)
            v = d == 1 ? v - 1 : v + 1;
        }
        n.digit[n.length++] = d;
        v >>= 1;
    }
    return n;
}
constexpr Naf kLoop = loop_naf();

// T in homogeneous projective coordinates on the twist (x/z, y/z), so the
// loop needs no inversion. z = 0 is the point at infinity.
struct TwistPoint {
    Fp2 x, y, z;
};

// Lines are evaluated at P after untwisting (x, y) -> (x w^2, y w^3). The
// affine tangent or chord with slope lambda through T gives
//   l(P) = yP - lambda·xP·w + (lambda·xT - yT)·w^3;
// the forms below are that line times a non-zero Fp2 factor, which the final
// exponentiation sends to 1 (Fp2 lies in Fp6, and f^(p^6-1) kills Fp6).

// f <- f^2-step line at T, T <- 2T. The tangent times 2y·Z^2, using
// y^2 = x^3 + b', is 2YZ·yP - 3X^2·xP·w + (Y^2 - 3b'Z^2)·w^3; the double is
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
    f = mul_by_line(f, dbl(yz) * p.y, -((dbl(xx) + xx) * p.x), yy - c3);

    const Fp2 cc = square(c);
    const Fp2 cc3 = dbl(cc) + cc;
    const Fp2 cc27 = dbl(dbl(dbl(cc3))) + cc3;  // 9·cc3
    t.x = dbl(t.x * t.y * (yy - c9));
    t.y = square(yy + c9) - dbl(dbl(cc27));
    t.z = dbl(dbl(dbl(yy * yz)));
}

// f <- f·l_{T,Q}(P), T <- T + Q for affine Q. With theta = Y - yQ·Z and
// lam = X - xQ·Z the chord's slope is theta/lam; the line times lam is
// lam·yP - theta·xP·w + (theta·xQ - lam·yQ)·w^3.
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
            // Q = -T: the vertical line lies in Fp6 and is dropped.
            t.z = Fp2::zero();
        }
        return;
    }
    f = mul_by_line(f, lam * p.y, -(theta * p.x), theta * q.x - lam * q.y);

    const Fp2 l2 = square(lam), l3 = l2 * lam;
    const Fp2 h = square(theta) * t.z - l2 * (t.x + q.x * t.z);
    const Fp2 x3 = h * lam;
    const Fp2 y3 = theta * (t.x * l2 - h) - t.y * l3;
    t.z = l3 * t.z;
    t.x = x3;
    t.y = y3;
}

Fp12 pow_x(const Fp12& a) { return cyclotomic_pow(a, kX); }

}  // namespace

Fp12 miller_loop(std::span<const std::pair<G1, G2>> pairs) {
    std::vector<std::pair<G1, G2>> live;
    for (const auto& pq : pairs) {
        if (!pq.first.infinity && !pq.second.infinity) live.push_back(pq);
    }
    Fp12 f = Fp12::one();
    if (live.empty()) return f;

    std::vector<TwistPoint> t(live.size());
    std::vector<G2> neg_q(live.size());
    for (size_t i = 0; i < live.size(); ++i) {
        t[i] = {live[i].second.x, live[i].second.y, Fp2::one()};
        neg_q[i] = {live[i].second.x, -live[i].second.y, false};
    }
    // The top digit (1) is the starting T = Q; walk the remaining digits.
    for (int b = kLoop.length - 2; b >= 0; --b) {
        f = square(f);
        for (size_t i = 0; i < live.size(); ++i) double_step(f, t[i], live[i].first);
        if (kLoop.digit[b] == 1) {
            for (size_t i = 0; i < live.size(); ++i) add_step(f, t[i], live[i].second, live[i].first);
        } else if (kLoop.digit[b] == -1) {
            for (size_t i = 0; i < live.size(); ++i) add_step(f, t[i], neg_q[i], live[i].first);
        }
    }
    for (size_t i = 0; i < live.size(); ++i) {
        const G2 q1 = twist_frobenius(live[i].second);
        G2 q2 = twist_frobenius(q1);
        q2.y = -q2.y;
        add_step(f, t[i], q1, live[i].first);
        add_step(f, t[i], q2, live[i].first);
    }
    return f;
}

Fp12 final_exponentiation(const Fp12& f) {
    // Easy part: f^(p^6 - 1) = conj(f)/f, then ^(p^2 + 1). The result lies in
    // the cyclotomic subgroup, where the inverse is the conjugate.
    Fp12 g = conj(f) * inverse(f);
    g = frobenius(frobenius(g)) * g;

    // Hard part: (p^4 - p^2 + 1)/r = l3 p^3 + l2 p^2 + l1 p + l0 with
    // l3 = 1, l2 = 6x^2 + 1, l1 = -36x^3 - 18x^2 - 12x + 1, l0 = -36x^3 - 30x^2 - 18x - 2,
    // computed as y0 · y1^2 · y2^6 · y3^12 · y4^18 · y5^30 · y6^36.
    const Fp12 fp = frobenius(g);
    const Fp12 fp2 = frobenius(fp);
    const Fp12 fp3 = frobenius(fp2);
    const Fp12 fu = pow_x(g);
    const Fp12 fu2 = pow_x(fu);
    const Fp12 fu3 = pow_x(fu2);

    const Fp12 y0 = fp * fp2 * fp3;
    const Fp12 y1 = conj(g);
    const Fp12 y2 = frobenius(frobenius(fu2));
    const Fp12 y3 = conj(frobenius(fu));
    const Fp12 y4 = conj(fu * frobenius(fu2));
    const Fp12 y5 = conj(fu2);
    const Fp12 y6 = conj(fu3 * frobenius(fu3));

    Fp12 t0 = square(y6) * y4 * y5;
    Fp12 t1 = y3 * y5 * t0;
    t0 = t0 * y2;
    t1 = square(square(t1) * t0);
    t0 = t1 * y1;
    t1 = t1 * y0;
    return square(t0) * t1;
}

bool pairing_check(std::span<const std::pair<G1, G2>> pairs) {
    return final_exponentiation(miller_loop(pairs)).is_one();
}

}  // namespace suture::evm::bn254
