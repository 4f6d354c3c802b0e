// The fuzz and invariants gates in the pipeline: what `suture verify fuzz`
// and `suture verify invariants` run (verify/fuzz_spec.hpp), on the target's
// state file or node, with [patch].fuzz's budget. The fuzz gate compares the
// old and the new implementation call by call; the invariants gate checks
// [patch].invariants after every step on the new code (and on the old, to
// tell "already broken" from "broken by the patch"). The fuzzer reads
// [[patch.expected_differences]] as the replay gate does (a function, within a
// bound when `within` is given): a declared difference is no finding. On a node, the calls
// to the target in [patch].replay's blocks feed the fuzzer's values and senders;
// with holders = "history" those blocks also give "sum(f(holders))" its holders.
#include <string>

#include "pipeline/gate.hpp"
#include "verify/fuzz_spec.hpp"

namespace suture::pipeline {
namespace {

// A manifest invariant is a relation ("totalAssets() >= totalSupply()") or a
// bare view on the target returning a bool ("invariant_solvent()"), which
// must return true.
std::string invariant_text(const std::string& text) {
    for (const char* op : {">=", "<=", "==", "!=", ">", "<"})
        if (text.find(op) != std::string::npos) return text;
    return text + " == 1";
}

Result<GateResult> run_fuzz_gate(GateContext& ctx, bool compare) {
    const Manifest& m = ctx.manifest;
    verify::FuzzSpec spec;
    spec.target = ctx.chain.target().address;
    spec.build = ctx.code.new_build_path;
    spec.new_contract = m.patch.new_contract.contract;
    if (ctx.chain.is_state_file())
        spec.state_file = ctx.chain.chain().state_file;
    else
        spec.rpc_url = ctx.chain.chain().rpc;
    spec.block = ctx.chain.chain().block;
    spec.hardfork = ctx.chain.chain().hardfork;
    spec.compare = compare;
    if (compare)
        for (const auto& d : m.patch.expected_differences) spec.expect.push_back(expect_rule(d));
    if (!compare)
        for (const auto& text : m.patch.invariants) spec.invariants.push_back(invariant_text(text));
    // [patch].replay's blocks, when the chain has a history: their calls to
    // the target give the fuzzer values and senders.
    if (m.patch.replay && !ctx.chain.is_state_file())
        spec.history_blocks = std::to_string(m.patch.replay->from_block) + ".." + std::to_string(m.patch.replay->to_block);
    // holders = "history": the holders of the same blocks, from the node or the state file's record.
    if (m.patch.holders_from_history && m.patch.replay)
        spec.holder_blocks = std::to_string(m.patch.replay->from_block) + ".." + std::to_string(m.patch.replay->to_block);
    if (m.patch.holders_max) spec.holder_cap = size_t(*m.patch.holders_max);
    spec.seed = m.patch.fuzz.seed.value_or(1);
    spec.runs = m.patch.fuzz.runs;
    spec.depth = unsigned(m.patch.fuzz.depth);
    if (ctx.on_progress)
        spec.on_progress = [&ctx](const verify::FuzzProgress& p) { ctx.on_progress(p.runs, p.total); };
    SUTURE_TRY(report, verify::run_fuzz_spec(spec));
    const verify::FuzzResult& r = report.result;
    GateResult out;
    out.findings = r.report;
    for (size_t i = 0; i < r.findings.size() && i < out.findings.size(); ++i) {
        const verify::FuzzFinding& f = r.findings[i];
        if (f.kind != verify::FuzzFindingKind::difference) continue;
        out.details.differences.push_back({f.function, f.old_outcome, f.new_outcome, false, ""});
    }
    out.notes.push_back(report.state + ", new code: " + report.new_code + "; " + std::to_string(r.runs) +
                        " sequence(s), " + std::to_string(r.calls) + " call(s), seed " + std::to_string(r.seed) +
                        (compare ? ", " + std::to_string(r.compared) + " compared, " + std::to_string(r.declared) + " as declared"
                                 : ", " + std::to_string(r.invariants.size()) + " invariant(s)") +
                        ", " + std::to_string(r.findings.size()) + " finding(s)");
    return out;
}

}  // namespace

Result<GateResult> gate_fuzz(GateContext& ctx) { return run_fuzz_gate(ctx, true); }
Result<GateResult> gate_invariants(GateContext& ctx) { return run_fuzz_gate(ctx, false); }

}  // namespace suture::pipeline
