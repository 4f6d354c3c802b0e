// Differences a patch is meant to make, declared up front, so the replay gate
// fails on every other one.
//
// A rule matches a difference when every condition it gives holds:
//   function=SIG|0xSELECTOR  the transaction calls it, or enters the target
//                            through it at any depth ("withdraw()" matches the
//                            re-entering withdraw inside an attacker's call)
//   sender=0xADDRESS         the transaction's sender
//   reentered                on the old code the transaction re-entered the
//                            target (replay_touch.hpp)
//   old_reverts              on the old code it reverted or failed
//   new_reverts              on the new code it reverted or failed
// A rule with no condition is refused (it would declare every difference).
//
// Two forms: a flag, conditions separated by ';' ("function=withdraw();reentered",
// a bare condition is =true, "old_reverts=false" its opposite),
// or a JSON file {"expected": [{"function": "withdraw()", "reentered": true,
// "new_reverts": true, "why": "CEI: re-entering withdrawals now revert"}]}.
// Errors name the flag or the file and the JSON path.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/abi_encode.hpp"
#include "core/address.hpp"
#include "core/result.hpp"

namespace suture::verify {

struct ExpectedDifference {
    std::string source;                    // "--expect function=withdraw()" or "FILE $.expected[0]"
    std::optional<abi::Selector> selector;
    std::string function;                  // as written
    std::optional<Address> sender;
    std::optional<bool> reentered;
    std::optional<bool> old_reverts;
    std::optional<bool> new_reverts;
    std::string why;
};

// The facts of one difference a rule is checked against.
struct DifferenceFacts {
    std::optional<abi::Selector> called;   // the transaction's own selector
    std::vector<abi::Selector> entered;    // target functions entered (either run)
    Address sender;
    bool old_reentered = false;
    bool old_reverted = false;
    bool new_reverted = false;
};

bool matches(const ExpectedDifference& rule, const DifferenceFacts& facts);

// The first rule matching, or null.
const ExpectedDifference* find_expected(const std::vector<ExpectedDifference>& rules, const DifferenceFacts& facts);

Result<ExpectedDifference> parse_expect_flag(const std::string& text);
Result<std::vector<ExpectedDifference>> load_expectations(const std::string& path);

}  // namespace suture::verify
