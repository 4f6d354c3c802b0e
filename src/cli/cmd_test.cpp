// `suture test`: the project's Foundry tests run by Suture's EVM, without
// forge (verify/foundry_runner.hpp). Output as `forge test` prints it (text,
// or --json in forge's shape). Exit 1 when a test fails.
#include <iostream>
#include <memory>

#include "chain/fork_backend.hpp"
#include "cli/command.hpp"
#include "cli/rpc_options.hpp"
#include "report/foundry_test_render.hpp"
#include "verify/foundry_runner.hpp"

namespace suture::cli {
namespace {

struct TestArgs {
    std::string root = ".";
    verify::foundry::RunOptions run;
    int verbosity = 0;
    bool json = false;
    std::string fork_url;
    std::optional<uint64_t> fork_block;
};

// Names for call traces: every function of the project, every contract the tests deployed is
// named by its label, else by its address (the test contract by its name).
report::FoundryTestTextOptions text_options(const verify::foundry::FoundryProject& project, int verbosity) {
    report::FoundryTestTextOptions o;
    o.verbosity = verbosity;
    for (const auto& b : project.build.builds)
        for (const auto& c : b.contracts)
            for (const auto& e : c.abi.entries)
                if (e.kind == abi::EntryKind::function) o.functions.emplace(e.selector(), e.canonical());
    return o;
}

Result<int> run(TestArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(project, verify::foundry::load_foundry_project(a.root));
    a.run.traces = a.verbosity >= 3;
    a.run.rpc = rpc_options();
    std::unique_ptr<chain::ForkBackend> fork;
    if (!a.fork_url.empty()) {
        chain::ForkOptions o;
        o.rpc_url = a.fork_url;
        o.block = a.fork_block;
        o.rpc = rpc_options();
        SUTURE_TRY(f, chain::ForkBackend::open(o));
        fork = std::move(f);
        a.run.base = fork.get();
        a.run.block = fork->block_env();
    }
    SUTURE_TRY(result, verify::foundry::run_tests(project, a.run));
    if (g.json || a.json)
        std::cout << report::foundry_test_json(result, a.verbosity).dump() << "\n";
    else
        std::cout << report::foundry_test_text(result, text_options(project, a.verbosity));
    return result.failed ? 1 : 0;
}

Register reg("test", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("test", "Run a Foundry project's tests in Suture's EVM (no forge needed; build first)");
    auto a = std::make_shared<TestArgs>();
    cmd->add_option("--root", a->root, "The Foundry project (folder with foundry.toml and out/)");
    cmd->add_option("--match-path", a->run.match_path, "Only test files whose path matches this glob");
    cmd->add_option("--match-contract", a->run.match_contract, "Only test contracts whose name matches this regex");
    cmd->add_option("--match-test", a->run.match_test, "Only tests whose signature matches this regex");
    cmd->add_flag("-v", a->verbosity, "Verbosity: -v logs, -vvv call traces of failing tests");
    cmd->add_flag("--json", a->json, "Results as JSON, in the shape of `forge test --json`");
    cmd->add_option("--fork-url", a->fork_url, "Run the tests on a fork of this JSON-RPC node");
    cmd->add_option("--fork-block-number", a->fork_block, "Fork at this block (default: latest)");
    add_rpc_limit_options(cmd);
    cmd->add_option("--fuzz-runs", a->run.fuzz_runs, "Inputs per fuzz test (default 256)");
    cmd->add_option("--fuzz-seed", a->run.fuzz_seed, "Seed of the fuzz inputs");
    cmd->add_option("-j,--threads", a->run.threads, "Worker threads (default: all hardware threads)");
    cmd->callback([a, &g] { g.exit = exit_of(g, run(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
