// The replay gate in the pipeline: the transactions of [patch].replay's
// blocks replayed on the old and on the new code behind the target
// (verify/replay_spec.hpp, what `suture verify replay` runs); every difference
// not declared in [[patch.expected_differences]] (a function, within a bound
// when `within` is given) fails it. History comes from
// a node: a chain given as a state file has none.
#include "core/hex.hpp"
#include "pipeline/gate.hpp"
#include "verify/replay_spec.hpp"

namespace suture::pipeline {

Result<GateResult> gate_replay(GateContext& ctx) {
    const Manifest& m = ctx.manifest;
    if (!m.patch.replay) return input_error(m.path + ": patch.replay is not set");
    if (ctx.chain.is_state_file())
        return input_error(m.path + ": patch.replay: chain " + ctx.chain.chain().name +
                           " is a state file, which keeps no block history to replay; give it an rpc");
    verify::ReplaySpec spec;
    spec.target = ctx.chain.target().address;
    spec.build = ctx.code.new_build_path;
    spec.new_contract = m.patch.new_contract.contract;
    spec.blocks = std::to_string(m.patch.replay->from_block) + ".." + std::to_string(m.patch.replay->to_block);
    spec.rpc_url = ctx.chain.chain().rpc;
    spec.hardfork = ctx.chain.chain().hardfork;
    for (const auto& d : m.patch.expected_differences) spec.expect.push_back(expect_rule(d));
    if (ctx.on_progress)
        spec.on_progress = [&ctx](const verify::ReplayProgress& p) { ctx.on_progress(p.blocks, p.total_blocks); };
    SUTURE_TRY(report, verify::run_replay_spec(spec));
    GateResult out;
    out.findings = report.result.findings;
    for (const auto& d : report.result.differences) {
        BehaviourDifference b;
        b.where = d.function + " (tx " + to_hex(d.hash) + ", block " + std::to_string(d.block) + ")";
        b.old_result = d.old_outcome;
        b.new_result = d.new_outcome;
        b.expected = d.expected.has_value();
        if (d.expected)
            for (const auto& e : m.patch.expected_differences)
                if (d.expected->function == e.function) b.reason = e.reason;
        out.details.differences.push_back(std::move(b));
    }
    out.notes.push_back(report.history + ", new code: " + report.new_code + "; " +
                        std::to_string(report.result.compared) + " transaction(s) compared, verdict " +
                        verify::replay_verdict_name(report.result.verdict));
    return out;
}

}  // namespace suture::pipeline
