#include "evm/statetest_run.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <ctime>
#include <ostream>
#include <thread>

#include "core/hex.hpp"
#include "core/uint256.hpp"
#include "evm/analysis.hpp"
#include "evm/state_root.hpp"
#include "evm/statetest_load.hpp"
#include "evm/tracer.hpp"

namespace suture::evm {
namespace {

// Calls fn(i) for i in [0, n) on `threads` threads, handing out indexes in
// order; fn must be safe to call concurrently for different i.
template <typename Fn>
void parallel_for(size_t n, unsigned threads, Fn&& fn) {
    std::atomic<size_t> next{0};
    auto work = [&] {
        for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
    };
    std::vector<std::thread> pool;
    for (unsigned t = 1; t < threads && t < n; ++t) pool.emplace_back(work);
    work();
    for (auto& th : pool) th.join();
}

struct CaseResult {
    enum Outcome { pass, fail, skip } outcome = fail;
    std::string detail;  // failure detail, or the skip reason
    double seconds = 0;      // wall time of the case
    double cpu_seconds = 0;  // CPU time of the thread that ran it
};

double seconds_since(std::chrono::steady_clock::time_point start) {
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

double thread_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts);
    return double(ts.tv_sec) + double(ts.tv_nsec) * 1e-9;
}

Result<std::vector<std::filesystem::path>> fixture_files(const std::vector<std::filesystem::path>& paths) {
    std::vector<std::filesystem::path> files;
    for (const auto& p : paths) {
        std::error_code ec;
        if (std::filesystem::is_directory(p, ec)) {
            for (auto it = std::filesystem::recursive_directory_iterator(p, ec);
                 !ec && it != std::filesystem::recursive_directory_iterator(); it.increment(ec))
                if (it->is_regular_file() && it->path().extension() == ".json") files.push_back(it->path());
            if (ec) return input_error(p.string() + ": " + ec.message());
        } else if (std::filesystem::is_regular_file(p, ec)) {
            files.push_back(p);
        } else {
            return input_error(p.string() + ": no such file or folder");
        }
    }
    std::sort(files.begin(), files.end());
    return files;
}

std::string describe_outcome(const TxOutcome& out) {
    return std::string("status ") + status_name(out.receipt.status) + ", gas used " +
           std::to_string(out.receipt.gas_used);
}

CaseResult run_case(const StateTest& test, const StateTestCase& c, Revision rev, AnalysisCache& cache,
                    std::ostream* trace) {
    MemoryBackend state = test.pre;
    std::optional<Eip3155Tracer> tracer;
    if (trace) tracer.emplace(*trace);
    ExecOptions options{tracer ? &*tracer : nullptr, &cache};

    auto tx = case_transaction(test, c);
    Result<TxOutcome> out = tx ? execute_transaction(state, rev, test.block, *tx, options)
                               : Result<TxOutcome>(std::move(tx).error());
    if (!out && out.error().kind == ErrorKind::unsupported) return {CaseResult::skip, out.error().message};

    std::string what;
    Bytes32 logs;
    if (!out) {
        if (!c.expect_exception) return {CaseResult::fail, "unexpected rejection: " + out.error().message};
        what = "rejected (" + out.error().message + ")";
        logs = logs_hash({});
    } else {
        if (c.expect_exception)
            return {CaseResult::fail,
                    "expected " + *c.expect_exception + ", but the transaction ran: " + describe_outcome(*out)};
        what = describe_outcome(*out);
        state.apply(out->diff);
        logs = logs_hash(out->receipt.logs);
    }
    const Bytes32 root = state_root(state);
    if (trace) {
        *trace << "{\"stateRoot\":\"" << to_hex(root) << "\",\"gasUsed\":\"0x"
               << (out ? uint256(uint64_t(out->receipt.gas_used)).to_hex().substr(2) : "0") << "\",\"pass\":"
               << (root == c.expected_root && logs == c.expected_logs ? "true" : "false") << "}\n";
    }
    std::string detail;
    if (root != c.expected_root)
        detail += "state root expected " + to_hex(c.expected_root) + " got " + to_hex(root) + "; ";
    if (logs != c.expected_logs)
        detail += "logs hash expected " + to_hex(c.expected_logs) + " got " + to_hex(logs) + "; ";
    if (detail.empty()) return {CaseResult::pass, {}};
    return {CaseResult::fail, detail + what};
}

}  // namespace

