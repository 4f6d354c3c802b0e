// `suture check` on a whole build, choosing contracts the way OpenZeppelin's
// `npx @openzeppelin/upgrades-core validate <build-info-dir>` does (its
// src/cli/validate/upgradeability-assessment.ts and contract-report.ts):
// a contract is upgradeable when it carries `@custom:oz-upgrades` or
// `@custom:oz-upgrades-from <REF>`, inherits a contract named `Initializable`,
// or has `upgradeTo(address)` / `upgradeToAndCall(address,bytes)` (UUPS);
// abstract contracts, interfaces and libraries are skipped (OZ validates them
// through the contracts that use them), and so is
// `**/contracts/proxy/beacon/UpgradeableBeacon.sol` (OZ's default exclusion:
// the beacon has an `upgradeTo` but is not itself upgradeable).
// A contract with `@custom:oz-upgrades-from <REF>` is checked as an upgrade
// from REF (storage layout and all); the others as implementations alone.
#pragma once

#include <vector>

#include "upgrade/check.hpp"

namespace suture::upgrade {

enum class BuildSelection {
    upgradeable,  // OpenZeppelin's choice, above
    all,          // every contract of kind `contract`, abstract ones included
};

struct BuildCheckOptions {
    CheckOptions check;
    BuildSelection select = BuildSelection::upgradeable;
    // Where `@custom:oz-upgrades-from` names are looked up first (an older
    // build); the build itself otherwise.
    const solidity::BuildSet* references = nullptr;
};

// One report per chosen contract, in build order (`source:Name` once even when
// several compilations hold it).
Result<std::vector<CheckReport>> check_build(const solidity::BuildSet& set, const BuildCheckOptions& opt = {});

}  // namespace suture::upgrade
