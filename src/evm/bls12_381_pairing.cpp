#include "evm/bls12_381_pairing.hpp"

#include <vector>

#include "evm/miller_steps.hpp"

namespace suture::evm::bls12_381 {

namespace {

constexpr u64 kAbsX = 0xd201000000010000ULL;  // |x|; x itself is negative

using TwistPoint = miller_steps::TwistPoint<Fp2>;

void double_step(Fp12& f, TwistPoint& t, const G1& p) { miller_steps::double_step(f, t, p, twist_b()); }
void add_step(Fp12& f, TwistPoint& t, const G2& q, const G1& p) { miller_steps::add_step(f, t, q, p, twist_b()); }

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
