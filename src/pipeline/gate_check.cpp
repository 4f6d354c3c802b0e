// The check gate in the pipeline: upgrade safety of the manifest's new
// contract against its old one (upgrade/check_gate.hpp, what `suture check`
// runs).
#include "pipeline/gate.hpp"
#include "upgrade/check_gate.hpp"

namespace suture::pipeline {

Result<GateResult> gate_check(GateContext& ctx) {
    upgrade::CheckRequest req;
    req.new_build = ctx.code.new_build_path;
    req.new_contract = ctx.manifest.patch.new_contract.contract;
    req.old_build = ctx.code.old_build_path;
    req.old_contract = ctx.manifest.patch.old_contract.contract;
    req.load.format = load_format(ctx.manifest.build(ctx.manifest.patch.new_contract.build)->format);
    SUTURE_TRY(result, upgrade::run_check_gate(req));
    GateResult out;
    out.details = check_details(result);
    for (const auto& r : result.reports) {
        out.notes.push_back("checked " + r.old_contract + " -> " + r.new_contract);
        out.findings.insert(out.findings.end(), r.findings.begin(), r.findings.end());
    }
    return out;
}

}  // namespace suture::pipeline
