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

namespace {

// Plain 256-bit integer helpers for the binary inversion below.
using Int = u64[4];

bool is_one(const Int x) { return x[0] == 1 && (x[1] | x[2] | x[3]) == 0; }

void shift_right(Int x) {
    for (int i = 0; i < 3; ++i) x[i] = (x[i] >> 1) | (x[i + 1] << 63);
    x[3] >>= 1;
}

bool less(const Int a, const Int b) {
    for (int i = 3; i >= 0; --i) {
        if (a[i] != b[i]) return a[i] < b[i];
    }
    return false;
}

void subtract(Int a, const Int b) {  // a -= b, with a >= b
    u64 borrow = 0;
    for (int i = 0; i < 4; ++i) a[i] = sub_borrow(a[i], b[i], borrow);
}

// x/2 mod p for x < p: odd x becomes (x + p)/2 (x + p < 2^255 fits).
void halve_mod_p(Int x) {
    if (x[0] & 1) {
        u64 carry = 0;
        for (int i = 0; i < 4; ++i) x[i] = add_carry(x[i], kP[i], carry);
    }
    shift_right(x);
}

void sub_mod_p(Int a, const Int b) {  // a = a - b mod p, both < p
    if (less(a, b)) {
        u64 carry = 0;
        for (int i = 0; i < 4; ++i) a[i] = add_carry(a[i], kP[i], carry);
    }
    subtract(a, b);
}

// R^3 mod p: turns the plain inverse of a Montgomery value into Montgomery form.
constexpr detail::Limbs kR3 = detail::pow2_mod_p(768);

}  // namespace

Fp inverse(const Fp& a) {
    if (a.is_zero()) return Fp::zero();
    // Binary extended Euclid on the stored integer m = aR (invariants
    // x1·m = u and x2·m = v mod p), about ten times faster than a^(p-2).
    // It yields (aR)^-1 = a^-1 R^-1; one Montgomery product with R^3 gives a^-1 R.
    Int u = {a.v[0], a.v[1], a.v[2], a.v[3]};
    Int v = {kP[0], kP[1], kP[2], kP[3]};
    Int x1 = {1, 0, 0, 0}, x2 = {0, 0, 0, 0};
    while (!is_one(u) && !is_one(v)) {
        while ((u[0] & 1) == 0) {
            shift_right(u);
            halve_mod_p(x1);
        }
        while ((v[0] & 1) == 0) {
            shift_right(v);
            halve_mod_p(x2);
        }
        if (!less(u, v)) {
            subtract(u, v);
            sub_mod_p(x1, x2);
        } else {
            subtract(v, u);
            sub_mod_p(x2, x1);
        }
    }
    const u64* r = is_one(u) ? x1 : x2;
    return Fp{{r[0], r[1], r[2], r[3]}} * Fp{{kR3.v[0], kR3.v[1], kR3.v[2], kR3.v[3]}};
}

Fp inverse_by_fermat(const Fp& a) {
    static constexpr u64 kPMinus2[4] = {kP[0] - 2, kP[1], kP[2], kP[3]};
    return pow(a, kPMinus2, 4);
}

}  // namespace suture::evm::bn254
