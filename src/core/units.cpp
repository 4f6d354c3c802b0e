#include "core/units.hpp"

namespace suture {

std::string format_units(const uint256& amount, unsigned decimals) {
    std::string digits = amount.to_dec();
    if (decimals == 0) return digits;
    if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
    std::string whole = digits.substr(0, digits.size() - decimals);
    std::string frac = digits.substr(digits.size() - decimals);
    while (!frac.empty() && frac.back() == '0') frac.pop_back();
    return frac.empty() ? whole : whole + "." + frac;
}

}  // namespace suture
