// The simulate gate: the exact upgrade (implementation, route calls,
// initializer) on an overlay of the target's state, with the route rules of
// route_rules.hpp checked on what it did (upgrade_exec.hpp).
#include "core/hex.hpp"
#include "pipeline/gate.hpp"
#include "pipeline/upgrade_exec.hpp"

namespace suture::pipeline {

Result<GateResult> gate_simulate(GateContext& ctx) {
    SUTURE_TRY(in, upgrade_input(ctx.manifest, ctx.chain, ctx.code));
    evm::OverlayBackend state(ctx.chain.state());
    SUTURE_TRY(ex, execute_upgrade(state, ctx.chain.block(), ctx.chain.revision(), in));
    GateResult out;
    out.findings = std::move(ex.findings);
    out.notes.push_back("on block " + std::to_string(ctx.chain.block().number) + " of chain " +
                        ctx.chain.chain().name + " (in-process EVM, " + ctx.chain.rules() + " rules, nothing sent), mechanism " +
                        (ex.mechanism.empty() ? std::string("-") : ex.mechanism) + ", Initializable version " +
                        std::to_string(ex.version_before) + " before");
    for (const auto& s : ex.steps) out.notes.push_back((s.ok ? "ok: " : "FAILED: ") + s.what + ": " + s.detail);
    return out;
}

}  // namespace suture::pipeline
