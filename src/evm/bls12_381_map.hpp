// Mapping field elements to BLS12-381's G1 and G2 (EIP-2537's MAP_FP_TO_G1
// and MAP_FP2_TO_G2): RFC 9380's map_to_curve for the suites
// BLS12381G1_XMD:SHA-256_SSWU_RO_ and BLS12381G2_XMD:SHA-256_SSWU_RO_ without
// the hashing to field, followed by clear_cofactor:
//   simplified SWU onto an isogenous curve E' with A'·B' != 0 (section 6.6.2),
//   the 11-isogeny E' -> E for G1 and the 3-isogeny for G2 (appendix E),
//   multiplication by the effective cofactor h_eff (section 8.8).
// The results are in the order-r subgroup. Not constant time (the inputs
// are public).
#pragma once

#include "evm/bls12_381_curve.hpp"

namespace suture::evm::bls12_381 {

G1 map_to_g1(const Fp& u);
G2 map_to_g2(const Fp2& u);

}  // namespace suture::evm::bls12_381
