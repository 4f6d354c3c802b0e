// The upgrade-safety gate as one library call: what `suture check` runs, and
// what `deploy` and the pipeline run before they go further (DESIGN.md: a gate
// is a library function returning findings and a verdict; nothing printed).
//
// It holds the rules that used to live in the CLI: which build the old version
// comes from (--old, else the new build when both versions are in one), the
// old version as the code live at an address (matched against the builds,
// deployed_match.hpp), and the whole-build mode (check_build.hpp) when no new
// contract is named.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"
#include "solidity/load.hpp"
#include "upgrade/check.hpp"
#include "upgrade/check_build.hpp"
#include "upgrade/deployed_match.hpp"
#include "upgrade/proxy_chain_view.hpp"

namespace suture::upgrade {

// The old version is the code live at an address (a proxy's implementation).
struct LiveReference {
    Address address;
    ChainView* view = nullptr;    // read at the view's block
    uint64_t block = 0;           // that block's number, for messages
    bool allow_unmatched = false;  // no contract matches: check against the bytecode alone
};

struct CheckRequest {
    std::string new_build;     // path (solc output, build-info, Foundry out/)
    std::string new_contract;  // "" checks the whole build
    std::string old_build;     // "" : no old build (the new one when `live` is set)
    std::string old_contract;  // with old_build: required; with `live`: the contract it must be
    solidity::LoadOptions load;
    CheckOptions check;
    std::vector<std::string> facets;  // diamond facets of the new build
    BuildSelection select = BuildSelection::upgradeable;  // whole build only
    std::optional<LiveReference> live;
};

struct CheckResult {
    bool whole_build = false;
    BuildSelection select = BuildSelection::upgradeable;
    std::string build_path;                // the new build, as loaded
    std::vector<CheckReport> reports;      // one per contract checked (exactly one for a pair)
    std::optional<DeployedReference> live;  // the matched live code, when the request named one
    // The builds the reports and `live` point into: keep them with the result.
    std::vector<solidity::BuildSet> builds;

    size_t failed() const;   // reports with an unsuppressed error
    bool passed() const { return failed() == 0; }
};

// `--allow CODE --reason TEXT`: one error-level finding code the user accepts
// for this run, and why (recorded with the run; DESIGN.md, the patch pipeline).
struct Allowance {
    std::string code;
    std::string reason;
};

// A finding overridden by an allowance.
struct AllowedFinding {
    Finding finding;
    std::string reason;
};

// What the allowances do to a list of findings: the unsuppressed errors each
// allows, the errors none allows (these block), and allowances that matched
// no error (reported, so a stale --allow is seen).
struct AllowanceVerdict {
    std::vector<AllowedFinding> allowed;
    Findings blocking;
    std::vector<Allowance> unused;
};
AllowanceVerdict apply_allowances(const Findings& findings, const std::vector<Allowance>& allow);

// Loads the builds and runs the check. Usage errors for inconsistent requests
// (an old contract without an old build, a live reference in whole-build mode),
// input errors for builds and contracts, chain errors from the live read.
Result<CheckResult> run_check_gate(const CheckRequest& req);

}  // namespace suture::upgrade
