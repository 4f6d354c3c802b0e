// `suture test`: Foundry tests run by Suture's EVM, without forge.
//
// Per test contract: a fresh state over the base backend (forge's sender
// 0x1804..1f38 with nonce 1 and 2^96-1 wei), the contract deployed by the
// sender (so at forge's 0x7FA9..1496) and given 2^96-1 wei, setUp() run and
// kept; then every test function runs from a copy of that state, the
// environment setUp left (vm.warp, vm.roll, ...) and its logs. Tests run in
// parallel (bounded by the hardware threads). A test passes when its call
// succeeds, no expectation is left unmet and forge-std's "failed" flag is
// clear; a test with parameters is a fuzz test run `fuzz_runs` times.
// Forks (vm.createSelectFork & co., URLs or foundry.toml [rpc_endpoints]
// aliases) may be selected while a contract is set up; the tests then run on
// that fork (foundry_forks.hpp).
// forge 1.7.1 rejects `testFail*` functions: a contract with one reports
// each of them as failed and runs nothing else, as forge does.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "evm/state.hpp"
#include "evm/state_backend.hpp"
#include "evm/transaction.hpp"
#include "chain/rpc_client.hpp"
#include "verify/chained_inspector.hpp"
#include "verify/foundry_project.hpp"
#include "verify/foundry_results.hpp"

namespace suture::verify::foundry {

struct RunOptions {
    std::string match_path;      // glob over the source path ("test/*.t.sol"); empty: all
    std::string match_contract;  // regex searched in the contract name
    std::string match_test;      // regex searched in the test signature
    bool traces = false;         // keep call traces of failing tests
    unsigned threads = 0;        // 0: std::thread::hardware_concurrency()
    uint64_t fuzz_runs = 256;
    uint64_t fuzz_seed = 0;
    // The starting state under every test contract (never written); null: empty.
    evm::StateBackend* base = nullptr;
    // The block the tests see instead of forge's defaults (a fork's pinned
    // block: number, timestamp, chain id, base fee, coinbase, prevrandao,
    // block hashes). The gas limit stays forge's 2^30.
    std::optional<evm::BlockEnv> block;
    // Limits of the RPC requests of forks the tests create (vm.createSelectFork).
    chain::RpcOptions rpc;
};

// Runs every matching test of the project.
Result<RunResult> run_tests(const FoundryProject& project, const RunOptions& options);

// Sees the state between setUp() and the test function, and after it
// (balances for an exploit gate's attacker gains).
class TestObserver {
public:
    virtual ~TestObserver() = default;
    virtual void before_test(evm::State& state) = 0;
    virtual void after_test(evm::State& state) = 0;
};

struct SingleTestOptions {
    // Put in front of the cheatcodes (its next is set to them) for the deploy,
    // setUp() and the test: a gate's code swap or stop-point inspector.
    ChainedInspector* front = nullptr;
    TestObserver* observer = nullptr;
    bool traces = false;
    uint64_t fuzz_runs = 256;
    uint64_t fuzz_seed = 0;
    std::optional<evm::BlockEnv> block;  // as RunOptions::block
    chain::RpcOptions rpc;               // as RunOptions::rpc
};

// One test on the calling thread over `base` (never written), e.g. an
// overlay holding a fork with the old or the new implementation installed.
Result<TestResult> run_single_test(const FoundryProject& project, const TestContract& contract,
                                   const abi::AbiEntry& test, evm::StateBackend& base,
                                   const SingleTestOptions& options = {});

// Finds "path:Contract::test", "Contract::test" or "Contract" (its only test).
struct TestSelection {
    const TestContract* contract = nullptr;
    const abi::AbiEntry* test = nullptr;
};
Result<TestSelection> find_test(const FoundryProject& project, std::string_view spec);

}  // namespace suture::verify::foundry
