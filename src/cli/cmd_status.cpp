// `suture status [--patch ID]`: where each patch stands, from the ledger:
// gates passed/failed/pending, the next gate, the digest, approvals against
// the threshold, and what blocks deployment.
#include <iostream>

#include "cli/command.hpp"
#include "cli/patch_options.hpp"
#include "report/pipeline_render.hpp"

namespace suture::cli {
namespace {

Result<int> run(GlobalOptions& g, const PatchOptions& o) {
    SUTURE_TRY(path, patch_ledger_path(o));
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::read));
    SUTURE_TRY(all, pipeline::patch_statuses(l, o.patch > 0 ? std::optional<int64_t>(o.patch) : std::nullopt));
    if (g.json) std::cout << report::status_json(all).dump(2) << "\n";
    else std::cout << report::status_text(all);
    return 0;
}

Register reg("status", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("status", "Where each patch stands: gates, next gate, digest, approvals, blockers");
    auto o = std::make_shared<PatchOptions>();
    add_patch_options(cmd, *o, "Only this patch");
    cmd->callback([&g, o] { g.exit = exit_of(g, run(g, *o)); });
});

}  // namespace
}  // namespace suture::cli
