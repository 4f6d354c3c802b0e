// OpenZeppelin's NatSpec annotations that allow an unsafe pattern:
//   @custom:oz-upgrades-unsafe-allow <kind>...            (on a contract, function, variable)
//   @custom:oz-upgrades-unsafe-allow-reachable <kind>...  (on a function: what it reaches)
#pragma once

#include <set>
#include <string>

#include "solidity/build.hpp"

namespace suture::upgrade {

struct Allowances {
    std::set<std::string> allow;
    std::set<std::string> reachable;
};

Allowances allowances_of(const solidity::Build& b, const solidity::Json& node);

// "@custom:oz-upgrades-unsafe-allow delegatecall (A.sol:12)" for the report.
std::string allowance_text(const solidity::Build& b, const solidity::Json& node, std::string_view kind,
                           bool reachable);

}  // namespace suture::upgrade
