// The optimal ate pairing on bn254 (EIP-197): a Miller loop over
// 6x+2 (x = 4965661367192848881, the BN parameter) followed by the final
// exponentiation to the power (p^12 - 1)/r.
#pragma once

#include <span>
#include <utility>

#include "evm/bn254_curve.hpp"

namespace suture::evm::bn254 {

// Product over the pairs of the Miller loop values f_{6x+2,Q}(P) with the two
// Frobenius correction lines. Pairs with a point at infinity contribute 1.
// The points must be on their curves and Q in the order-r subgroup.
Fp12 miller_loop(std::span<const std::pair<G1, G2>> pairs);

// f^((p^12 - 1)/r): the easy part (p^6 - 1)(p^2 + 1) by conjugation,
// inversion and Frobenius, the hard part (p^4 - p^2 + 1)/r by the
// x-based addition chain of Scott et al. (2009).
Fp12 final_exponentiation(const Fp12& f);

// True when the product of e(P_i, Q_i) is 1 (the EIP-197 check).
bool pairing_check(std::span<const std::pair<G1, G2>> pairs);

}  // namespace suture::evm::bn254
