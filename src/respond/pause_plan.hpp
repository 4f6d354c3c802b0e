// What pausing one target takes, worked out before anything is signed
// (pause.hpp explains the checks): shared by the guardian and Safe routes.
#pragma once

#include <optional>
#include <string>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "respond/pause.hpp"
#include "upgrade/proxy_chain_view.hpp"

namespace suture::respond {

struct PausePlan {
    Address target;
    std::string function;   // canonical, e.g. "pause()"
    std::string mechanism;  // "pausable", "role", "function"
    Bytes data;             // the call data
    bool already = false;   // the check already reads the wanted state: send nothing
};

// The function and check a request names, with the defaults filled in.
std::string pause_function(const PauseRequest& req);
std::string pause_check(const PauseRequest& req);

// Plans `target` for a call from `sender`. An input error refuses the target
// (no code, no check answer, a missing pauser role); a chain error means the
// node could not be asked. Does not simulate the call (the senders do).
Result<PausePlan> plan_pause(upgrade::ChainView& view, const PauseRequest& req, const Address& target,
                             const Address& sender);

// The check after the call was mined: an error unless the target reads as
// the action wanted (paused after pause, not paused after unpause).
Status verify_paused(upgrade::ChainView& view, const PauseRequest& req, const Address& target);

// The outcome a plan starts (function, mechanism, action filled in; status
// already when there is nothing to send), or a failed one for a refused target.
PauseOutcome outcome_of(const PauseRequest& req, const Address& target, const Result<PausePlan>& plan);

}  // namespace suture::respond
