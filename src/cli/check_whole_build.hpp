// `suture check --new BUILD` without --new-contract: every upgradeable
// contract of the build (upgrade/check_build.hpp says which), one report each,
// then a summary. Exit 1 when any contract has an error-level finding.
#pragma once

#include <string>

#include "cli/command.hpp"
#include "upgrade/check_build.hpp"

namespace suture::cli {

// Takes the build: it is left to the process exit (see the .cpp).
Result<int> check_whole_build(solidity::BuildSet&& set, const upgrade::BuildCheckOptions& opt,
                              const std::string& sarif, const GlobalOptions& g);

}  // namespace suture::cli
