// The patch digest computed from the real builds and chain (ledger/patch_digest.hpp
// defines what it commits to): the chain id, the target and its route, the
// runtime code live behind the target now, the new runtime code and storage
// layout from the new build, the initializer calldata, and the hash of the
// verification report: the latest run of each gate recorded for the patch.
#pragma once

#include <vector>

#include "ledger/patch_digest.hpp"
#include "ledger/records.hpp"
#include "pipeline/patch_code.hpp"
#include "pipeline/target_chain.hpp"

namespace suture::pipeline {

// The latest run of each gate of gates() among `runs`, in pipeline order.
std::vector<ledger::GateRun> latest_gate_runs(const std::vector<ledger::GateRun>& runs);

// keccak256 of the canonical JSON array of the latest runs:
// [{"findings": [...], "gate": G, "input_hash": H, "verdict": V}, ...].
Result<Bytes32> verification_report_hash(const std::vector<ledger::GateRun>& latest);

ledger::PatchDigestInput patch_digest_input(TargetChain& chain, const PatchCode& code, const Bytes32& report_hash);

}  // namespace suture::pipeline
