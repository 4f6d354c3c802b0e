// A bound on how far the amounts of an expected difference may move: the
// tolerance a declaration (replay_expectations.hpp) gives a patch that
// changes results by rounding, such as a virtual-offset share price, so that
// a change beyond it (a 1% fee inside the same function) is still a finding.
//
// Written as an absolute amount, a relative one, or both ("1000",
// "0.01%", "1000, 0.01%"): a changed amount is within when
//   |new - old| <= max(absolute, floor(relative * |old|))
// (either bound suffices; at the bound is within). Amounts are raw integers
// (wei, token units, shares), the relative bound is a decimal percentage of
// the old value.
//
// The amounts of a difference, in the order replay_compare.hpp compares:
//   - the returned (or revert) data, word by word, when both runs ended the
//     same way with data of the same length and the same 4-byte error prefix;
//   - each ETH and token balance change (signed, net of gas);
//   - each log's data words, when both runs emitted the same number of logs
//     and each pair has the same emitter, topics and data length;
//   - each storage slot either run wrote: its value after the call in each
//     run (a slot only one run wrote kept, in the other, the value it had
//     before the call, as the writing run read it).
// Every other difference is of another kind and never within a bound: a
// status change, a refused transaction, a different event or emitter or
// indexed topic, a different number of logs, different return sizes or
// errors, a different created contract.
#pragma once

#include <optional>
#include <string>

#include "core/abi_json.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "verify/replay_compare.hpp"

namespace suture::verify {

struct AmountBound {
    std::optional<uint256> absolute;
    // relative = numerator / denominator of the old value (0.01% = 1 / 10,000)
    std::optional<std::pair<uint256, uint256>> relative;
    std::string text;  // as written
};

// "1000", "0.01%", "1000, 0.01%" (also "1000 or 0.01%"). The error says
// what is wrong with the text; the caller names the field.
Result<AmountBound> parse_amount_bound(const std::string& text);

// The largest difference the bound allows for an amount whose old value is `old_value`.
uint256 allowed_difference(const AmountBound& bound, const uint256& old_value);

// The first difference a bound does not allow.
struct BoundBreach {
    std::string item;       // "return value shares", "storage of 0x.. slot 0x3", "outcome"
    bool amount = true;     // false: a difference of another kind
    std::string old_text, new_text;  // the item's values (amounts in decimal)
    uint256 difference, allowed;     // amounts only
    // "return value shares: old 100, new 99: differs by 1, 1 beyond the bound 0 (1000, 0.01%)";
    // "outcome: old returned 1, new reverted Paused(): not an amount, outside a bound on amounts"
    std::string text(const AmountBound& bound) const;
};

// nullopt when every difference between the two runs is an amount within the bound.
std::optional<BoundBreach> first_breach(const AmountBound& bound, const TxEffects& old_run, const TxEffects& new_run,
                                        const AbiList& abis, const abi::AbiEntry* function);

}  // namespace suture::verify
