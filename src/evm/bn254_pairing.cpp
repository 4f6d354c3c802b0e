#include "evm/bn254_pairing.hpp"

#include <vector>

namespace suture::evm::bn254 {

namespace {

constexpr u64 kX = 4965661367192848881ULL;          // BN parameter of bn254
constexpr u64 kLoopLow = 0x9d797039be763ba8ULL;     // 6x + 2 = 2^64 + kLoopLow (65 bits)

// The line through T with slope lambda (in the twist's coordinates),
// evaluated at P after untwisting (x, y) -> (x w^2, y w^3):
//   l(P) = yP - lambda·xP·w + (lambda·xT - yT)·w^3,  and w^3 = v·w.
Fp12 mul_line(const Fp12& f, const G2& t, const Fp2& lambda, const G1& p) {
    return mul_by_line(f, p.y, -(lambda * p.x), lambda * t.x - t.y);
}

// T <- T + Q (or 2T when Q == T) and f <- f·l_{T,Q}(P), in affine coordinates.
// A vertical line (Q = -T) lies in a proper subfield that the final
// exponentiation sends to 1, so it is left out.
void step(Fp12& f, G2& t, const G2& q, const G1& p) {
    if (t.infinity) {
        t = q;
        return;
    }
    Fp2 lambda;
    if (t.x == q.x) {
        if (!(t.y == q.y) || t.y.is_zero()) {
            t = G2{};
            return;
        }
        const Fp2 xx = square(t.x);
        lambda = (dbl(xx) + xx) * inverse(dbl(t.y));  // tangent: 3x^2 / 2y
    } else {
        lambda = (q.y - t.y) * inverse(q.x - t.x);
    }
    f = mul_line(f, t, lambda, p);
    const Fp2 x3 = square(lambda) - t.x - q.x;
    t.y = lambda * (t.x - x3) - t.y;
    t.x = x3;
}

// pi(Q) on the twist: (conj(x)·xi^((p-1)/3), conj(y)·xi^((p-1)/2)).
G2 twist_frobenius(const G2& q) {
    return {conj(q.x) * frobenius_twist_x(), conj(q.y) * frobenius_twist_y(), false};
}

Fp12 pow_x(const Fp12& a) { return pow(a, &kX, 1); }

}  // namespace

Fp12 miller_loop(std::span<const std::pair<G1, G2>> pairs) {
    std::vector<std::pair<G1, G2>> live;
    for (const auto& pq : pairs) {
        if (!pq.first.infinity && !pq.second.infinity) live.push_back(pq);
    }
    Fp12 f = Fp12::one();
    if (live.empty()) return f;

    std::vector<G2> t(live.size());
    for (size_t i = 0; i < live.size(); ++i) t[i] = live[i].second;
    // The top bit (2^64) is the starting T = Q; walk the remaining 64 bits.
    for (int b = 63; b >= 0; --b) {
        f = square(f);
        for (size_t i = 0; i < live.size(); ++i) step(f, t[i], t[i], live[i].first);
        if ((kLoopLow >> b) & 1) {
            for (size_t i = 0; i < live.size(); ++i) step(f, t[i], live[i].second, live[i].first);
        }
    }
    for (size_t i = 0; i < live.size(); ++i) {
        const G2 q1 = twist_frobenius(live[i].second);
        G2 q2 = twist_frobenius(q1);
        q2.y = -q2.y;
        step(f, t[i], q1, live[i].first);
        step(f, t[i], q2, live[i].first);
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
