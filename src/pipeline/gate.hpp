// The gates of the patch pipeline (DESIGN.md "The patch pipeline") as one
// table: each entry says whether the manifest configures the gate, which
// manifest section is its input, and the library function that runs it.
// A new gate plugs in with one entry in gates.cpp; a gate whose library is
// not in this build has no run function, and the pipeline then fails it as
// "not available in this build" (never a pass).
//
// A gate returns findings; the runner (pipeline_run.hpp) applies the
// policy's allow rules, decides the verdict and records it in the ledger.
// Gates are pure with respect to the chain: they run on overlays of the
// target's state.
#pragma once

#include <functional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/finding.hpp"
#include "core/result.hpp"
#include "pipeline/gate_details.hpp"
#include "pipeline/manifest.hpp"
#include "pipeline/patch_code.hpp"
#include "pipeline/target_chain.hpp"

namespace suture::pipeline {

struct GateContext {
    const Manifest& manifest;
    const PatchCode& code;
    TargetChain& chain;
    // A long gate's progress: work done of `total` (0 when unknown). May be empty.
    std::function<void(uint64_t done, uint64_t total)> on_progress = {};
};

struct GateResult {
    Findings findings;               // error-level findings fail the gate unless the policy allows them
    std::vector<std::string> notes;  // what the gate compared, in words
    GateDetails details;             // recorded after the run as a gate_details event (the patch report reads it)
};

struct GateDef {
    const char* name;
    // Whether the manifest asks for this gate; unconfigured gates are
    // recorded as skipped.
    bool (*configured)(const Manifest& m);
    // The manifest keys the gate reads, as JSON (part of its input hash).
    nlohmann::json (*section)(const Manifest& m);
    // The gate itself; nullptr when this build has no library for it.
    Result<GateResult> (*run)(GateContext& ctx);
};

// The gates in pipeline order: check, exploit, replay, fuzz, invariants, simulate.
std::span<const GateDef> gates();
const GateDef* find_gate(std::string_view name);
// The hash of everything gate `g` reads: its manifest section, the two
// contracts as compiled, the new layout, the code live behind the target and
// the PoC file. A recorded run whose input hash differs from today's ran on
// other inputs.
Result<Bytes32> gate_input_hash(const GateDef& g, const GateContext& ctx);

// "check, exploit, ..." for messages.
std::string gate_names();

// The library functions behind the table (gate_check.cpp, gate_exploit.cpp,
// gate_replay.cpp, gate_fuzz.cpp, gate_simulate.cpp).
Result<GateResult> gate_check(GateContext& ctx);
Result<GateResult> gate_exploit(GateContext& ctx);
Result<GateResult> gate_replay(GateContext& ctx);
Result<GateResult> gate_fuzz(GateContext& ctx);
Result<GateResult> gate_invariants(GateContext& ctx);
Result<GateResult> gate_simulate(GateContext& ctx);

}  // namespace suture::pipeline
