// suture.toml: everything one patch needs, in one file the team reviews.
//
// Every key is documented in docs/manifest.md. Loading checks the schema
// strictly: an unknown key, a value of the wrong type, a missing required
// key, a path that does not exist or a name that refers to nothing (a target
// naming an undeclared chain) is an error naming the file, line, column and
// dotted key. Relative paths are resolved against the manifest's folder and
// returned absolute.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "evm/revision.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "ledger/approval.hpp"
#include "respond/monitor_spec.hpp"

namespace suture::pipeline {

// [chains.NAME]: exactly one of rpc or state_file.
struct ChainConfig {
    std::string name;
    uint64_t chain_id = 0;
    std::string rpc;         // JSON-RPC URL
    std::string state_file;  // local state file (absolute path)
    // rpc only: the block the gates fork (default: the latest). After an
    // attack and a pause, the block before the attack: the gates then see the
    // protocol as it was, not paused.
    std::optional<uint64_t> block;
    // The fork's rules the gates run under ("prague", "osaka", ...); unset:
    // the chain's schedule at the block's time (chain::choose_revision), a
    // state file's own revision, else Cancun.
    std::optional<evm::Revision> hardfork;
};

// [targets.NAME]
struct TargetConfig {
    std::string name;
    std::string chain;       // a [chains] name
    Address address;
    std::string proxy = "auto";  // "auto" or a proxy kind (transparent, uups, beacon, diamond, ...)
    std::string route;       // direct, proxy-admin, uups, beacon, diamond, timelock, safe
    std::optional<Address> admin;
};

// [builds.NAME]
struct BuildConfig {
    std::string name;
    std::string path;              // Foundry out/, Hardhat build-info, or solc standard JSON (absolute)
    std::string format = "auto";   // auto, foundry, hardhat, solc
};

struct ContractRef {
    std::string build;     // a [builds] name
    std::string contract;  // "Vault" or "src/Vault.sol:Vault"
};

struct ReplayConfig {
    uint64_t from_block = 0;
    uint64_t to_block = 0;
};

struct FuzzConfig {
    uint64_t runs = 10000;
    uint64_t depth = 20;
    std::optional<uint64_t> seed;
};

struct ExpectedDifference {
    std::string function;  // "withdraw(uint256)"
    std::string reason;
    std::optional<std::string> within;  // only amounts differ, within this bound ("1000, 0.01%")
};
// The declaration as the replay and fuzz gates read it (verify/replay_expectations.hpp):
// "function=withdraw(uint256)" or "function=deposit(uint256);within=1000, 0.01%".
std::string expect_rule(const ExpectedDifference& d);

// [patch]
struct PatchConfig {
    std::string name;
    std::string target;  // a [targets] name
    ContractRef old_contract, new_contract;
    std::optional<std::string> poc;  // exploit PoC: Foundry test or transaction list (absolute)
    std::optional<ReplayConfig> replay;
    FuzzConfig fuzz;
    bool fuzz_configured = false;  // the manifest has a `fuzz` table (else the fuzz gate is not configured)
    std::vector<std::string> invariants;  // invariant function signatures
    // holders = "history": "sum(f(holders))" adds over the holders of
    // [patch].replay's blocks (verify/holder_set.hpp), at most holders_max.
    bool holders_from_history = false;
    std::optional<uint64_t> holders_max;
    std::vector<ExpectedDifference> expected_differences;
};

struct CallConfig {
    std::string function;           // "initializeV2(uint256)"
    std::vector<std::string> args;  // as `suture abi encode` reads them
};

struct SmokeCall {
    CallConfig call;
    std::optional<std::string> expect;  // the decoded return value, as text
};

// [deploy]
struct DeployConfig {
    uint64_t confirmations = 1;
    std::optional<uint64_t> max_fee_gwei;
    std::optional<uint64_t> max_priority_fee_gwei;
    std::optional<CallConfig> initializer;
    std::vector<SmokeCall> smoke;
};

struct Manifest {
    std::string path;    // the suture.toml read
    std::string ledger;  // absolute path of the ledger (default suture.ledger beside the manifest)
    std::vector<ChainConfig> chains;
    std::vector<TargetConfig> targets;
    std::vector<BuildConfig> builds;
    PatchConfig patch;
    ledger::Policy policy;
    DeployConfig deploy;
    std::optional<respond::MonitorSpec> monitor;  // [monitor] (manifest_monitor.hpp)
    bool has_patch = true;  // false only when loaded without requiring [patch]

    const ChainConfig* chain(std::string_view name) const;
    const TargetConfig* target(std::string_view name) const;
    const BuildConfig* build(std::string_view name) const;
};

// `require_patch` false (suture monitor: an incident before any fix exists):
// [patch] and [policy] may be absent (checked as usual when present).
Result<Manifest> load_manifest(const std::string& path, bool require_patch = true);

}  // namespace suture::pipeline
