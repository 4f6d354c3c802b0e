// What a gate established besides its findings, kept in the ledger for the
// patch report (docs/report.md "Gate details"): the storage-layout diff
// (check), behaviour differences between old and new code (replay, fuzz,
// invariants), the attacker's gain on the old and on the new code (exploit),
// and facts read from the chain after a deploy (post-verify).
//
// Stored as one free-form audit event of kind "gate_details" per gate run,
// so it is hash-chained like everything else:
//   {"gate_run": <gate_runs.id>, "patch_id": P, "layout": [...],
//    "differences": [...], "gains": [...], "state": [...]}
// Amounts are decimal strings (canonical JSON has no floats, and uint256 does
// not fit a JSON integer).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "ledger/ledger.hpp"
#include "upgrade/check.hpp"
#include "upgrade/check_gate.hpp"
#include "verify/exploit_gate.hpp"

namespace suture::pipeline {

inline constexpr const char* kGateDetailsEvent = "gate_details";

// One input on which the old and the new code behave differently.
struct BehaviourDifference {
    std::string where;       // "withdraw(uint256)", a tx hash, "block 19000001 tx 3"
    std::string old_result;  // what the old code did ("returned 100", "reverted: ...")
    std::string new_result;
    bool expected = false;   // listed in the manifest's expected differences
    std::string reason;      // the manifest's reason, when expected
};

// What one attacker address gained (or lost, with a leading "-") of one
// asset, in the asset's base units, running the PoC on each code.
struct AttackerGain {
    std::string asset;   // "ETH", "USDC"
    std::string holder;  // EIP-55 address
    std::string old_code = "0";
    std::string new_code = "0";
};

// One fact read from the chain ("implementation" -> "0x...").
struct StateFact {
    std::string name, value;
};

struct GateDetails {
    std::vector<upgrade::LayoutRow> layout;
    std::vector<BehaviourDifference> differences;
    std::vector<AttackerGain> gains;
    std::vector<StateFact> state;
    bool empty() const { return layout.empty() && differences.empty() && gains.empty() && state.empty(); }
};

// What the check gate established: the layout diff of each contract checked.
GateDetails check_details(const upgrade::CheckResult& r);
// What the exploit gate established: each attacker's balance change of each
// asset on the old code and on the new, from the two runs' deltas.
GateDetails exploit_details(const verify::ExploitGateResult& r);

// The event's "layout", "differences", "gains" and "state" keys (all present).
nlohmann::json gate_details_json(const GateDetails& d);
// The inverse; a key of the wrong type is an input error naming it. Absent keys are empty.
Result<GateDetails> gate_details_from_json(const nlohmann::json& j);

// Appends the "gate_details" event for gate run `gate_run_id` of `patch_id`.
Result<int64_t> record_gate_details(ledger::Ledger& l, int64_t patch_id, int64_t gate_run_id, const GateDetails& d);

}  // namespace suture::pipeline
