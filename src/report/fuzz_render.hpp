// The fuzz and invariant gates' results for people (text), machines (JSON),
// and each finding's reproducers: a JSON of the calls (the exploit gate's
// --txs format, with what the old code answered) and a self-contained
// Foundry test that `suture test` and `forge test` run without a fork.
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "verify/fuzz_spec.hpp"

namespace suture::report {

// The verdict first, then what ran (new code, state, runs and calls, seed,
// speed, functions, senders, invariants), then each finding with its
// minimized sequence and the differing items.
std::string fuzz_text(const verify::FuzzReport& r);

// {"gate", "passed", "target", "newCode", "state", "seed", "runs", "calls", "compared", "newOnlyCalls",
//  "coverage": {"branchTargets", "corpus"}, "seconds", "functions": [{"signature", "payable", "inOld"}], "senders", "invariants",
//  "findings": [{"kind", "function", "invariant", "old", "new", "oldOutcome", "newOutcome", "foundLength",
//                "calls": [{"from", "to", "value", "data", "call"}], "items": [{"what", "old", "new"}]}],
//  "report": [Finding...]}
nlohmann::json fuzz_json(const verify::FuzzReport& r);

// Finding `index`'s reproducer: {"finding": <as in fuzz_json>, "seed", "target",
//  "transactions": [{"from", "to", "value", "data"}] (the exploit gate's --txs form),
//  "oldResults": [{"success", "output"}]}.
nlohmann::json fuzz_reproducer_json(const verify::FuzzReport& r, size_t index);

// A Foundry test file (no imports: the cheatcodes through the Vm address):
// setUp writes the accounts and slots the runs read, as they were;
// test_old_code replays the calls and asserts the old code's status, return
// data and final storage of the target (passes); test_new_code_behaves_as_old
// installs the new code first and asserts the same (fails: that is the finding).
std::string fuzz_foundry_test(const verify::FuzzReport& r, size_t index, const std::string& contract_name);

// "fuzz: 1200 runs, 3100 calls, 2 findings, 5400 calls/s".
std::string fuzz_progress_text(const verify::FuzzProgress& p);

}  // namespace suture::report
