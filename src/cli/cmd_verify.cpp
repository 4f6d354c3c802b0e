// `suture verify exploit`: the exploit gate. The PoC must succeed on the old
// code and fail on the new, from the same state (verify/exploit_gate.hpp).
// Exit 0 only for "reproduces before, blocked after"; 1 for every other verdict.
// `suture verify replay`: the replay gate (verify/replay_run.hpp). Exit 0 when
// the new code behaves as the old on the history, or differs only where
// declared; 1 for an undeclared difference or a replay the receipts refute.
// `suture verify fuzz` / `suture verify invariants`: the differential fuzzer
// and the invariant gate (verify/fuzz_run.hpp). Exit 1 for a difference or an
// invariant the new code breaks; reproducers go to --out.
#include <filesystem>
#include <iostream>
#include <memory>

#include "cli/command.hpp"
#include "cli/rpc_options.hpp"
#include "cli/status_line.hpp"
#include "core/atomic_file.hpp"
#include "report/exploit_render.hpp"
#include "report/fuzz_render.hpp"
#include "report/replay_render.hpp"
#include "verify/exploit_spec.hpp"
#include "verify/fuzz_spec.hpp"
#include "verify/replay_spec.hpp"

namespace suture::cli {
namespace {

struct VerifyExploitArgs {
    verify::ExploitSpec spec;
    std::string target, value;
    std::vector<std::string> attackers;
};

Result<int> run(VerifyExploitArgs& a, const GlobalOptions& g) {
    if (!a.target.empty()) {
        SUTURE_TRY(t, parse_address(a.target));
        a.spec.target = t;
    }
    for (const auto& s : a.attackers) {
        auto addr = parse_address(s);
        if (!addr) return usage_error("--attacker " + s + ": " + addr.error().message);
        a.spec.attackers.push_back(addr.value());
    }
    if (!a.value.empty()) {
        auto v = uint256::parse(a.value);
        if (!v) return usage_error("--value " + a.value + ": " + v.error().message);
        a.spec.value = v.value();
    }
    a.spec.rpc = rpc_options();
    SUTURE_TRY(report, verify::run_exploit_spec(a.spec));
    if (g.json)
        std::cout << report::exploit_json(report).dump(2) << "\n";
    else
        std::cout << report::exploit_text(report);
    return report.result.passed() ? 0 : 1;
}

struct VerifyReplayArgs {
    verify::ReplaySpec spec;
    std::string target, txs;
};

Result<int> run_replay(VerifyReplayArgs& a, const GlobalOptions& g) {
    auto target = parse_address(a.target);
    if (!target) return usage_error("--target " + a.target + ": " + target.error().message);
    a.spec.target = target.value();
    for (size_t start = 0; !a.txs.empty() && start <= a.txs.size();) {
        size_t end = a.txs.find(',', start);
        if (end == std::string::npos) end = a.txs.size();
        if (end > start) a.spec.txs.push_back(a.txs.substr(start, end - start));
        start = end + 1;
    }
    a.spec.rpc = rpc_options();
    StatusLine progress;
    a.spec.on_progress = [&progress](const verify::ReplayProgress& p) { progress.show(report::replay_progress_text(p)); };
    auto report = verify::run_replay_spec(a.spec);
    progress.clear();
    if (!report) return report.error();
    if (g.json)
        std::cout << report::replay_json(report.value()).dump(2) << "\n";
    else
        std::cout << report::replay_text(report.value());
    return report.value().result.passed() ? 0 : 1;
}

void add_replay(CLI::App* verify, GlobalOptions& g) {
    auto* cmd = verify->add_subcommand(
        "replay", "The replay gate: history replayed on the old and the new implementation, compared transaction by transaction");
    auto a = std::make_shared<VerifyReplayArgs>();
    auto& s = a->spec;
    cmd->add_option("--target", a->target, "The proxy whose implementation the patch replaces")->required();
    cmd->add_option("--build", s.build, "Build with the new implementation: solc output, build-info or Foundry out/")->required();
    cmd->add_option("--new", s.new_contract, "The new implementation (a contract of the build)")->required();
    auto* blocks = cmd->add_option("--blocks", s.blocks, "Replay blocks A..B");
    auto* txs = cmd->add_option("--txs", a->txs, "Replay the blocks of these transactions (HASH,...), comparing only them");
    auto* last = cmd->add_option("--last", s.last, "Replay the last N blocks");
    blocks->excludes(txs)->excludes(last);
    txs->excludes(last);
    cmd->add_option("--rpc", s.rpc_url, "JSON-RPC node with the history (blocks with transactions, receipts)");
    add_rpc_limit_options(cmd);
    cmd->add_option("--fork-cache", s.cache_path, "On-disk cache of the fork's state and the history (SQLite)");
    cmd->add_flag("--offline", s.offline, "Answer every read from --fork-cache alone");
    cmd->add_option("--expect", s.expect,
                    "An expected difference: conditions joined by ';' (function=SIG, sender=0xADDR, reentered, new_reverts, "
                    "within=1000|0.01%|'1000, 0.01%': only amounts differ, by at most that) (repeatable)");
    cmd->add_option("--expect-file", s.expect_file, "Expected differences as JSON: {\"expected\": [{\"function\": ..., ...}]}");
    cmd->callback([a, &g] { g.exit = exit_of(g, run_replay(*a, g)); });
}

struct VerifyFuzzArgs {
    verify::FuzzSpec spec;
    std::string target, out;
    std::vector<std::string> senders;
    bool no_coverage = false;
};

Status write_text(const std::string& path, const std::string& text) {
    return write_file_atomically(path, BytesView(reinterpret_cast<const uint8_t*>(text.data()), text.size()));
}

// DIR/fuzz-N.json and DIR/FuzzFindingN.t.sol for every finding.
Result<std::vector<std::string>> write_reproducers(const verify::FuzzReport& r, const std::string& dir) {
    std::vector<std::string> written;
    std::error_code ec;
    std::filesystem::create_directories(dir, ec);
    if (ec) return input_error("--out " + dir + ": " + ec.message());
    for (size_t i = 0; i < r.result.findings.size(); ++i) {
        const std::string n = std::to_string(i + 1);
        const std::string json = dir + "/fuzz-" + n + ".json";
        const std::string sol = dir + "/FuzzFinding" + n + ".t.sol";
        SUTURE_CHECK(write_text(json, report::fuzz_reproducer_json(r, i).dump(2) + "\n"));
        SUTURE_CHECK(write_text(sol, report::fuzz_foundry_test(r, i, "FuzzFinding" + n + "Test")));
        written.push_back(json);
        written.push_back(sol);
    }
    return written;
}

Result<int> run_fuzz(VerifyFuzzArgs& a, const GlobalOptions& g) {
    auto target = parse_address(a.target);
    if (!target) return usage_error("--target " + a.target + ": " + target.error().message);
    a.spec.target = target.value();
    for (const auto& s : a.senders) {
        auto addr = parse_address(s);
        if (!addr) return usage_error("--sender " + s + ": " + addr.error().message);
        a.spec.senders.push_back(addr.value());
    }
    a.spec.coverage = !a.no_coverage;
    a.spec.rpc = rpc_options();
    StatusLine progress;
    a.spec.on_progress = [&progress](const verify::FuzzProgress& p) { progress.show(report::fuzz_progress_text(p)); };
    auto report = verify::run_fuzz_spec(a.spec);
    progress.clear();
    if (!report) return report.error();
    std::vector<std::string> written;
    if (!a.out.empty()) {
        SUTURE_TRY(files, write_reproducers(report.value(), a.out));
        written = std::move(files);
    }
    if (g.json) {
        auto j = report::fuzz_json(report.value());
        j["reproducers"] = written;
        std::cout << j.dump(2) << "\n";
    } else {
        std::cout << report::fuzz_text(report.value());
        for (const auto& w : written) std::cout << "  wrote " << w << "\n";
    }
    return report.value().result.passed() ? 0 : 1;
}

void add_fuzz(CLI::App* verify, GlobalOptions& g, bool compare) {
    auto* cmd = compare
        ? verify->add_subcommand("fuzz", "The fuzz gate: random calls and sequences on the old and the new implementation, compared")
        : verify->add_subcommand("invariants", "The invariant gate: invariants checked after every fuzzed call, on the new code and the old");
    auto a = std::make_shared<VerifyFuzzArgs>();
    auto& s = a->spec;
    s.compare = compare;
    cmd->add_option("--target", a->target, "The proxy whose implementation the patch replaces")->required();
    cmd->add_option("--build", s.build, "Build with the new implementation: solc output, build-info or Foundry out/")->required();
    cmd->add_option("--new", s.new_contract, "The new implementation (a contract of the build)")->required();
    auto* state = cmd->add_option("--state", s.state_file, "A local state file (suture devnet)");
    auto* rpc = cmd->add_option("--rpc", s.rpc_url, "Fork this JSON-RPC node");
    state->excludes(rpc);
    add_rpc_limit_options(cmd);
    cmd->add_option("--block", s.block, "Fork at this block (default: latest)");
    cmd->add_option("--fork-cache", s.cache_path, "On-disk cache of the fork's state (SQLite)");
    cmd->add_flag("--offline", s.offline, "Answer every read from --fork-cache alone");
    auto* runs = cmd->add_option("--runs", s.runs, "Sequences to run (default 10000)");
    auto* seconds = cmd->add_option("--seconds", s.seconds, "Run for this long instead");
    runs->excludes(seconds);
    cmd->add_option("--seed", s.seed, "Seed: the same seed gives the same calls and findings (default 1)");
    cmd->add_option("--depth", s.depth, "Longest sequence of calls (default 4)");
    cmd->add_option("--jobs", s.jobs, "Threads (default: one per core); the same seed gives the same findings with any number");
    cmd->add_flag("--no-coverage", a->no_coverage, "Draw every sequence afresh (no JUMPDEST coverage steering; faster per call)");
    cmd->add_option("--history", s.history_blocks,
                    "Blocks A..B of the node: arguments and senders of their calls to the target join the fuzzer's values and senders");
    cmd->add_option("--sender", a->senders, "A caller to include besides fresh addresses and owners found in storage (repeatable)");
    cmd->add_option("--invariant", s.invariants, "An invariant: 'f(...) OP g(...)' or 'f(...) OP NUMBER', OP one of >= <= > < == != (repeatable)");
    cmd->add_option("--holders-from", s.holder_blocks,
                    "Blocks A..B whose senders, call-data addresses and Transfer logs are the holders of 'sum(f(holders))'");
    cmd->add_option("--holders-max", s.holder_cap, "Most holders a sum over holders may derive (default 1000; more is an error)");
    if (compare) {
        cmd->add_option("--expect", s.expect,
                        "An expected difference, as verify replay's: function=SIG;sender=0xADDR;within=BOUND... (repeatable)");
        cmd->add_option("--expect-file", s.expect_file, "Expected differences as JSON: {\"expected\": [{\"function\": ..., ...}]}");
    }
    cmd->add_option("--invariant-contract", s.invariant_contract,
                    "A contract of the build with invariant_*() functions, deployed with the target's address");
    cmd->add_option("--out", a->out, "Write each finding's reproducer here (fuzz-N.json, FuzzFindingN.t.sol)");
    cmd->callback([a, &g] { g.exit = exit_of(g, run_fuzz(*a, g)); });
}

Register reg("verify", [](CLI::App& app, GlobalOptions& g) {
    auto* verify = app.add_subcommand("verify", "Verification gates on a fork or a local state");
    verify->require_subcommand(1);
    auto* cmd = verify->add_subcommand(
        "exploit", "The exploit gate: the PoC must reproduce on the old code and fail on the new (exit 0 only then)");
    auto a = std::make_shared<VerifyExploitArgs>();
    auto& s = a->spec;
    cmd->add_option("--build", s.build, "Build with the contracts named below: solc output, build-info or Foundry out/");
    auto* test = cmd->add_option("--test", s.test, "PoC: a Foundry test, PATH:Contract[::testName]");
    auto* exploit = cmd->add_option("--exploit", s.exploit_contract, "PoC: an exploit contract of the build");
    auto* txs = cmd->add_option("--txs", s.txs_file, "PoC: a JSON list of transactions (docs/exploit-gate.md)");
    test->excludes(exploit)->excludes(txs);
    exploit->excludes(txs);
    cmd->add_option("--exploit-args", s.exploit_args, "Constructor arguments of the exploit contract");
    cmd->add_option("--entry", s.entry, "Entry function of the exploit contract (default attack())");
    cmd->add_option("--entry-args", s.entry_args, "Arguments of the entry function");
    cmd->add_option("--value", a->value, "Wei sent with the entry call");
    auto* swap = cmd->add_option("--swap", s.swaps, "New code: OLD=NEW, every OLD the PoC creates is created from NEW");
    auto* target = cmd->add_option("--target", a->target, "New code: the proxy to switch to --new");
    target->excludes(swap);
    cmd->add_option("--new", s.new_contract, "The new implementation (a contract of the build), with --target");
    cmd->add_option("--rpc", s.rpc_url, "Fork this JSON-RPC node (default: an empty in-process chain)");
    add_rpc_limit_options(cmd);
    cmd->add_option("--block", s.block, "Fork at this block (default: latest)");
    cmd->add_option("--fork-cache", s.cache_path, "On-disk cache of the fork's state (SQLite)");
    cmd->add_flag("--offline", s.offline, "Answer every read from --fork-cache alone");
    cmd->add_option("--state", s.state_file, "A local state file (suture devnet) instead of a fork");
    cmd->add_option("--attacker", a->attackers, "Attacker address whose gain is measured (repeatable)");
    cmd->add_option("--token", s.tokens, "ERC-20 whose attacker balance is tracked: NAME=0xADDRESS (repeatable)");
    cmd->add_option("--setup", s.setup_file, "Transactions that build the starting state in each run (not counted in the gain)");
    cmd->add_flag("--require-gain", s.require_gain, "The PoC reproduces only if an attacker balance grew");
    cmd->add_option("--min-gain", s.min_gains, "With --require-gain: NAME=AMOUNT, a gain counts only above AMOUNT base units");
    cmd->callback([a, &g] { g.exit = exit_of(g, run(*a, g)); });
    add_replay(verify, g);
    add_fuzz(verify, g, true);
    add_fuzz(verify, g, false);
});

}  // namespace
}  // namespace suture::cli
