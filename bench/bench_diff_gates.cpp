// The fuzz gate's speed (issue 13: "calls per CPU-second on a typical vault
// function, counting a call once even though it runs on both
// implementations; target at least 100,000"). tests/fixtures/fuzz's vault
// (FuzzVaultV1 behind an ERC1967 proxy, two deposits) fuzzed against its
// correct fix, every function of the ABI, sequences up to 4 calls: each
// counted call ran on the old and on the new code and was compared (effects:
// outcome, balances, logs, storage). "compare" runs untraced (no coverage
// feedback), "compare_coverage" as the gate runs by default (traced, JUMPDEST
// coverage steering the corpus); "invariant_coverage" also checks
// totalAssets() >= totalSupply() on the new code after every call. These run
// on one thread (--jobs 1): calls per CPU-second. "compare_coverage_all_cores"
// runs as the gate does by default, one thread per core, per wall second.
//
// And the replay gate's speed (issue 13: "transactions per second with a
// warm cache, both implementations, on the 1,000-block history; target at
// least 10,000 tx/s for each"): a synthetic history of 1,000 blocks of 10
// transactions (deposits and withdrawals of 20 users, nonces in order) on the
// same vault, replayed on the old code and on the correct fix, every
// transaction compared and checked against receipts made by a first run.
// The state is in memory (the "warm cache"); counted: transactions per
// CPU-second for each implementation (each ran twice: old and new).
// Needs the fixture build (fixtures/fuzz/contracts.json, built with test_verify).
#include <benchmark/benchmark.h>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "evm/state_memory.hpp"
#include "evm/state_overlay.hpp"
#include "solidity/load.hpp"
#include "verify/build_code.hpp"
#include "verify/fuzz_run.hpp"
#include "verify/replay_run.hpp"

namespace {

using namespace suture;

struct Vault {
    solidity::BuildSet build;
    evm::MemoryBackend state;
    evm::BlockEnv block;
    Address proxy;
};

Address account(uint8_t tag) {
    Address a;
    a.bytes[0] = 0xAA;
    a.bytes[19] = tag;
    return a;
}

Result<Bytes> initcode(const solidity::BuildSet& b, std::string_view name) {
    SUTURE_TRY(c, solidity::find_contract(b, name));
    return from_hex(c.contract->bytecode);
}

Result<Address> commit(Vault& v, const Address& from, std::optional<Address> to, Bytes data, uint256 value) {
    evm::CallRequest c;
    c.from = from;
    c.to = to;
    c.data = std::move(data);
    c.value = value;
    SUTURE_TRY(r, evm::execute_call(v.state, evm::Revision::cancun, v.block, c));
    if (r.receipt.status != evm::StatusCode::success) return input_error("setup call failed");
    v.state.apply(r.diff);
    return r.receipt.created.value_or(Address{});
}

Result<std::unique_ptr<Vault>> make_vault() {
    auto v = std::make_unique<Vault>();
    SUTURE_TRY(b, solidity::load_build(SUTURE_BINARY_DIR "/fixtures/fuzz/contracts.json"));
    v->build = std::move(b);
    v->block.number = 100;
    v->block.timestamp = 1'700'000'000;
    v->block.gas_limit = 30'000'000;
    const uint256 eth(1'000'000'000'000'000'000ull);
    for (uint8_t t : {1, 2, 3}) v->state.set_account(account(t), 0, uint256(100) * eth, {});
    SUTURE_TRY(impl_code, initcode(v->build, "FuzzVaultV1"));
    SUTURE_TRY(impl, commit(*v, account(1), std::nullopt, impl_code, 0));
    SUTURE_TRY(proxy_code, initcode(v->build, "ERC1967Proxy"));
    SUTURE_TRY(init, abi::encode_call(abi::parse_signature("initialize(address)").value(), {account(1)}));
    SUTURE_TRY(args, abi::encode({abi::AbiType::simple(abi::AbiKind::address), abi::AbiType::simple(abi::AbiKind::bytes)},
                                 {impl, init}));
    proxy_code.insert(proxy_code.end(), args.begin(), args.end());
    SUTURE_TRY(proxy, commit(*v, account(1), std::nullopt, proxy_code, 0));
    v->proxy = proxy;
    const abi::Selector s = abi::selector("deposit()");
    const Bytes deposit(s.begin(), s.end());
    SUTURE_CHECK(commit(*v, account(2), proxy, deposit, uint256(4) * eth));
    SUTURE_CHECK(commit(*v, account(3), proxy, deposit, uint256(6) * eth));
    return v;
}

void BM_FuzzVault(benchmark::State& st, bool invariant, bool coverage, unsigned jobs) {
    auto v = make_vault();
    if (!v) {
        st.SkipWithError(("fixture: " + v.error().message).c_str());
        return;
    }
    auto fixed = solidity::find_contract(v.value()->build, "FuzzVaultV2Fixed");
    auto code = initcode(v.value()->build, "FuzzVaultV2Fixed");
    verify::FuzzRequest req;
    req.target = v.value()->proxy;
    req.block = v.value()->block;
    req.new_init_code = code.value();
    req.abi = &fixed.value().contract->abi;
    req.abis = {req.abi};
    req.runs = 2000;
    req.coverage = coverage;
    req.jobs = jobs;
    if (invariant) req.invariants = {"totalAssets() >= totalSupply()"};
    uint64_t calls = 0, seed = 1;
    for (auto _ : st) {
        req.seed = seed++;
        auto r = verify::run_fuzz(v.value()->state, req);
        if (!r || !r.value().findings.empty()) {
            st.SkipWithError(r ? "the correct fix showed a finding" : r.error().message.c_str());
            return;
        }
        calls += r.value().calls;
    }
    st.counters["calls"] = benchmark::Counter(double(calls), benchmark::Counter::kIsRate);
}

BENCHMARK_CAPTURE(BM_FuzzVault, compare, false, false, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FuzzVault, compare_coverage, false, true, 1)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FuzzVault, invariant_coverage, true, true, 1)->Unit(benchmark::kMillisecond);
// As the gate runs by default (one thread per core), in wall time: the
// rate over CPU time would count every thread's CPU.
BENCHMARK_CAPTURE(BM_FuzzVault, compare_coverage_all_cores, false, true, 0)
    ->Unit(benchmark::kMillisecond)
    ->MeasureProcessCPUTime()
    ->UseRealTime();

