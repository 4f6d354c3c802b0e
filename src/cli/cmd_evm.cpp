// `suture evm`: the in-process EVM on its own.
//   suture evm statetest PATH...   run ethereum/tests state tests (conformance)
//   suture evm run CODE            execute bytecode with calldata, optionally traced
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <future>
#include <iostream>
#include <thread>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/status_line.hpp"
#include "core/hex.hpp"
#include "evm/revision.hpp"
#include "evm/state_memory.hpp"
#include "evm/statetest_run.hpp"
#include "evm/tracer.hpp"
#include "evm/transaction.hpp"

namespace suture::cli {
namespace {

// CTest's SKIP_RETURN_CODE: the conformance fixtures are not installed.
constexpr int kExitSkipped = 77;

struct StateTestArgs {
    std::vector<std::string> paths;
    evm::StateTestOptions options;
    bool trace = false;
    bool skip_missing = false;
};

int run_statetest(GlobalOptions& g, const StateTestArgs& a) {
    std::vector<std::filesystem::path> paths(a.paths.begin(), a.paths.end());
    if (a.skip_missing) {
        for (const auto& p : paths) {
            if (!std::filesystem::exists(p)) {
                std::cout << "state-test fixtures not found at " << p.string()
                          << " (set SUTURE_ETHEREUM_TESTS); skipped\n";
                return kExitSkipped;
            }
        }
    }
    evm::StateTestOptions options = a.options;
    if (a.trace) options.trace = &std::cerr;
    StatusLine progress(true);
    if (!a.trace && isatty(STDERR_FILENO))  // a whole folder takes tens of seconds: show how far it is
        options.progress = [&progress](const char* phase, size_t done, size_t total) {
            progress.show(std::string(phase) + " " + std::to_string(done) + "/" + std::to_string(total) +
                          (std::string_view(phase) == "loading" ? " files" : " cases"));
        };
    const auto start = std::chrono::steady_clock::now();
    auto report = evm::run_state_tests(paths, options);
    progress.clear();
    if (!report) return fail(g, report.error());
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    // Nothing to run is a mistake (a wrong folder, a misspelt -k), never a pass.
    if (report->files == 0) return fail(g, input_error("no state-test files (*.json) under " + a.paths[0]));
    if (report->passed + report->failed + report->skipped == 0) {
        std::string why = !a.options.test_filter.empty()
                              ? "no test named \"" + a.options.test_filter + "\""
                              : "no case for fork " + options.fork;
        if (a.options.post_index >= 0) why += " with post index " + std::to_string(a.options.post_index);
        return fail(g, input_error(why + " in " + std::to_string(report->files) + " file(s) under " + a.paths[0]));
    }

    if (g.json) {
        nlohmann::json j{{"passed", report->passed}, {"failed", report->failed}, {"skipped", report->skipped},
                         {"files", report->files}, {"seconds", seconds}, {"skip_reasons", report->skip_reasons}};
        auto& fails = j["failures"] = nlohmann::json::array();
        for (const auto& f : report->failures)
            fails.push_back({{"file", f.file}, {"test", f.test}, {"post_index", f.post_index}, {"data", f.data},
                             {"gas", f.gas}, {"value", f.value}, {"detail", f.detail}});
        auto& slow = j["slowest"] = nlohmann::json::array();
        for (const auto& t : report->slowest)
            slow.push_back({{"file", t.file}, {"test", t.test}, {"post_index", t.post_index},
                           {"cpu_seconds", t.cpu_seconds}, {"seconds", t.seconds}});
        j["load_seconds"] = report->load_seconds;
        j["run_seconds"] = report->run_seconds;
        std::cout << j.dump() << "\n";
    } else {
        for (const auto& f : report->failures) {
            std::cout << "FAIL " << f.file;
            if (!f.test.empty())
                std::cout << " " << f.test << " #" << f.post_index << " (data " << f.data << ", gas " << f.gas
                          << ", value " << f.value << ")";
            std::cout << ": " << f.detail << "\n";
        }
        if (!report->slowest.empty()) {
            std::cout << "slowest cases (CPU s, wall s):\n";
            for (const auto& t : report->slowest)
                std::cout << "  " << t.cpu_seconds << "  " << t.seconds << "  " << t.file << " " << t.test << " #"
                          << t.post_index << "\n";
            std::cout << "load " << report->load_seconds << " s, run " << report->run_seconds << " s\n";
        }
        for (const auto& [reason, n] : report->skip_reasons) std::cout << "skipped " << n << ": " << reason << "\n";
        std::cout << report->files << " files, fork " << options.fork << ", " << seconds << " s\n";
        std::cout << report->passed << " passed, " << report->failed << " failed, " << report->skipped
                  << " skipped\n";
    }
    return report->failed ? 1 : 0;
}

struct RunArgs {
    std::string code;
    std::string input = "0x";
    std::string value = "0";
    int64_t gas = 30'000'000;
    std::string fork = "Cancun";
    bool trace = false;
    double time_limit = 60;  // seconds of wall-clock time; 0: none
};

int run_code(GlobalOptions& g, const RunArgs& a) {
    auto rev = evm::revision_from_name(a.fork);
    if (!rev) return fail(g, usage_error("unknown fork '" + a.fork + "'"));
    auto code = from_hex(a.code);
    if (!code) return fail(g, std::move(code).error().context("code"));
    auto input = from_hex(a.input);
    if (!input) return fail(g, std::move(input).error().context("--input"));
    auto value = uint256::parse(a.value);
    if (!value) return fail(g, std::move(value).error().context("--value"));

    // A contract holding the code, called by a funded account.
    Address contract, caller;
    contract.bytes[19] = 0xc0;
    caller.bytes[19] = 0xca;
    evm::MemoryBackend state;
    state.set_account(contract, 1, 0, std::move(*code));
    state.set_account(caller, 0, uint256::max() >> 1, {});
    evm::CallRequest call;
    call.from = caller;
    call.to = contract;
    call.data = std::move(*input);
    call.value = *value;
    call.gas = a.gas;
    evm::BlockEnv block;
    block.gas_limit = a.gas;
    block.number = 1;

    evm::Eip3155Tracer tracer(std::cerr);
    evm::ExecOptions options;
    if (a.trace) options.tracer = &tracer;
    // The run happens on a worker thread so that a wall-clock limit can stop
    // waiting for it: gas alone does not bound the time (--gas 2^63-1 on a loop).
    std::packaged_task<Result<evm::TxOutcome>()> task([&] { return evm::execute_call(state, *rev, block, call, options); });
    auto result = task.get_future();
    std::thread worker(std::move(task));
    if (a.time_limit > 0 &&
        result.wait_for(std::chrono::duration<double>(a.time_limit)) == std::future_status::timeout) {
        // The interpreter has no way to be interrupted: leave the process with
        // it still running, after saying why.
        std::cout.flush();
        std::cerr << "suture: error: evm run: stopped after the --time-limit of " << a.time_limit
                  << " s; the code was still running (gas limit " << a.gas << ")\n"
                  << std::flush;
        std::_Exit(1);
    }
    worker.join();
    auto out = result.get();
    if (!out) return fail(g, out.error());
    const auto& r = out->receipt;
    if (g.json) {
        std::cout << nlohmann::json{{"status", evm::status_name(r.status)}, {"gas_used", r.gas_used},
                                    {"output", to_hex(r.output)}}
                         .dump()
                  << "\n";
    } else {
        std::cout << "status " << evm::status_name(r.status) << "\ngas used " << r.gas_used << "\noutput "
                  << to_hex(r.output) << "\n";
    }
    return r.status == evm::StatusCode::success ? 0 : 1;
}

Register reg("evm", [](CLI::App& app, GlobalOptions& g) {
    auto* evm = app.add_subcommand("evm", "The in-process EVM: conformance tests and bytecode runs");
    evm->require_subcommand(1);

    auto st = std::make_shared<StateTestArgs>();
    auto* stc = evm->add_subcommand("statetest", "Run ethereum/tests state-test fixtures (files or folders)");
    stc->add_option("paths", st->paths, "Fixture files or folders (searched recursively)")->required();
    stc->add_option("--fork", st->options.fork, "Fork whose post entries to check")->default_val("Cancun");
    stc->add_option("--threads", st->options.threads, "Worker threads (0: all cores)");
    stc->add_option("-k,--test", st->options.test_filter, "Run only the test with this name");
    stc->add_option("--index", st->options.post_index, "Run only this post entry of each test");
    stc->add_option("--slowest", st->options.slowest, "Print the times of the N slowest cases (by CPU time)");
    stc->add_flag("--trace", st->trace, "EIP-3155 trace of every case run, on stderr (use with --test)");
    stc->add_flag("--skip-missing", st->skip_missing, "Exit 77 (skipped) when a path does not exist");
    stc->callback([&g, st] { g.exit = run_statetest(g, *st); });

    auto ra = std::make_shared<RunArgs>();
    auto* run = evm->add_subcommand("run", "Execute bytecode in a fresh state and print the result");
    run->add_option("code", ra->code, "Bytecode (hex)")->required();
    run->add_option("--input", ra->input, "Calldata (hex)");
    run->add_option("--value", ra->value, "Call value (wei, decimal or 0x-hex)");
    run->add_option("--gas", ra->gas, "Gas limit");
    run->add_option("--fork", ra->fork, "Fork rules")->default_val("Cancun");
    run->add_flag("--trace", ra->trace, "EIP-3155 trace on stderr");
    run->add_option("--time-limit", ra->time_limit, "Stop after this many seconds of wall-clock time (default 60; 0: none)")
        ->check(CLI::NonNegativeNumber);
    run->callback([&g, ra] { g.exit = run_code(g, *ra); });
});

}  // namespace
}  // namespace suture::cli
