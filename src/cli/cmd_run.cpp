// `suture run [--patch ID] [--until GATE]`: the patch's gates in order,
// stopping at the first that fails; each run and the patch digest recorded.
// Exit 1 when a gate failed or could not run.
#include <iostream>

#include "cli/command.hpp"
#include "cli/patch_options.hpp"
#include "pipeline/gate.hpp"
#include "report/pipeline_render.hpp"

namespace suture::cli {
namespace {

struct RunArgs {
    PatchOptions opt;
    std::string until;
};

Result<int> run(GlobalOptions& g, const RunArgs& a) {
    SUTURE_TRY(path, patch_ledger_path(a.opt));
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::write));
    SUTURE_TRY(p, resolve_patch(l, a.opt));
    SUTURE_TRY(r, pipeline::run_patch(p.manifest, l, {p.patch.id, a.until}));
    if (g.json) std::cout << report::run_json(r).dump(2) << "\n";
    else std::cout << report::run_text(r);
    return r.passed() ? 0 : 1;
}

Register reg("run", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("run", "Run the patch's gates in order (" + pipeline::gate_names() +
                                              "), stopping at the first that fails");
    auto a = std::make_shared<RunArgs>();
    add_patch_options(cmd, a->opt, "The patch (default: the latest)");
    cmd->add_option("--until", a->until, "Stop after this gate");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(g, *a)); });
});

}  // namespace
}  // namespace suture::cli
