// The patch manifest (suture.toml, docs/manifest.md) of the venue deployed by venue.hpp: one target
// (the venue's UUPS proxy, upgraded by the TimelockController whose proposer and executor is the
// 2-of-3 Safe), the venue build, the fix to try, the attack's PoC, the history to replay, a fuzz
// budget, the venue's solvency invariants and the differences the fix is meant to have.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "demo/venue.hpp"
#include "pipeline/manifest.hpp"

namespace suture::demo {

struct VenueManifestOptions {
    std::string rpc;         // a JSON-RPC node ...
    std::string state_file;  // ... or a state file (relative to the manifest's folder or absolute)
    uint64_t chain_id = 0;
    // rpc only: the block the gates fork ([chains].block); after the attack and the pause, the
    // block before the attack. nullopt: the latest.
    std::optional<uint64_t> block;
    VenueAddresses addresses;
    std::string build = "venue.json";  // the venue build, relative to the manifest's folder
    std::string new_contract = "PerpVenueV2";
    std::string poc = "poc.json";      // venue_poc's list; "" : no exploit gate
    std::optional<std::pair<uint64_t, uint64_t>> replay;  // the history's blocks; nullopt: no replay gate
    uint64_t fuzz_runs = 300, fuzz_depth = 8, fuzz_seed = 1;
    std::vector<Address> reviewers;  // at least one
    unsigned threshold = 2;
};

// The venue's invariants, as `[patch].invariants` entries: the books balance (the collateral held
// covers the pool and the traders' collateral), and the fee stays within its bound.
const std::vector<std::string>& venue_invariants();

// The behaviour the fix changes on purpose, as `[[patch.expected_differences]]`: version().
const std::vector<pipeline::ExpectedDifference>& venue_expected_differences();

// The manifest's text. Errors for options that cannot make a loadable manifest (no chain, no
// reviewer, a threshold above the reviewers).
Result<std::string> venue_manifest(const VenueManifestOptions& options);

}  // namespace suture::demo
