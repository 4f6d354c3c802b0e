// Function signatures of forge-std's cheatcode interface (Vm.sol) and of
// console.log (console.sol, console2.sol), generated from forge-std by
// scripts/gen-foundry-signatures.mjs into foundry_signatures.cpp.
#pragma once

#include <string_view>
#include <vector>

namespace suture::verify::foundry {

// Canonical signatures ("prank(address)", "accesses(address)"), sorted.
const std::vector<std::string_view>& vm_signatures();
// The signature strings console.log overloads send ("log(string,uint256)").
const std::vector<std::string_view>& console_signatures();

}  // namespace suture::verify::foundry
