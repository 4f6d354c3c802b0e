#include "evm/bls12_381_fp.hpp"

namespace suture::evm::bls12_381 {

namespace {
constexpr Fp kR2Fp{{kR2.v[0], kR2.v[1], kR2.v[2], kR2.v[3], kR2.v[4], kR2.v[5]}};
constexpr detail::Limbs kPMinus2 = [] {
    detail::Limbs r{};
    for (int i = 0; i < kLimbs; ++i) r.v[i] = kP[i];
    r.v[0] -= 2;
    return r;
}();
constexpr detail::Limbs kSqrtExp = detail::p_shifted(1, 2);    // (p+1)/4
constexpr detail::Limbs kHalfPMinus1 = detail::p_shifted(-1, 1);  // (p-1)/2
}  // namespace

bool Fp::from_be(const uint8_t* in48, Fp& out) {
    Fp raw;
    for (int i = 0; i < kLimbs; ++i) {
        u64 w = 0;
        for (int j = 0; j < 8; ++j) w = (w << 8) | in48[(kLimbs - 1 - i) * 8 + j];
        raw.v[i] = w;
    }
    if (detail::geq(raw.v, kP)) return false;
    out = raw * kR2Fp;  // raw·R^2·R^-1 = raw·R
    return true;
}

Fp Fp::from_u64(u64 x) { return Fp{{x, 0, 0, 0, 0, 0}} * kR2Fp; }

void Fp::to_be(uint8_t* out48) const {
    // Multiplying by the plain integer 1 removes the Montgomery factor R.
    const Fp raw = *this * Fp{{1, 0, 0, 0, 0, 0}};
    for (int i = 0; i < kLimbs; ++i) {
        for (int j = 0; j < 8; ++j) out48[(kLimbs - 1 - i) * 8 + j] = uint8_t(raw.v[i] >> (56 - 8 * j));
    }
}

Fp inverse(const Fp& a) { return pow(a, kPMinus2.v, kLimbs); }

bool sqrt(const Fp& a, Fp& out) {
    const Fp r = pow(a, kSqrtExp.v, kLimbs);
    if (!(square(r) == a)) return false;
    out = r;
    return true;
}

bool lexicographically_largest(const Fp& a) {
    const Fp raw = a * Fp{{1, 0, 0, 0, 0, 0}};
    for (int i = kLimbs - 1; i >= 0; --i) {
        if (raw.v[i] != kHalfPMinus1.v[i]) return raw.v[i] > kHalfPMinus1.v[i];
    }
    return false;  // equal to (p-1)/2
}

}  // namespace suture::evm::bls12_381
