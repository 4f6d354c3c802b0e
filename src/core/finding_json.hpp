// One JSON shape for a Finding, wherever findings leave a process or are
// stored (`suture check --json`, the ledger's gate runs, `suture report`):
//
//   {"severity": "error"|"warning"|"info", "code": "...", "message": "...",
//    "hint": "...", "suppressed": bool,
//    "file": "...", "line": N, "column": N,   // when the finding has a source position
//    "where": "...",                           // tx hash, selector, contract, ...
//    "suppressed_by": "..."}                   // when suppressed
//
// Only strings, integers and booleans: the ledger's canonical JSON takes it as is.
#pragma once

#include <nlohmann/json.hpp>

#include "core/finding.hpp"
#include "core/result.hpp"

namespace suture {

nlohmann::json finding_json(const Finding& f);
nlohmann::json findings_json(const Findings& fs);

// The inverse: "code" is required; a key of the wrong type or an unknown
// severity is an input error naming the key.
Result<Finding> finding_from_json(const nlohmann::json& j);

}  // namespace suture
