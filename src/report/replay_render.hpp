// The replay gate's result for people (text) and machines (JSON).
#pragma once

#include <nlohmann/json.hpp>
#include <string>

#include "verify/replay_spec.hpp"

namespace suture::report {

// The verdict first, then what ran (range, new code, state), the counts
// (transactions executed, touching the target, compared, identical; receipts
// checked and matched; gas of both runs; speed), then each finding.
std::string replay_text(const verify::ReplayReport& r);

// {"verdict", "passed", "target", "newCode", "history", "state", "blocks": {"first", "last", "count"},
//  "transactions", "touching", "compared", "identical",
//  "receipts": {"checked", "matched"}, "gas": {"old", "new"}, "seconds",
//  "differences": [{"tx", "block", "sender", "function", "expected", "rule", "old", "new",
//                   "oldGas", "newGas", "items": [{"what", "old", "new"}]}],
//  "mismatches": [{"tx", "block", "what"}], "findings"}
nlohmann::json replay_json(const verify::ReplayReport& r);

// One progress line: "replay: block 40/100, 812 tx, 1650 tx/s, 1 difference".
std::string replay_progress_text(const verify::ReplayProgress& p);

}  // namespace suture::report
