// Differences a patch is meant to make, declared up front, so the replay gate
// (replay_run.hpp) and the fuzz gate (fuzz_run.hpp) fail on every other one.
// One model for both gates.
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
//   within=BOUND             only amounts differ, each within BOUND
//                            (difference_bound.hpp: "1000", "0.01%",
//                            "1000, 0.01%"); without it, the rule declares
//                            any difference of a transaction it matches
// A rule with no condition is refused (it would declare every difference);
// a bound alone is a condition ("every amount may move by rounding").
//
// A difference is declared by the first rule whose conditions hold and whose
// bound, if any, it keeps. When the conditions of a bounded rule hold but the
// difference breaks its bound (an amount beyond it, or a difference of
// another kind), it is not declared and the finding says which item broke
// which rule's bound and by how much.
//
// Two forms: a flag, conditions separated by ';' ("function=withdraw();reentered",
// a bare condition is =true, "old_reverts=false" its opposite),
// or a JSON file {"expected": [{"function": "withdraw()", "reentered": true,
// "new_reverts": true, "why": "CEI: re-entering withdrawals now revert"},
// {"function": "deposit(uint256)", "within": "0.0001%"}]}.
// Errors name the flag or the file and the JSON path.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/abi_encode.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "verify/difference_bound.hpp"

namespace suture::verify {

struct ExpectedDifference {
    std::string source;                    // "--expect function=withdraw()" or "FILE $.expected[0]"
    std::optional<abi::Selector> selector;
    std::string function;                  // as written
    std::optional<Address> sender;
    std::optional<bool> reentered;
    std::optional<bool> old_reverts;
    std::optional<bool> new_reverts;
    std::optional<AmountBound> within;
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

// The rule's conditions hold (its bound is not looked at).
bool matches(const ExpectedDifference& rule, const DifferenceFacts& facts);

// How the rules judge one difference between two runs.
struct Declaration {
    const ExpectedDifference* rule = nullptr;     // the rule that declares it
    const ExpectedDifference* breached = nullptr; // else: the first bounded rule whose conditions hold
    std::optional<BoundBreach> breach;            // and what broke its bound
    // "return value shares: old 100, new 99: differs by 1, 1 beyond the bound 0 (0.1%) (declared by --expect ...)"
    std::string breach_text() const;
};
Declaration declare(const std::vector<ExpectedDifference>& rules, const DifferenceFacts& facts, const TxEffects& old_run,
                    const TxEffects& new_run, const AbiList& abis, const abi::AbiEntry* function);

// The first rule matching, or null.
const ExpectedDifference* find_expected(const std::vector<ExpectedDifference>& rules, const DifferenceFacts& facts);

Result<ExpectedDifference> parse_expect_flag(const std::string& text);
Result<std::vector<ExpectedDifference>> load_expectations(const std::string& path);
// The rules of --expect flags, then those of an --expect-file (when not empty).
Result<std::vector<ExpectedDifference>> expected_differences(const std::vector<std::string>& flags, const std::string& file);

}  // namespace suture::verify
