// `suture init`: writes a commented suture.toml from the build found in the
// folder and the targets inspected on the chain (pipeline/manifest_init.hpp).
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "pipeline/manifest_init.hpp"
#include "report/pipeline_render.hpp"

namespace suture::cli {
namespace {

struct InitArgs {
    pipeline::InitOptions o;
    std::vector<std::string> targets, reviewers;
    unsigned threshold = 0;
    bool force = false;
};

Result<int> run(GlobalOptions& g, InitArgs& a) {
    for (const auto& t : a.targets) {
        SUTURE_TRY(target, pipeline::parse_init_target(t));
        a.o.targets.push_back(target);
    }
    for (const auto& r : a.reviewers) {
        auto addr = parse_address(r);
        if (!addr) return std::move(addr).error().context("--reviewer " + r);
        a.o.reviewers.push_back(*addr);
    }
    if (a.threshold) a.o.threshold = a.threshold;
    SUTURE_TRY(r, pipeline::init_manifest(a.o, a.force));
    if (g.json) std::cout << nlohmann::json{{"path", r.path}, {"found", r.found}}.dump(2) << "\n";
    else std::cout << report::init_text(r);
    return 0;
}

Register reg("init", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("init", "Write a commented suture.toml from the build here and the targets on chain");
    auto a = std::make_shared<InitArgs>();
    cmd->add_option("--target", a->targets, "A deployed contract under care: NAME=ADDRESS (repeatable; the first is patched)")
        ->required();
    cmd->add_option("--rpc", a->o.rpc, "JSON-RPC node the targets are inspected on");
    cmd->add_option("--state", a->o.state_file, "Local state file the targets are inspected on (suture devnet; relative to --dir)");
    cmd->add_option("--reviewer", a->reviewers, "A reviewer who approves patches (repeatable)")->required();
    cmd->add_option("--threshold", a->threshold, "Approvals needed (default: a majority of the reviewers)")
        ->check(CLI::PositiveNumber);
    cmd->add_option("--old", a->o.old_contract, "The contract live now (default: matched against the live code)");
    cmd->add_option("--new", a->o.new_contract, "The fixed contract (default: the old one, to edit)");
    cmd->add_option("--poc", a->o.poc, "The exploit PoC for the exploit gate (a transaction list, docs/exploit-gate.md; relative to --dir)");
    cmd->add_option("--dir", a->o.dir, "Project folder to read and write suture.toml in (default .)");
    cmd->add_flag("--force", a->force, "Replace an existing suture.toml");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(g, *a)); });
});

}  // namespace
}  // namespace suture::cli
