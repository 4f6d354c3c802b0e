// `suture resume [--patch ID]`: finish the latest deployment recorded in the
// ledger after a crash. The deployment's arguments come from the ledger
// (deploy.plan); each recorded step is checked on chain (mined, dropped,
// replaced) and the route goes on from the first step not done, never
// sending a state-changing transaction twice (pipeline/recorded_deploy.hpp).
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/deploy_options.hpp"
#include "cli/ledger_options.hpp"
#include "cli/rpc_options.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"
#include "pipeline/recorded_deploy.hpp"
#include "report/resume_render.hpp"

namespace suture::cli {
namespace {

struct ResumeArgs {
    std::string ledger, manifest, rpc;
    int64_t patch = 0;
};

Result<int> run(const ResumeArgs& r, const GlobalOptions& g) {
    std::string manifest_ledger;
    if (!r.manifest.empty()) {
        SUTURE_TRY(m, pipeline::load_manifest(r.manifest));
        manifest_ledger = m.ledger;
    }
    const std::string path = ledger_path(r.ledger, manifest_ledger);
    if (!std::filesystem::exists(path))  // opening for writing would create it
        return input_error("resume: ledger " + path + " does not exist; nothing to resume");
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::write));
    std::optional<int64_t> patch;
    if (r.patch > 0) patch = r.patch;
    SUTURE_TRY(found, pipeline::latest_deployment(l, patch));
    if (!found)
        return input_error("resume: ledger " + path + " records no deployment" +
                           (patch ? " of patch " + std::to_string(*patch) : std::string()) + "; nothing to resume");
    auto args = deploy_args_of(found->plan.args);
    if (!args) return std::move(args).error().context("ledger " + path + " record " + std::to_string(found->seq));
    if (!r.rpc.empty()) args->rpc = r.rpc;  // the node may have moved; the transactions have not
    DeployKeys keys;
    SUTURE_TRY(req, deploy_request(*args, keys));
    chain::RpcClient rpc(args->rpc, rpc_options());
    deploy::MemoryRecorder recorder;
    std::vector<pipeline::StepSettlement> settled;
    auto out = pipeline::resume_recorded(l, *found, rpc, std::move(req), deploy_send_options(*args), recorder, settled);
    if (!g.json) std::cerr << report::resume_text(found->seq, found->plan.patch_id, settled);
    return render_deploy(g, out, recorder,
                         {{"resumed", report::resume_json(found->seq, found->plan.patch_id, settled)}});
}

Register reg("resume", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand(
        "resume", "Finish the latest deployment recorded in the ledger after a crash, sending nothing twice");
    auto a = std::make_shared<ResumeArgs>();
    add_ledger_option(cmd, a->ledger);
    cmd->add_option("--patch", a->patch, "Resume this patch's latest deployment (default: the latest of any patch)");
    cmd->add_option("--manifest", a->manifest, "suture.toml whose ledger holds the deployment");
    cmd->add_option("--rpc", a->rpc, "Node to use instead of the one the deployment was recorded with");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
