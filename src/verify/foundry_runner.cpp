#include "verify/foundry_runner.hpp"

#include <fnmatch.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <memory>
#include <regex>
#include <thread>

#include "core/abi_encode.hpp"
#include "core/abi_revert.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/analysis.hpp"
#include "evm/precompiles.hpp"
#include "evm/state_host.hpp"
#include "evm/state_memory.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"
#include "verify/foundry_addresses.hpp"
#include "verify/foundry_cheatcodes.hpp"
#include "verify/foundry_fuzz.hpp"

namespace suture::verify::foundry {
namespace {

constexpr evm::Revision kRevision = evm::Revision::cancun;
// forge's default cap on inputs a fuzz test may reject with vm.assume.
constexpr uint64_t kMaxRejects = 65536;

using Clock = std::chrono::steady_clock;

double seconds_since(Clock::time_point t0) { return std::chrono::duration<double>(Clock::now() - t0).count(); }

// revm's empty database answers BLOCKHASH with keccak256 of the decimal number.
Bytes32 empty_block_hash(int64_t number) { return keccak256(std::to_string(number)); }

// What every run of one `run_tests` shares.
struct Shared {
    std::optional<evm::BlockEnv> block;
    ForkConfig forks;
    evm::AnalysisCache analysis;
    abi::ContractAbi errors;  // the custom errors of every contract, to name reverts
    bool traces = false;
    uint64_t fuzz_runs = 256;
    uint64_t fuzz_seed = 0;
};

// forge's block and transaction environment of a test (see foundry_addresses.hpp),
// or the given block's.
evm::TxContext initial_context(const std::optional<evm::BlockEnv>& block) {
    evm::TxContext ctx;
    ctx.origin = kDefaultSender;
    ctx.number = 1;
    ctx.timestamp = 1;
    ctx.gas_limit = kTestGasLimit;
    ctx.chain_id = uint256(kDefaultChainId);
    ctx.blob_base_fee = evm::blob_base_fee(0);
    if (block) {
        ctx.number = block->number;
        ctx.timestamp = block->timestamp;
        ctx.chain_id = block->chain_id;
        ctx.base_fee = block->base_fee;
        ctx.coinbase = block->coinbase;
        ctx.prev_randao = block->prev_randao;
        ctx.blob_base_fee = evm::blob_base_fee(block->excess_blob_gas);
    }
    return ctx;
}

struct TopCall {
    evm::ExecResult result;
    int64_t gas = 0;  // forge's figure: execution gas after refunds, without the intrinsic gas
};

// One call from the test sender, outside any transaction's fee and nonce
// rules (forge neither charges the sender nor bumps its nonce for a call).
TopCall top_call(evm::State& state, evm::StateHost& host, const evm::TxContext& ctx, std::optional<Address> to,
                 BytesView data) {
    evm::Transaction tx;
    tx.type = evm::TxType::dynamic_fee;
    tx.sender = kDefaultSender;
    tx.to = to;
    tx.data.assign(data.begin(), data.end());
    tx.gas_limit = kTestGasLimit;
    const int64_t intrinsic = evm::intrinsic_gas(kRevision, tx);
    // EIP-2929/EIP-3651: what a transaction starts with warm.
    state.access_account(kDefaultSender);
    if (to) state.access_account(*to);
    for (uint8_t i = 1; i <= 0x20; ++i) {
        Address a;
        a.bytes[19] = i;
        if (evm::is_precompile(kRevision, a)) state.access_account(a);
    }
    state.access_account(ctx.coinbase);

    evm::Message msg;
    msg.kind = to ? evm::CallKind::call : evm::CallKind::create;
    msg.gas = kTestGasLimit - intrinsic;
    if (to) msg.recipient = msg.code_address = *to;
    msg.sender = kDefaultSender;
    msg.input = tx.data;
    TopCall out;
    out.result = host.call(msg);
    const int64_t used = msg.gas - out.result.gas_left;
    // EIP-3529: the refund is capped at a fifth of the transaction's gas.
    const int64_t refund = out.result.status == evm::StatusCode::success
                               ? std::min(out.result.gas_refund, (used + intrinsic) / 5)
                               : 0;
    out.gas = used - refund;
    return out;
}

// What one call (deploy, setUp or a test) left behind.
struct CallRun {
    TopCall call;
    std::optional<std::string> unsupported;
    std::optional<std::string> unmet;
    bool failed_flag = false;
    bool skipped = false;
    bool rejected = false;
    std::vector<evm::Log> logs;
    std::vector<std::string> decoded_logs;
    std::map<Address, std::string> labels;
    std::vector<TraceFrame> trace;
    evm::StateDiff diff;
};

Result<CallRun> run_call(evm::StateBackend& backend, evm::TxContext& ctx, const std::map<Address, std::string>& labels,
                         std::optional<Address> to, BytesView data, Shared& shared, ForkSet* forks,
                         ChainedInspector* front, TestObserver* observer, bool commit) {
    evm::State state(backend, kRevision);
    Cheatcodes cheats(state, ctx, shared.traces);
    cheats.forks = forks;
    cheats.labels() = labels;
    evm::ExecOptions opts;
    opts.analysis = &shared.analysis;
    opts.inspector = &cheats;
    opts.code_size_limit = SIZE_MAX;  // as forge test: no EIP-170 limit
    if (front) {
        front->attach_tail(&cheats);
        opts.inspector = front;
    }
    evm::StateHost host(state, ctx,
                        shared.block && shared.block->block_hashes ? shared.block->block_hashes
                                                                   : evm::BlockHashFn(empty_block_hash),
                        opts);
    if (observer) observer->before_test(state);
    CallRun out;
    out.call = top_call(state, host, ctx, to, data);
    if (observer) observer->after_test(state);
    if (front) front->attach_tail(nullptr);  // `cheats` ends with this call: leave no pointer to it
    if (host.unsupported()) return unsupported_error(*host.unsupported());
    if (state.error()) return *state.error();
    out.unsupported = cheats.unsupported();
    out.unmet = cheats.unmet_expectations();
    out.failed_flag = cheats.failed_flag();
    out.skipped = cheats.skipped();
    out.rejected = cheats.assumption_rejected();
    out.logs = std::move(cheats.logs());
    out.decoded_logs = std::move(cheats.decoded_logs());
    out.labels = std::move(cheats.labels());
    out.trace = std::move(cheats.trace());
    if (commit) out.diff = state.finalize();
    return out;
}

// forge's wording for why a call failed.
std::string revert_reason(const evm::ExecResult& r, const abi::ContractAbi& errors) {
    switch (r.status) {
    case evm::StatusCode::revert: break;
    case evm::StatusCode::out_of_gas: return "EvmError: OutOfGas";
    case evm::StatusCode::invalid_instruction: return "EvmError: InvalidFEOpcode";
    default: return std::string("EvmError: ") + evm::status_name(r.status);
    }
    if (r.output.empty()) return "EvmError: Revert";
    auto d = abi::decode_revert(r.output, &errors);
    if (!d) return "custom error " + to_hex(r.output);
    switch (d->kind) {
    case abi::Revert::Kind::error_string: return d->message;
    case abi::Revert::Kind::panic: {
        const char* why = abi::panic_reason(d->panic_code);
        return std::string("panic: ") + (why ? why : "unknown panic code") + " (" + d->panic_code.to_hex() + ")";
    }
    case abi::Revert::Kind::custom: return d->description;
    default: break;
    }
    if (r.output.size() >= 4)
        return "custom error " + to_hex(BytesView(r.output).first(4)) +
               (r.output.size() > 4 ? ": " + to_hex(BytesView(r.output).subspan(4), false) : "");
    return to_hex(r.output);
}

// A contract deployed and set up, ready for its tests.
struct Prepared {
    const TestContract* contract = nullptr;
    std::unique_ptr<ForkSwitch> fork_switch;  // under `state`
    std::unique_ptr<ForkSet> forks;
    std::unique_ptr<evm::OverlayBackend> state;
    Address address;
    CarriedOver carried;
    std::optional<TestResult> setup_failure;  // reported as "setUp()"
    double duration_s = 0;
};

void carry(CarriedOver& c, CallRun& run) {
    c.logs.insert(c.logs.end(), run.logs.begin(), run.logs.end());
    c.decoded_logs.insert(c.decoded_logs.end(), run.decoded_logs.begin(), run.decoded_logs.end());
    c.labels = std::move(run.labels);
}

TestResult setup_failed(const std::string& why, CarriedOver& carried, std::vector<TraceFrame> trace) {
    TestResult t;
    t.signature = "setUp()";
    t.status = TestStatus::failure;
    t.reason = "setup failed: " + why;
    t.logs = carried.logs;
    t.decoded_logs = carried.decoded_logs;
    t.labels = carried.labels;
    t.trace = std::move(trace);
    return t;
}

Result<Prepared> prepare(const TestContract& c, evm::StateBackend& base, Shared& shared, ChainedInspector* front) {
    const auto t0 = Clock::now();
    Prepared p;
    p.contract = &c;
    p.fork_switch = std::make_unique<ForkSwitch>(base);
    p.forks = std::make_unique<ForkSet>(*p.fork_switch, shared.forks);
    p.state = std::make_unique<evm::OverlayBackend>(*p.fork_switch);
    SUTURE_CHECK(p.state->set_balance(kDefaultSender, kInitialBalance));
    // forge sets the deployer's nonce to 1 (so the test contract lands at
    // 0x7FA9385bE102ac3EAc297483Dd6233D62b3e1496, as under DappTools).
    SUTURE_CHECK(p.state->set_nonce(kDefaultSender, 1));
    // Solidity checks EXTCODESIZE before calling a function without return
    // values: the cheatcode address must look like a contract.
    SUTURE_CHECK(p.state->set_code(kCheatcodeAddress, Bytes{0x00}));
    p.carried.ctx = initial_context(shared.block);

    SUTURE_TRY(deploy, run_call(*p.state, p.carried.ctx, {}, std::nullopt, c.creation_code, shared, p.forks.get(), front,
                                     nullptr, true));
    carry(p.carried, deploy);
    if (deploy.call.result.status != evm::StatusCode::success || deploy.unsupported) {
        p.setup_failure = setup_failed(deploy.unsupported ? *deploy.unsupported
                                                          : revert_reason(deploy.call.result, shared.errors),
                                       p.carried, std::move(deploy.trace));
        return p;
    }
    p.state->apply(deploy.diff);
    p.address = deploy.call.result.create_address;
    SUTURE_CHECK(p.state->set_balance(p.address, kInitialBalance));

    if (c.has_setup) {
        const abi::Selector sel = abi::selector("setUp()");
        SUTURE_TRY(setup, run_call(*p.state, p.carried.ctx, p.carried.labels, p.address, BytesView(sel.data(), 4),
                                   shared, p.forks.get(), front, nullptr, true));
        carry(p.carried, setup);
        std::optional<std::string> why = setup.unsupported;
        if (!why && setup.call.result.status != evm::StatusCode::success)
            why = revert_reason(setup.call.result, shared.errors);
        if (!why && setup.unmet) why = setup.unmet;
        if (why) {
            p.setup_failure = setup_failed(*why, p.carried, std::move(setup.trace));
            return p;
        }
        p.state->apply(setup.diff);
    }
    p.forks->lock();
    p.duration_s = seconds_since(t0);
    return p;
}

// The verdict of one run of a test function.
void judge(const CallRun& run, const abi::ContractAbi& errors, TestResult& t) {
    const auto& r = run.call.result;
    t.gas = run.call.gas;
    if (run.unsupported) {
        t.status = TestStatus::failure;
        t.reason = run.unsupported;
    } else if (run.skipped) {
        t.status = TestStatus::skipped;
    } else if (r.status != evm::StatusCode::success) {
        t.status = TestStatus::failure;
        t.reason = revert_reason(r, errors);
    } else if (run.unmet) {
        t.status = TestStatus::failure;
        t.reason = run.unmet;
    } else if (run.failed_flag) {
        t.status = TestStatus::failure;
    } else {
        t.status = TestStatus::success;
    }
}

void take_outputs(CallRun& run, const Prepared& p, TestResult& t, bool keep_trace) {
    t.logs = p.carried.logs;
    t.logs.insert(t.logs.end(), run.logs.begin(), run.logs.end());
    t.decoded_logs = p.carried.decoded_logs;
    t.decoded_logs.insert(t.decoded_logs.end(), run.decoded_logs.begin(), run.decoded_logs.end());
    t.labels = std::move(run.labels);
    if (keep_trace && t.status == TestStatus::failure) t.trace = std::move(run.trace);
}

Result<TestResult> run_one(const Prepared& p, const abi::AbiEntry& test, Shared& shared, ChainedInspector* front,
                           TestObserver* observer) {
    const auto t0 = Clock::now();
    TestResult t;
    t.signature = test.canonical();
    const abi::Selector sel = test.selector();

    if (test.inputs.empty()) {
        evm::TxContext ctx = p.carried.ctx;
        SUTURE_TRY(run, run_call(*p.state, ctx, p.carried.labels, p.address, BytesView(sel.data(), 4), shared,
                                 p.forks.get(), front, observer, false));
        judge(run, shared.errors, t);
        take_outputs(run, p, t, shared.traces);
        t.duration_s = seconds_since(t0);
        return t;
    }

    // A fuzz test: `fuzz_runs` accepted inputs, stopping at the first failure.
    FuzzInfo fuzz;
    FuzzInputs inputs(shared.fuzz_seed ^ std::hash<std::string>{}(p.contract->id() + "::" + t.signature));
    const auto types = test.signature().input_types();
    std::vector<int64_t> gas;
    uint64_t rejects = 0;
    std::optional<CallRun> last;
    t.status = TestStatus::success;
    while (fuzz.runs < shared.fuzz_runs) {
        const auto args = inputs.values(types);
        auto data = abi::encode_call(test.signature(), args);
        if (!data) return std::move(data).error().context(t.signature);
        evm::TxContext ctx = p.carried.ctx;
        SUTURE_TRY(run, run_call(*p.state, ctx, p.carried.labels, p.address, *data, shared, p.forks.get(), front,
                                 observer, false));
        if (run.rejected) {
            if (++rejects >= kMaxRejects) {
                t.status = TestStatus::failure;
                t.reason = "`vm.assume` rejected too many inputs (" + std::to_string(kMaxRejects) + " allowed)";
                last = std::move(run);
                break;
            }
            continue;
        }
        ++fuzz.runs;
        judge(run, shared.errors, t);
        gas.push_back(run.call.gas);
        if (t.status == TestStatus::failure) {
            fuzz.counterexample_calldata = *data;
            fuzz.counterexample_args =
                abi::format_value(abi::AbiType::tuple_of(types), abi::AbiValue(abi::AbiValue::List(args)));
            last = std::move(run);
            break;
        }
        if (fuzz.runs == shared.fuzz_runs || !last) last = std::move(run);
    }
    if (!gas.empty()) {
        int64_t sum = 0;
        for (auto g : gas) sum += g;
        fuzz.mean_gas = sum / int64_t(gas.size());
        std::sort(gas.begin(), gas.end());
        fuzz.median_gas = gas.size() % 2 ? gas[gas.size() / 2] : (gas[gas.size() / 2 - 1] + gas[gas.size() / 2]) / 2;
        t.gas = fuzz.mean_gas;
    }
    if (last) take_outputs(*last, p, t, shared.traces);
    t.fuzz = std::move(fuzz);
    t.duration_s = seconds_since(t0);
    return t;
}

bool has_test_fail(const TestContract& c) {
    for (size_t i : c.tests)
        if (c.abi.entries[i].name.rfind("testFail", 0) == 0) return true;
    return false;
}

// forge 1.7.1 no longer runs `testFail*`: each is a failure and nothing else runs.
std::vector<TestResult> test_fail_results(const TestContract& c) {
    std::vector<TestResult> out;
    for (size_t i : c.tests) {
        const auto& e = c.abi.entries[i];
        if (e.name.rfind("testFail", 0) != 0) continue;
        TestResult t;
        t.signature = e.canonical();
        t.status = TestStatus::failure;
        t.reason = "`testFail*` has been removed. Consider changing to test_Revert[If|When]_Condition and expecting "
                   "a revert";
        out.push_back(std::move(t));
    }
    return out;
}

abi::ContractAbi collect_errors(const FoundryProject& project) {
    abi::ContractAbi errors;
    for (const auto& b : project.build.builds)
        for (const auto& c : b.contracts)
            for (const auto& e : c.abi.entries)
                if (e.kind == abi::EntryKind::error && !errors.error(e.selector())) errors.entries.push_back(e);
    return errors;
}

// Runs fn(i) for i in [0, n) on up to `threads` threads.
template <typename Fn>
void parallel_for(size_t n, unsigned threads, Fn fn) {
    if (threads <= 1 || n <= 1) {
        for (size_t i = 0; i < n; ++i) fn(i);
        return;
    }
    std::atomic<size_t> next{0};
    std::vector<std::thread> pool;
    const unsigned count = unsigned(std::min<size_t>(threads, n));
    for (unsigned k = 0; k < count; ++k)
        pool.emplace_back([&] {
            for (size_t i; (i = next.fetch_add(1)) < n;) fn(i);
        });
    for (auto& t : pool) t.join();
}

}  // namespace

Result<RunResult> run_tests(const FoundryProject& project, const RunOptions& options) {
    const auto t0 = Clock::now();
    std::optional<std::regex> contract_re, test_re;
    try {
        if (!options.match_contract.empty()) contract_re.emplace(options.match_contract);
        if (!options.match_test.empty()) test_re.emplace(options.match_test);
    } catch (const std::regex_error& e) {
        return usage_error(std::string("--match-contract/--match-test: bad regular expression: ") + e.what());
    }

    struct Selected {
        const TestContract* contract;
        std::vector<size_t> tests;
    };
    std::vector<Selected> selected;
    for (const auto& c : project.test_contracts) {
        if (!options.match_path.empty() && fnmatch(options.match_path.c_str(), c.source.c_str(), 0) != 0) continue;
        if (contract_re && !std::regex_search(c.name, *contract_re)) continue;
        Selected s{&c, {}};
        for (size_t i : c.tests)
            if (!test_re || std::regex_search(c.abi.entries[i].canonical(), *test_re)) s.tests.push_back(i);
        if (!s.tests.empty()) selected.push_back(std::move(s));
    }

    Shared shared;
    shared.errors = collect_errors(project);
    shared.traces = options.traces;
    shared.fuzz_runs = options.fuzz_runs;
    shared.fuzz_seed = options.fuzz_seed;
    shared.block = options.block;
    shared.forks.endpoints = project.config.rpc_endpoints;
    shared.forks.rpc = options.rpc;
    evm::MemoryBackend empty;
    evm::StateBackend& base = options.base ? *options.base : empty;
    const unsigned threads =
        options.threads ? options.threads : std::max(1u, std::thread::hardware_concurrency());

    RunResult out;
    out.suites.resize(selected.size());
    std::vector<std::optional<Prepared>> prepared(selected.size());
    std::vector<std::optional<Error>> errors(selected.size());

    // Deploy and set up every contract, then run every test, each in parallel.
    parallel_for(selected.size(), threads, [&](size_t i) {
        const TestContract& c = *selected[i].contract;
        out.suites[i].source = c.source;
        out.suites[i].contract = c.name;
        if (has_test_fail(c)) {
            out.suites[i].tests = test_fail_results(c);
            return;
        }
        auto p = prepare(c, base, shared, nullptr);
        if (!p) {
            errors[i] = std::move(p).error();
            return;
        }
        if (p->setup_failure) {
            out.suites[i].tests.push_back(std::move(*p->setup_failure));
            return;
        }
        out.suites[i].duration_s = p->duration_s;
        prepared[i] = std::move(*p);
    });
    for (auto& e : errors)
        if (e) return std::move(*e);

    struct Job {
        size_t suite;
        size_t test;
    };
    std::vector<Job> jobs;
    for (size_t i = 0; i < selected.size(); ++i)
        if (prepared[i]) {
            out.suites[i].tests.resize(selected[i].tests.size());
            for (size_t k = 0; k < selected[i].tests.size(); ++k) jobs.push_back({i, k});
        }
    std::vector<std::optional<Error>> job_errors(jobs.size());
    parallel_for(jobs.size(), threads, [&](size_t j) {
        const Job& job = jobs[j];
        const Prepared& p = *prepared[job.suite];
        const abi::AbiEntry& test = p.contract->abi.entries[selected[job.suite].tests[job.test]];
        auto r = run_one(p, test, shared, nullptr, nullptr);
        if (!r) {
            job_errors[j] = std::move(r).error().context(p.contract->id() + "::" + test.canonical());
            return;
        }
        out.suites[job.suite].tests[job.test] = std::move(*r);
    });
    for (auto& e : job_errors)
        if (e) return std::move(*e);

    for (auto& s : out.suites) {
        for (const auto& t : s.tests) {
            s.duration_s += t.duration_s;
            if (t.status == TestStatus::success) ++out.passed;
            else if (t.status == TestStatus::failure) ++out.failed;
            else ++out.skipped;
        }
    }
    out.duration_s = seconds_since(t0);
    return out;
}

Result<TestResult> run_single_test(const FoundryProject& project, const TestContract& contract,
                                   const abi::AbiEntry& test, evm::StateBackend& base,
                                   const SingleTestOptions& options) {
    Shared shared;
    shared.errors = collect_errors(project);
    shared.traces = options.traces;
    shared.fuzz_runs = options.fuzz_runs;
    shared.fuzz_seed = options.fuzz_seed;
    shared.block = options.block;
    shared.forks.endpoints = project.config.rpc_endpoints;
    shared.forks.rpc = options.rpc;
    if (test.name.rfind("testFail", 0) == 0) {
        for (auto& t : test_fail_results(contract))
            if (t.signature == test.canonical()) return t;
    }
    SUTURE_TRY(p, prepare(contract, base, shared, options.front));
    if (p.setup_failure) return std::move(*p.setup_failure);
    return run_one(p, test, shared, options.front, options.observer);
}

Result<TestSelection> find_test(const FoundryProject& project, std::string_view spec) {
    std::string contract_part(spec), test_name;
    if (auto pos = spec.find("::"); pos != std::string_view::npos) {
        contract_part = std::string(spec.substr(0, pos));
        test_name = std::string(spec.substr(pos + 2));
    }
    std::string path, name = contract_part;
    if (auto colon = contract_part.rfind(':'); colon != std::string::npos) {
        path = contract_part.substr(0, colon);
        name = contract_part.substr(colon + 1);
    }
    std::vector<const TestContract*> found;
    for (const auto& c : project.test_contracts)
        if (c.name == name && (path.empty() || c.source == path)) found.push_back(&c);
    if (found.empty()) return input_error("no test contract " + contract_part + " in " + project.build.path);
    if (found.size() > 1) {
        std::string list;
        for (auto* c : found) list += (list.empty() ? "" : ", ") + c->id();
        return input_error("test contract " + name + " is ambiguous (" + list + "): name it as path:Contract");
    }
    const TestContract& c = *found[0];
    const abi::AbiEntry* test = nullptr;
    for (size_t i : c.tests) {
        const auto& e = c.abi.entries[i];
        if (test_name.empty() ? c.tests.size() == 1 : (e.name == test_name || e.canonical() == test_name)) test = &e;
    }
    if (!test) {
        std::string list;
        for (size_t i : c.tests) list += (list.empty() ? "" : ", ") + c.abi.entries[i].canonical();
        return input_error(test_name.empty() ? c.id() + " has several tests (" + list + "): name one as ::testName"
                                             : "no test " + test_name + " in " + c.id() + " (tests: " + list + ")");
    }
    return TestSelection{&c, test};
}

}  // namespace suture::verify::foundry
