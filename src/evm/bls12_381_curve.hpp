// Points of BLS12-381's G1 (y^2 = x^3 + 4 over Fp) and of the M-type twist
// carrying G2 (y^2 = x^3 + 4·xi over Fp2, xi = 1 + u). The short-Weierstrass
// group law with a = 0 is the one of bn254_curve.hpp (templated over the
// coordinate field), so it is reused here rather than written again.
//
// Serialization is the ZCash/IETF one used by EIP-4844 and the consensus
// specs: a compressed G1 point is 48 bytes (x big-endian), a G2 point 96
// bytes (x.c1 then x.c0); the top three bits of the first byte are the
// compression flag (set), the infinity flag and the sign of y (set when y is
// the lexicographically larger root).
#pragma once

#include "evm/bls12_381_tower.hpp"
#include "evm/bn254_curve.hpp"

namespace suture::evm::bls12_381 {

using bn254::Affine;
using bn254::Jacobian;
using bn254::point_add;
using bn254::point_double;
using bn254::point_mul;
using bn254::to_affine;

using G1 = Affine<Fp>;
using G2 = Affine<Fp2>;

// The group order r of G1 and G2, little-endian limbs (the BLS scalar field modulus).
inline constexpr u64 kR[4] = {0xffffffff00000001, 0x53bda402fffe5bfe, 0x3339d80809a1d805,
                              0x73eda753299d7d48};

inline constexpr size_t kG1CompressedSize = 48;
inline constexpr size_t kG2CompressedSize = 96;

// The standard generators (the first G1 and G2 points of every KZG setup).
const G1& g1_generator();
const G2& g2_generator();

// b' = 4·xi, the constant term of the twist.
const Fp2& twist_b();

// Curve membership of affine points (the point at infinity is on both curves).
bool on_curve(const G1& p);
bool on_curve(const G2& q);
// The point has order r: [r]P is the point at infinity. Both curves have
// large cofactors, so being on the curve is not enough.
bool in_subgroup(const G1& p);
bool in_subgroup(const G2& q);
// The same by definition, [r]P = O: the slow reference for the tests.
bool in_subgroup_by_order(const G1& p);
bool in_subgroup_by_order(const G2& q);

// Compressed decoding: false for a clear compression flag, an infinity flag
// with anything else set, x not below p, or an x with no point on the curve.
// The result is on the curve; the subgroup check is the caller's (in_subgroup).
bool decode_compressed(const uint8_t* in48, G1& out);
bool decode_compressed(const uint8_t* in96, G2& out);
void encode_compressed(const G1& p, uint8_t* out48);
void encode_compressed(const G2& q, uint8_t* out96);

}  // namespace suture::evm::bls12_381
