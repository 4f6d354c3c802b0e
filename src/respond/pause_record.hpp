// A pause outcome as data: the JSON line `suture pause` prints and the
// ledger event it records (one shape for both, so what was printed is what
// the audit log holds).
#pragma once

#include <cstdint>
#include <optional>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "ledger/ledger.hpp"
#include "respond/pause.hpp"

namespace suture::respond {

// Audit-log event kinds ("respond.pause", "respond.unpause").
inline constexpr const char* kPauseEvent = "respond.pause";
inline constexpr const char* kUnpauseEvent = "respond.unpause";

// {target, action, function, mechanism, status, tx, nonce, block,
//  replacements, safe_tx_hash, error: {kind, message}}; absent fields are
// omitted. Canonical-JSON-able (no floats).
nlohmann::json pause_outcome_json(const PauseOutcome& o);

// Appends one event per outcome (with the incident id when given), all in
// one ledger transaction. Returns the seq of each event.
Result<std::vector<int64_t>> record_pauses(ledger::Ledger& l, const std::vector<PauseOutcome>& outcomes,
                                           std::optional<int64_t> incident);

}  // namespace suture::respond