Address user(size_t i) {
    Address a;
    a.bytes[0] = 0xBB;
    a.bytes[18] = uint8_t(i >> 8);
    a.bytes[19] = uint8_t(i);
    return a;
}

// The history, with receipts from a run on the old code.
Result<std::vector<chain::HistoryBlock>> make_history(Vault& v, size_t blocks, size_t per_block) {
    constexpr size_t kUsers = 20;
    const uint256 eth(1'000'000'000'000'000'000ull);
    for (size_t i = 0; i < kUsers; ++i) v.state.set_account(user(i), 0, uint256(1000) * eth, {});
    evm::OverlayBackend old(v.state);
    std::vector<uint64_t> nonce(kUsers, 0);
    std::vector<uint256> shares(kUsers);
    std::vector<chain::HistoryBlock> history;
    const abi::Selector dep = abi::selector("deposit()");
    const abi::Selector wd = abi::selector("withdraw(uint256)");
    uint64_t x = 88172645463325252ull;  // xorshift: the history is fixed
    auto next = [&x] { x ^= x << 13; x ^= x >> 7; x ^= x << 17; return x; };
    for (size_t b = 0; b < blocks; ++b) {
        chain::HistoryBlock blk;
        blk.number = uint64_t(v.block.number) + 1 + b;
        blk.env = v.block;
        blk.env.number = int64_t(blk.number);
        blk.env.timestamp = v.block.timestamp + int64_t(12 * (b + 1));
        blk.hash[0] = uint8_t(b);
        blk.hash[1] = uint8_t(b >> 8);
        for (size_t t = 0; t < per_block; ++t) {
            const size_t u = size_t(next() % kUsers);
            chain::HistoryTx h;
            h.tx.sender = user(u);
            h.tx.to = v.proxy;
            h.tx.nonce = nonce[u]++;
            h.tx.gas_limit = 200'000;
            if (shares[u] == uint256() || next() % 2 == 0) {
                const uint256 amount = uint256(1 + next() % 1000) * uint256(1'000'000'000'000ull);
                h.tx.value = amount;
                h.tx.data.assign(dep.begin(), dep.end());
                shares[u] += amount;
            } else {
                const uint256 amount = shares[u] / uint256(2) + uint256(1);
                SUTURE_TRY(args, abi::encode({abi::AbiType::uint(256)}, {amount}));
                h.tx.data.assign(wd.begin(), wd.end());
                h.tx.data.insert(h.tx.data.end(), args.begin(), args.end());
                shares[u] -= amount;
            }
            h.hash[0] = uint8_t(b);
            h.hash[1] = uint8_t(b >> 8);
            h.hash[2] = uint8_t(t);
            SUTURE_TRY(out, evm::execute_transaction(old, evm::Revision::cancun, blk.env, h.tx));
            old.apply(out.diff);
            h.receipt.status = out.receipt.status == evm::StatusCode::success;
            h.receipt.gas_used = uint64_t(out.receipt.gas_used);
            for (const evm::Log& l : out.receipt.logs) h.receipt.logs.push_back({l.address, l.topics, l.data, 0});
            blk.txs.push_back(std::move(h));
        }
        history.push_back(std::move(blk));
    }
    return history;
}

void BM_ReplayHistory(benchmark::State& st) {
    auto v = make_vault();
    if (!v) {
        st.SkipWithError(("fixture: " + v.error().message).c_str());
        return;
    }
    auto history = make_history(*v.value(), 1000, 10);
    if (!history) {
        st.SkipWithError(history.error().message.c_str());
        return;
    }
    auto fixed = solidity::find_contract(v.value()->build, "FuzzVaultV2Fixed");
    uint64_t txs = 0;
    for (auto _ : st) {
        verify::ReplayRequest req;
        req.target = v.value()->proxy;
        req.start = v.value()->block;
        req.chain_id = 1;
        req.install = verify::implementation_installer(req.target, req.revision, initcode(v.value()->build, "FuzzVaultV2Fixed").value());
        req.abis = {&fixed.value().contract->abi};
        size_t next = 0;
        const auto& h = history.value();
        req.next_block = [&h, &next]() -> Result<std::optional<chain::HistoryBlock>> {
            if (next == h.size()) return std::optional<chain::HistoryBlock>();
            return std::optional<chain::HistoryBlock>(h[next++]);
        };
        auto r = verify::run_replay(v.value()->state, req);
        if (!r || r.value().verdict != verify::ReplayVerdict::identical || r.value().receipts_matched != r.value().transactions) {
            st.SkipWithError(r ? "the correct fix's replay was not identical with every receipt matched" : r.error().message.c_str());
            return;
        }
        txs += r.value().transactions;
    }
    st.counters["tx_each_impl"] = benchmark::Counter(double(txs), benchmark::Counter::kIsRate);
}

BENCHMARK(BM_ReplayHistory)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
