// What `suture test` found: per test, per test contract (suite), per run.
// Shaped after `forge test --json` so the CLI can print that shape directly.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "evm/state.hpp"

namespace suture::verify::foundry {

enum class TestStatus { success, failure, skipped };

// One frame of a call trace (kept for failing tests when traces are asked for).
struct TraceFrame {
    int depth = 0;
    evm::CallKind kind = evm::CallKind::call;
    Address caller;
    Address target;              // recipient, or the created address
    uint256 value;
    Bytes input;                 // calldata (or initcode, truncated)
    evm::StatusCode status = evm::StatusCode::success;
    Bytes output;                // return or revert data
    int64_t gas_used = 0;
    bool cheatcode = false;      // answered by the cheatcode handler
};

struct FuzzInfo {
    uint64_t runs = 0;
    int64_t mean_gas = 0;
    int64_t median_gas = 0;
    // The input of the failing run.
    std::optional<Bytes> counterexample_calldata;
    std::optional<std::string> counterexample_args;  // "(1, 0x...)"
};

struct TestResult {
    std::string signature;          // "testDeposit()", "testFuzz(uint256)"
    TestStatus status = TestStatus::failure;
    std::optional<std::string> reason;  // why it failed (forge's "reason"); none on success
    int64_t gas = 0;                // gas used by the test call minus the intrinsic gas (forge's "gas")
    std::optional<FuzzInfo> fuzz;   // set for tests with parameters
    std::vector<evm::Log> logs;     // console.log (as forge's log(string) events) and emitted events
    std::vector<std::string> decoded_logs;  // console.log lines and DSTest log_* events, as text
    std::map<Address, std::string> labels;  // vm.label
    std::vector<TraceFrame> trace;  // the test call's frames (only when requested and the test failed)
    double duration_s = 0;
};

struct SuiteResult {
    std::string source;    // "test/Vault.t.sol"
    std::string contract;  // "VaultTest"
    std::vector<TestResult> tests;  // in ABI order of the test functions (forge sorts by name: so do we)
    std::vector<std::string> warnings;
    double duration_s = 0;

    std::string id() const { return source + ":" + contract; }  // forge's JSON key
};

struct RunResult {
    std::vector<SuiteResult> suites;  // sorted by id
    size_t passed = 0;
    size_t failed = 0;
    size_t skipped = 0;
    double duration_s = 0;
};

}  // namespace suture::verify::foundry
