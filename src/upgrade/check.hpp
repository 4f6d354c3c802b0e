// `suture check`: upgrade safety of a new implementation against the old one.
//
// Storage layout comparison (OpenZeppelin's storage operation codes), code rules
// on the new implementation (OpenZeppelin's validation error kinds plus Suture's
// own), ABI diff. Findings are values: nothing here prints.
#pragma once

#include <string>
#include <vector>

#include "core/finding.hpp"
#include "core/result.hpp"
#include "solidity/build.hpp"

namespace suture::upgrade {

// One row of the storage-layout diff table.
struct LayoutRow {
    std::string ns;  // "" or "erc7201:<id>"
    std::string old_label, old_type, old_slot;
    int old_offset = -1;  // -1: no old variable
    std::string new_label, new_type, new_slot;
    int new_offset = -1;  // -1: no new variable
    std::string status;   // "same", "append", "gap", "renamed", "retyped", or a finding code
};

// One ABI difference.
struct AbiChange {
    std::string kind;    // "function", "event", "error"
    std::string change;  // "added", "removed", "changed"
    std::string signature;
    std::string detail;
};

enum class ProxyKind { automatic, transparent, uups, beacon, diamond };

struct CheckOptions {
    ProxyKind proxy = ProxyKind::automatic;
    // Diamond facets checked together with the new contract for selector collisions.
    std::vector<solidity::ContractRef> facets;
    // Executed checks (executed_checks.hpp): deploy and run the code on a
    // scratch in-process EVM. On by default: they observe what the compiled
    // code does (the source rules only infer it) and cost milliseconds.
    bool execute = true;
    // The contract is the implementation being deployed (a pair check, the
    // deploy gate): initializers anyone can call on the bare implementation
    // (initializer-not-disabled, exec-implementation-initializable) are errors,
    // the Wormhole 2022 risk. Whole-build mode clears it for contracts checked
    // alone, which are base contracts users inherit (OpenZeppelin's own
    // upgradeable library among them), not deployments: warnings there.
    bool deployed = true;
    // The ABI is frozen (the patch manifest says so): a removed external
    // function is an error. Otherwise a warning: retiring a vulnerable
    // function is a common fix.
    bool abi_frozen = false;
};

struct CheckReport {
    std::string old_contract, new_contract;  // "source:Name"
    Findings findings;                        // suppressed ones included (suppressed = true)
    std::vector<LayoutRow> layout;
    std::vector<AbiChange> abi;
};

// Compares `old_impl` -> `new_impl` and validates `new_impl` as an upgradeable implementation.
Result<CheckReport> check_upgrade(const solidity::ContractRef& old_impl, const solidity::ContractRef& new_impl,
                                  const CheckOptions& opt = {});

// Validates one implementation without a reference (code rules only).
Result<CheckReport> check_implementation(const solidity::ContractRef& impl, const CheckOptions& opt = {});

}  // namespace suture::upgrade
