// `suture test` results for people (forge-like text) and machines (the
// shape `forge test --json` prints).
#pragma once

#include <map>
#include <nlohmann/json.hpp>
#include <string>

#include "core/abi_encode.hpp"
#include "verify/foundry_results.hpp"

namespace suture::report {

struct FoundryTestTextOptions {
    int verbosity = 0;  // 1+: logs of every test; 3+: call traces of failing tests
    // Names for call traces: function selectors and contract addresses.
    std::map<abi::Selector, std::string> functions;
    std::map<Address, std::string> contracts;
};

// "Ran N tests for path:Contract", a [PASS]/[FAIL: reason]/[SKIP] line per
// test with its gas, the suite summary, then the failing tests again.
std::string foundry_test_text(const verify::foundry::RunResult& r, const FoundryTestTextOptions& options);

// {"path:Contract": {"duration", "test_results": {"sig()": {"status": "Success"|"Failure"|"Skipped",
//  "reason", "counterexample", "logs", "decoded_logs", "kind": {"Unit": {"gas"}} | {"Fuzz": {...}},
//  "traces", "labeled_addresses", "duration", "breakpoints", "gas_snapshots"}}, "warnings"}}
// Logs are filled from verbosity 1 (forge fills them from -vv).
nlohmann::json foundry_test_json(const verify::foundry::RunResult& r, int verbosity);

}  // namespace suture::report
