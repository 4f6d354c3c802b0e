#include "evm/bn254_pairing.hpp"

#include <cstdint>
#include <vector>

#include "evm/miller_steps.hpp"

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

using TwistPoint = miller_steps::TwistPoint<Fp2>;

void double_step(Fp12& f, TwistPoint& t, const G1& p) { miller_steps::double_step(f, t, p, twist_b()); }
void add_step(Fp12& f, TwistPoint& t, const G2& q, const G1& p) { miller_steps::add_step(f, t, q, p, twist_b()); }

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