Result<StateTestReport> run_state_tests(const std::vector<std::filesystem::path>& paths,
                                        const StateTestOptions& options) {
    const auto rev = revision_from_name(options.fork);
    if (!rev) return input_error("unknown fork '" + options.fork + "'");
    SUTURE_TRY(files, fixture_files(paths));
    unsigned threads = options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());
    if (options.trace) threads = 1;

    StateTestReport report;
    report.files = files.size();

    // Load every file (in parallel), then run every case (in parallel).
    auto start = std::chrono::steady_clock::now();
    std::vector<Result<std::vector<StateTest>>> loaded(files.size(), Result<std::vector<StateTest>>(std::vector<StateTest>{}));
    std::atomic<size_t> done{0};
    auto progress = [&](const char* phase, size_t total) {
        if (options.progress) options.progress(phase, done.fetch_add(1) + 1, total);
    };
    parallel_for(files.size(), threads, [&](size_t i) {
        loaded[i] = load_state_tests(files[i], options.fork);
        progress("loading", files.size());
    });

    struct Job {
        const StateTest* test;
        const StateTestCase* c;
    };
    std::vector<Job> jobs;
    for (size_t i = 0; i < files.size(); ++i) {
        if (!loaded[i]) {
            report.failed++;
            report.failures.push_back({files[i].string(), "", 0, 0, 0, 0, loaded[i].error().message});
            continue;
        }
        for (const StateTest& t : *loaded[i]) {
            if (!options.test_filter.empty() && t.name != options.test_filter) continue;
            for (const StateTestCase& c : t.cases)
                if (options.post_index < 0 || size_t(options.post_index) == c.post_index) jobs.push_back({&t, &c});
        }
    }

    // Start the cases with the largest gas limits first: a few of them (a
    // blake2f call with 2^32-1 rounds) take longer than all the others
    // together, and the pool finishes no earlier than its last long case.
    std::vector<size_t> order(jobs.size());
    std::vector<uint64_t> weight(jobs.size());
    for (size_t i = 0; i < jobs.size(); ++i) {
        order[i] = i;
        // A case the block rejects (expected exception, or a gas limit above the
        // block's) ends at validation: it weighs nothing whatever its gas limit.
        const StateTest& t = *jobs[i].test;
        auto g = uint256::parse(t.gas_limit[jobs[i].c->gas]);
        const uint64_t block_gas = uint64_t(std::max<int64_t>(t.block.gas_limit, 0));
        const bool rejected = jobs[i].c->expect_exception || !g || !g->fits_u64() || g->low64() > block_gas;
        weight[i] = rejected ? 0 : g->low64();
    }
    std::stable_sort(order.begin(), order.end(), [&](size_t a, size_t b) { return weight[a] > weight[b]; });

    report.load_seconds = seconds_since(start);
    start = std::chrono::steady_clock::now();
    done = 0;
    AnalysisCache cache;
    std::vector<CaseResult> results(jobs.size());
    parallel_for(jobs.size(), threads, [&](size_t k) {
        const size_t i = order[k];
        const auto case_start = std::chrono::steady_clock::now();
        const double cpu_start = thread_cpu_seconds();
        results[i] = run_case(*jobs[i].test, *jobs[i].c, *rev, cache, options.trace);
        results[i].cpu_seconds = thread_cpu_seconds() - cpu_start;
        results[i].seconds = seconds_since(case_start);
        progress("running", jobs.size());
    });
    report.run_seconds = seconds_since(start);

    for (size_t i = 0; i < jobs.size(); ++i) {
        const CaseResult& r = results[i];
        switch (r.outcome) {
        case CaseResult::pass: report.passed++; break;
        case CaseResult::skip:
            report.skipped++;
            report.skip_reasons[r.detail]++;
            break;
        case CaseResult::fail: {
            report.failed++;
            const StateTest& t = *jobs[i].test;
            const StateTestCase& c = *jobs[i].c;
            report.failures.push_back({t.file, t.name, c.post_index, c.data, c.gas, c.value, r.detail});
            break;
        }
        }
    }

    std::vector<size_t> by_time(jobs.size());
    for (size_t i = 0; i < jobs.size(); ++i) by_time[i] = i;
    const size_t n_slowest = std::min(options.slowest, jobs.size());
    std::partial_sort(by_time.begin(), by_time.begin() + long(n_slowest), by_time.end(),
                      [&](size_t a, size_t b) { return results[a].cpu_seconds > results[b].cpu_seconds; });
    for (size_t k = 0; k < n_slowest; ++k) {
        const Job& j = jobs[by_time[k]];
        const CaseResult& r = results[by_time[k]];
        report.slowest.push_back({j.test->file, j.test->name, j.c->post_index, r.cpu_seconds, r.seconds});
    }
    return report;
}

}  // namespace suture::evm
