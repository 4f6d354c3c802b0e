// A test-only crash, chosen by the environment: with
//   SUTURE_FAULT=<step-id>:<boundary>     e.g. timelock/schedule/0:after-send
// the process kills itself with SIGKILL (no destructor, no flush, no cleanup:
// what a power cut or `kill -9` leaves) when the deployment reaches that
// boundary of that step. Boundaries: before-send (recorded in the ledger, not
// broadcast), after-send (broadcast, receipt not awaited), after-receipt
// (receipt recorded). The resume tests kill a deployment at every boundary
// of every step this way and show `suture resume` finishes it exactly once.
// Unset (always, outside tests), it does nothing.
#pragma once

#include <string_view>

namespace suture::pipeline {

inline constexpr const char* kFaultVariable = "SUTURE_FAULT";
inline constexpr std::string_view kFaultBoundaries[] = {"before-send", "after-send", "after-receipt"};

// SIGKILLs the process when $SUTURE_FAULT is "<step_id>:<boundary>".
void fault_point(std::string_view step_id, std::string_view boundary);

}  // namespace suture::pipeline
