#include "cli/patch_deploy.hpp"

#include <iostream>

#include "cli/patch_options.hpp"
#include "pipeline/deploy_readiness.hpp"
#include "pipeline/state_deploy.hpp"
#include "report/pipeline_render.hpp"

namespace suture::cli {
namespace {

PatchOptions patch_options(const PatchDeployOptions& o) {
    PatchOptions p;
    if (!o.manifest.empty()) p.manifest = o.manifest;
    p.ledger = o.ledger;
    p.patch = o.patch;
    return p;
}

struct Loaded {
    ResolvedPatch patch;
    pipeline::PatchCode code;
    std::unique_ptr<pipeline::TargetChain> chain;
    pipeline::DeployReadiness readiness;
};

Result<Loaded> load_and_check(ledger::Ledger& l, ResolvedPatch p) {
    SUTURE_TRY(code, pipeline::load_patch_code(p.manifest));
    SUTURE_TRY(chain, pipeline::TargetChain::open(p.manifest));
    SUTURE_TRY(r, pipeline::deploy_readiness(p.manifest, l, p.patch.id, *chain, code));
    return Loaded{std::move(p), std::move(code), std::move(chain), std::move(r)};
}

}  // namespace

Result<std::optional<int>> deploy_patch_on_state_file(const GlobalOptions& g, const PatchDeployOptions& o,
                                                      const KeyOptions& key) {
    const PatchOptions po = patch_options(o);
    SUTURE_TRY(path, patch_ledger_path(po));
    std::optional<Loaded> loaded;
    {
        // Read and check without the writer lock; take it only to record.
        SUTURE_TRY(reader, ledger::Ledger::open(path, ledger::Access::read));
        SUTURE_TRY(p, resolve_patch(reader, po));
        const pipeline::TargetConfig* t = p.manifest.target(p.manifest.patch.target);
        const pipeline::ChainConfig* c = t ? p.manifest.chain(t->chain) : nullptr;
        if (!c || c->state_file.empty()) return std::optional<int>();
        SUTURE_TRY(l, load_and_check(reader, std::move(p)));
        loaded.emplace(std::move(l));
    }
    SUTURE_CHECK(pipeline::require_ready(loaded->readiness));
    SUTURE_TRY(k, key.load());
    if (!k) return usage_error("deploy --patch: give the key that deploys and upgrades: --key-env, --key-file or --keystore");
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::write));
    SUTURE_TRY(out, pipeline::deploy_on_state_file(loaded->patch.manifest, *loaded->chain, loaded->code, *k, l,
                                                   loaded->patch.patch.id));
    if (g.json) std::cout << report::state_deploy_json(out).dump(2) << "\n";
    else std::cout << report::state_deploy_text(out);
    return std::optional<int>(0);
}

Status require_patch_ready(const PatchDeployOptions& o, const deploy::DeployRequest& req) {
    const PatchOptions po = patch_options(o);
    SUTURE_TRY(path, patch_ledger_path(po));
    SUTURE_TRY(reader, ledger::Ledger::open(path, ledger::Access::read));
    SUTURE_TRY(p, resolve_patch(reader, po));
    SUTURE_TRY(loaded, load_and_check(reader, std::move(p)));
    pipeline::DeployIntent intent;
    intent.route = deploy::route_name(req.route);
    intent.proxy = req.proxy;
    if (req.artifact) intent.new_runtime = req.artifact->runtime;
    intent.initializer = req.init_data;
    pipeline::check_deploy_intent(loaded.readiness, intent);
    return pipeline::require_ready(loaded.readiness);
}

}  // namespace suture::cli
