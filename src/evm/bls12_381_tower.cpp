#include "evm/bls12_381_tower.hpp"

#include "evm/tower_ops.hpp"

namespace suture::evm::bls12_381 {

Fp2 inverse(const Fp2& a) { return tower_ops::fp2_inverse(a); }
Fp6 operator*(const Fp6& a, const Fp6& b) { return tower_ops::fp6_mul(a, b); }
Fp6 square(const Fp6& a) { return tower_ops::fp6_square(a); }
Fp6 inverse(const Fp6& a) { return tower_ops::fp6_inverse(a); }
Fp12 operator*(const Fp12& a, const Fp12& b) { return tower_ops::fp12_mul(a, b); }
Fp12 square(const Fp12& a) { return tower_ops::fp12_square(a); }
Fp12 inverse(const Fp12& a) { return tower_ops::fp12_inverse(a); }
Fp12 cyclotomic_square(const Fp12& a) { return tower_ops::cyclotomic_square(a); }
Fp12 cyclotomic_pow(const Fp12& a, u64 e) { return tower_ops::cyclotomic_pow(a, e); }

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

Fp12 mul_by_line(const Fp12& f, const Fp2& y_term, const Fp2& x_term, const Fp2& constant) {
    // The line is L0 + L1 w with L0 = constant + x_term·v and L1 = y_term·v
    // (w^2 = v, w^3 = v w). Karatsuba: f0 L0 + v f1 L1 + ((f0 + f1)(L0 + L1) - f0 L0 - f1 L1) w.
    using tower_ops::fp6_mul_by_01;
    const Fp6 t0 = fp6_mul_by_01(f.c0, constant, x_term);
    const Fp6 t1 = mul_by_v(tower_ops::fp6_scale(f.c1, y_term));  // f1·(y_term·v)
    const Fp6 s = fp6_mul_by_01(f.c0 + f.c1, constant, x_term + y_term);
    return {t0 + mul_by_v(t1), s - t0 - t1};
}

Fp12 frobenius(const Fp12& a) {
    static const std::array<Fp2, 6> gammas = tower_ops::frobenius_gammas(kP, Fp2{Fp::one(), Fp::one()});
    return tower_ops::fp12_frobenius(a, gammas);
}

}  // namespace suture::evm::bls12_381
