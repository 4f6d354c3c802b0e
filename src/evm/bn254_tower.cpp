#include "evm/bn254_tower.hpp"

#include "evm/tower_ops.hpp"

namespace suture::evm::bn254 {

Fp2 inverse(const Fp2& a) { return tower_ops::fp2_inverse(a); }
Fp6 operator*(const Fp6& a, const Fp6& b) { return tower_ops::fp6_mul(a, b); }
Fp6 square(const Fp6& a) { return tower_ops::fp6_square(a); }
Fp6 inverse(const Fp6& a) { return tower_ops::fp6_inverse(a); }
Fp12 operator*(const Fp12& a, const Fp12& b) { return tower_ops::fp12_mul(a, b); }
Fp12 square(const Fp12& a) { return tower_ops::fp12_square(a); }
Fp12 inverse(const Fp12& a) { return tower_ops::fp12_inverse(a); }
Fp12 cyclotomic_square(const Fp12& a) { return tower_ops::cyclotomic_square(a); }
Fp12 cyclotomic_pow(const Fp12& a, u64 e) { return tower_ops::cyclotomic_pow(a, e); }

Fp12 mul_by_line(const Fp12& f, const Fp2& a0, const Fp2& b0, const Fp2& b1) {
    // (f0 + f1 w)(a0 + L1 w) = f0 a0 + v f1 L1 + (f0 L1 + f1 a0) w, L1 = b0 + b1 v.
    using tower_ops::fp6_mul_by_01, tower_ops::fp6_scale;
    return {fp6_scale(f.c0, a0) + mul_by_v(fp6_mul_by_01(f.c1, b0, b1)),
            fp6_mul_by_01(f.c0, b0, b1) + fp6_scale(f.c1, a0)};
}

namespace {
const std::array<Fp2, 6>& frobenius_gammas() {
    static const std::array<Fp2, 6> gammas = tower_ops::frobenius_gammas(kP, Fp2{Fp::from_u64(9), Fp::one()});
    return gammas;
}
}  // namespace

Fp12 frobenius(const Fp12& a) { return tower_ops::fp12_frobenius(a, frobenius_gammas()); }

const Fp2& frobenius_twist_x() { return frobenius_gammas()[2]; }
const Fp2& frobenius_twist_y() { return frobenius_gammas()[3]; }

}  // namespace suture::evm::bn254
