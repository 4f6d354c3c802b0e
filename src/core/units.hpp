// Token amounts for people: an integer number of base units shown with a
// decimal point (wei as ether, a 6-decimal token's units as dollars).
#pragma once

#include <string>

#include "core/uint256.hpp"

namespace suture {

// `amount` / 10^decimals in decimal, trailing fractional zeros dropped:
// format_units(1500000000000000000, 18) == "1.5", format_units(10^19, 18) == "10".
std::string format_units(const uint256& amount, unsigned decimals);

}  // namespace suture
