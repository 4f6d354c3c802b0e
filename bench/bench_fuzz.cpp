// The fuzz gate's speed (issue 13: "calls per CPU-second on a typical vault
// function, counting a call once even though it runs on both
// implementations; target at least 100,000"). tests/fixtures/fuzz's vault
// (FuzzVaultV1 behind an ERC1967 proxy, two deposits) fuzzed against its
// correct fix, every function of the ABI, sequences up to 4 calls: each
// counted call ran on the old and on the new code and was compared (effects:
// outcome, balances, logs, storage). "compare" runs untraced (no coverage
// feedback), "compare_coverage" as the gate runs by default (traced, JUMPDEST
// coverage steering the corpus); "invariant_coverage" also checks
// totalAssets() >= totalSupply() on the new code after every call.
// Needs the fixture build (fixtures/fuzz/contracts.json, built with test_verify).
#include <benchmark/benchmark.h>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "evm/state_memory.hpp"
#include "solidity/load.hpp"
#include "verify/fuzz_run.hpp"

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

void BM_FuzzVault(benchmark::State& st, bool invariant, bool coverage) {
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

BENCHMARK_CAPTURE(BM_FuzzVault, compare, false, false)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FuzzVault, compare_coverage, false, true)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_FuzzVault, invariant_coverage, true, true)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
