#include "evm/bn254_curve.hpp"

namespace suture::evm::bn254 {

namespace {
// b' = 3/xi, the twist's constant term.
const Fp2& twist_b() {
    static const Fp2 b = Fp2{Fp::from_u64(3), Fp::zero()} * inverse(Fp2{Fp::from_u64(9), Fp::one()});
    return b;
}
}  // namespace

bool on_curve(const G1& p) {
    if (p.infinity) return true;
    return square(p.y) == square(p.x) * p.x + Fp::from_u64(3);
}

bool on_curve(const G2& q) {
    if (q.infinity) return true;
    return square(q.y) == square(q.x) * q.x + twist_b();
}

bool in_g2_subgroup(const G2& q) {
    return point_mul(Jacobian<Fp2>::from(q), kR).is_infinity();
}

}  // namespace suture::evm::bn254
