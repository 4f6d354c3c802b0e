// The optimal ate pairing on BLS12-381 (EIP-2537's pairing check and
// EIP-4844's KZG proof check): a Miller loop over |x| (x = -0xd201000000010000,
// the BLS parameter) followed by the final exponentiation.
#pragma once

#include <span>
#include <utility>

#include "evm/bls12_381_curve.hpp"

namespace suture::evm::bls12_381 {

// Product over the pairs of the Miller loop values f_{x,Q}(P). Pairs with a
// point at infinity contribute 1. The points must be on their curves and Q
// in the order-r subgroup.
Fp12 miller_loop(std::span<const std::pair<G1, G2>> pairs);

// f^(3(p^12 - 1)/r): the easy part (p^6 - 1)(p^2 + 1) by conjugation,
// inversion and Frobenius, the hard part as
// 3(p^4 - p^2 + 1)/r = (x - 1)^2 (x + p)(x^2 + p^2 - 1) + 3 (Hayashida,
// Hayasaka and Teruya, "Efficient final exponentiation via cyclotomic
// structure", 2020). The cube of the reduced pairing is still a
// non-degenerate bilinear map (3 does not divide r), and it is 1 exactly
// when the reduced pairing is.
Fp12 final_exponentiation(const Fp12& f);

// True when the product of e(P_i, Q_i) is 1.
bool pairing_check(std::span<const std::pair<G1, G2>> pairs);

}  // namespace suture::evm::bls12_381
