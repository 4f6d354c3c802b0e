#include "evm/bn254_fp.hpp"

namespace suture::evm::bn254 {

bool Fp::from_be(const uint8_t* in32, Fp& out) {
    Fp raw;
    for (int i = 0; i < 4; ++i) {
        u64 w = 0;
        for (int j = 0; j < 8; ++j) w = (w << 8) | in32[(3 - i) * 8 + j];
        raw.v[i] = w;
    }
    if (detail::geq_p(raw.v)) return false;
    // raw·R^2·R^-1 = raw·R: into Montgomery form.
    out = raw * Fp{{kR2.v[0], kR2.v[1], kR2.v[2], kR2.v[3]}};
    return true;
}

Fp Fp::from_u64(u64 x) {
    return Fp{{x, 0, 0, 0}} * Fp{{kR2.v[0], kR2.v[1], kR2.v[2], kR2.v[3]}};
}

void Fp::to_be(uint8_t* out32) const {
    // Multiplying by the plain integer 1 removes the Montgomery factor R.
    const Fp raw = *this * Fp{{1, 0, 0, 0}};
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 8; ++j) out32[(3 - i) * 8 + j] = uint8_t(raw.v[i] >> (56 - 8 * j));
    }
}

Fp inverse(const Fp& a) {
    static constexpr u64 kPMinus2[4] = {kP[0] - 2, kP[1], kP[2], kP[3]};
    return pow(a, kPMinus2, 4);
}

}  // namespace suture::evm::bn254
