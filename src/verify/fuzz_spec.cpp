#include "verify/fuzz_spec.hpp"

#include "chain/chain_forks.hpp"
#include "chain/fork_backend.hpp"
#include "chain/state_file.hpp"
#include "core/abi_encode.hpp"
#include "solidity/load.hpp"
#include "verify/build_code.hpp"
#include "verify/holder_set.hpp"
#include "verify/replay_source.hpp"
#include "verify/replay_spec.hpp"

namespace suture::verify {
namespace {

constexpr uint64_t kDefaultRuns = 10'000;

struct OpenedState {
    std::unique_ptr<evm::StateBackend> backend;
    evm::BlockEnv block;
    evm::Revision revision = evm::Revision::cancun;
    std::string description;
    std::function<std::optional<Error>()> deferred_error;  // a fork's BLOCKHASH read error
    chain::ChainHistory history;  // a state file's recorded blocks
};

Result<OpenedState> open_fuzz_state(const FuzzSpec& spec) {
    OpenedState s;
    if (!spec.state_file.empty()) {
        SUTURE_TRY(local, chain::load_state_file(spec.state_file));
        s.block = local.block;
        s.revision = spec.hardfork.value_or(local.revision);
        s.description = "state file " + spec.state_file + " at block " + std::to_string(local.block.number);
        s.backend = std::make_unique<evm::MemoryBackend>(std::move(local.accounts));
        s.history = std::move(local.history);
        return s;
    }
    chain::ForkOptions o;
    o.rpc_url = spec.offline ? std::string() : spec.rpc_url;
    o.block = spec.block;
    o.cache_path = spec.cache_path;
    o.rpc = spec.rpc;
    SUTURE_TRY(fork, chain::ForkBackend::open(o));
    s.block = fork->block_env();
    // The fork's own rules: its chain's schedule at the block's time.
    const chain::ChosenRevision rules = chain::choose_revision(fork->chain_id(), uint64_t(s.block.timestamp), spec.hardfork);
    s.revision = rules.revision;
    s.description = (fork->offline() ? "fork cache " + spec.cache_path : chain::redact_url(spec.rpc_url)) + " at block " +
                    std::to_string(fork->block_number()) + ", " + rules.why + " rules";
    chain::ForkBackend* f = fork.get();
    s.deferred_error = [f] { return f->deferred_error(); };
    s.backend = std::move(fork);
    return s;
}

// The checker's creation code: with the target as its one constructor
// argument when it takes an address, as is when it takes none.
Result<Bytes> checker_init_code(const solidity::Contract& c, const Address& target) {
    SUTURE_TRY(code, creation_code(c));
    const abi::AbiEntry* ctor = c.abi.constructor();
    if (!ctor || ctor->inputs.empty()) return code;
    if (ctor->inputs.size() == 1 && ctor->inputs[0].type.kind == abi::AbiKind::address) {
        SUTURE_TRY(arg, abi::encode({ctor->inputs[0].type}, {abi::AbiValue(target)}));
        code.insert(code.end(), arg.begin(), arg.end());
        return code;
    }
    return usage_error("--invariant-contract " + c.name + ": its constructor must take the target's address or nothing");
}

// The transactions of `history_blocks` sent to the target: their calldata,
// value and sender.
Result<std::vector<HistoricalCall>> historical_calls(const FuzzSpec& spec) {
    std::vector<HistoricalCall> calls;
    auto range = parse_block_range(spec.history_blocks);
    if (!range) return usage_error("--history " + spec.history_blocks + ": expected A..B (block numbers)");
    ReplaySourceOptions o;
    o.rpc_url = spec.offline ? std::string() : spec.rpc_url;
    o.rpc = spec.rpc;
    o.cache_path = spec.cache_path;
    SUTURE_TRY(source, ReplaySource::open(o));
    source->start(range.value().first, range.value().second);
    for (;;) {
        auto block = source->next();
        if (!block) return std::move(block).error().context("--history " + spec.history_blocks);
        if (!block.value()) break;
        for (const chain::HistoryTx& h : block.value()->txs)
            if (h.tx.to == spec.target) calls.push_back({h.tx.sender, h.tx.value, h.tx.data});
    }
    return calls;
}

// The holders of `holder_blocks`: from the state file's recorded blocks, or the node.
Result<std::vector<Address>> derived_holders(const FuzzSpec& spec, const OpenedState& state) {
    auto range = parse_block_range(spec.holder_blocks);
    if (!range) return usage_error("--holders-from " + spec.holder_blocks + ": expected A..B (block numbers)");
    const auto [from, to] = range.value();
    HolderSet set(spec.holder_cap);
    if (!spec.state_file.empty()) {
        SUTURE_CHECK(add_chain_history(set, state.history, spec.target, from, to));
    } else {
        if (spec.offline) return usage_error("--holders-from reads the node's blocks and logs: not with --offline");
        chain::RpcClient rpc(spec.rpc_url, spec.rpc);
        if (auto s = add_node_history(set, rpc, spec.target, from, to); !s)
            return std::move(s).error().context("--holders-from " + spec.holder_blocks);
    }
    return set.addresses();
}

}  // namespace

Result<FuzzReport> run_fuzz_spec(const FuzzSpec& spec) {
    if (spec.build.empty() || spec.new_contract.empty()) return usage_error("--build and --new name the new implementation");
    const int sources = (spec.state_file.empty() ? 0 : 1) + ((spec.rpc_url.empty() && !spec.offline) ? 0 : 1);
    if (sources != 1) return usage_error("give the state as --state FILE or --rpc URL (or --offline --fork-cache FILE)");
    if (spec.offline && spec.cache_path.empty()) return usage_error("--offline needs --fork-cache FILE");
    if (spec.depth == 0) return usage_error("--depth: at least one call per sequence");
    if (spec.seconds < 0) return usage_error("--seconds: not negative");
    if (!spec.history_blocks.empty() && !spec.state_file.empty())
        return usage_error("--history needs a node (--rpc, or --offline with its cache): a state file keeps no history");
    if (!spec.compare && spec.invariants.empty() && spec.invariant_contract.empty())
        return usage_error("no invariants to check: give --invariant 'f() >= g()' or --invariant-contract NAME");

    FuzzReport report;
    report.compare = spec.compare;
    SUTURE_TRY(set, solidity::load_build(spec.build));
    auto build = std::make_shared<const solidity::BuildSet>(std::move(set));
    report.build = build;
    auto found = solidity::find_contract(*build, spec.new_contract);
    if (!found) return std::move(found).error().context("--new " + spec.new_contract);
    const solidity::Contract& contract = *found->contract;
    report.new_name = contract.name;

    FuzzRequest req;
    req.target = spec.target;
    SUTURE_TRY(code, creation_code(contract));
    req.new_init_code = std::move(code);
    req.abi = &contract.abi;
    req.abis.push_back(&contract.abi);
    for (const auto& b : build->builds)
        for (const auto& c : b.contracts)
            if (&c != &contract) req.abis.push_back(&c.abi);
    if (!spec.invariant_contract.empty()) {
        auto checker = solidity::find_contract(*build, spec.invariant_contract);
        if (!checker) return std::move(checker).error().context("--invariant-contract " + spec.invariant_contract);
        SUTURE_TRY(init, checker_init_code(*checker->contract, spec.target));
        req.checker_init_code = std::move(init);
        req.checker_abi = &checker->contract->abi;
    }
    req.senders = spec.senders;
    req.history = spec.history;
    if (!spec.history_blocks.empty()) {
        SUTURE_TRY(calls, historical_calls(spec));
        req.history.insert(req.history.end(), calls.begin(), calls.end());
    }
    req.invariants = spec.invariants;
    SUTURE_TRY(expected, expected_differences(spec.expect, spec.expect_file));
    req.expected = std::move(expected);
    req.compare = spec.compare;
    req.seed = spec.seed;
    req.runs = spec.runs ? spec.runs : (spec.seconds > 0 ? 0 : kDefaultRuns);
    req.seconds = spec.seconds;
    req.depth = spec.depth;
    req.jobs = spec.jobs;
    req.coverage = spec.coverage;
    req.on_progress = spec.on_progress;

    SUTURE_TRY(state, open_fuzz_state(spec));
    report.state = state.description;
    req.holder_cap = spec.holder_cap;
    if (!spec.holder_blocks.empty()) {
        SUTURE_TRY(holders, derived_holders(spec, state));
        req.holders = std::move(holders);
    }
    req.block = state.block;
    req.revision = state.revision;
    SUTURE_TRY(result, run_fuzz(*state.backend, req));
    if (state.deferred_error)
        if (auto e = state.deferred_error()) return std::move(*e).context("fuzzing");
    report.result = std::move(result);
    report.new_code = "proxy " + to_checksum(spec.target) + " switched from " + to_checksum(report.result.old_implementation) +
                      " to " + contract.name + " at " + to_checksum(report.result.new_implementation);
    return report;
}

}  // namespace suture::verify
