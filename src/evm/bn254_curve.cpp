#include "evm/bn254_curve.hpp"

namespace suture::evm::bn254 {

const Fp2& twist_b() {
    static const Fp2 b = Fp2{Fp::from_u64(3), Fp::zero()} * inverse(Fp2{Fp::from_u64(9), Fp::one()});
    return b;
}

bool on_curve(const G1& p) {
    if (p.infinity) return true;
    return square(p.y) == square(p.x) * p.x + Fp::from_u64(3);
}

bool on_curve(const G2& q) {
    if (q.infinity) return true;
    return square(q.y) == square(q.x) * q.x + twist_b();
}

G2 twist_frobenius(const G2& q) {
    if (q.infinity) return q;
    return {conj(q.x) * frobenius_twist_x(), conj(q.y) * frobenius_twist_y(), false};
}

bool in_g2_subgroup(const G2& q) {
    // El Housni, Guillevic, Piellard (2022), "Co-factor clearing and subgroup
    // membership testing on pairing-friendly curves": on BN curves a twist
    // point Q is in G2 exactly when psi(Q) = [6x^2]Q, half the work of [r]Q.
    if (q.infinity) return true;
    static constexpr u64 k6x2[4] = {0xf83e9682e87cfd46, 0x6f4d8248eeb859fb, 0, 0};
    const Jacobian<Fp2> rhs = point_mul(Jacobian<Fp2>::from(q), k6x2);
    if (rhs.is_infinity()) return false;
    const G2 lhs = twist_frobenius(q);
    const Fp2 zz = square(rhs.z);
    return rhs.x == lhs.x * zz && rhs.y == lhs.y * zz * rhs.z;
}

}  // namespace suture::evm::bn254
