// Pausing and unpausing targets: the first response to an incident.
//
// A target is stopped through one call without arguments: OpenZeppelin
// Pausable's pause()/unpause() by default, or any function named by the
// caller (PauseRequest::function). Before anything is signed, each target is
// asked (eth_call, latest block):
//   - whether it is already in the wanted state (the check, default
//     paused()(bool)): then nothing is sent for it;
//   - whether it declares an AccessControl pauser role (PAUSER_ROLE()):
//     then hasRole(role, sender) must be true, otherwise the target is
//     refused with an input error naming the role and the sender;
//   - whether the call would succeed (gas estimation runs it): a revert is
//     refused with its decoded reason.
// A refused target is reported and skipped; the others go ahead.
//
// Two ways to send (pause_direct, pause_via_safe):
//   - a guardian key signs one transaction per target. The tip is raised
//     above the node's estimate (fast inclusion matters more than its cost),
//     all transactions are signed first with consecutive nonces and
//     broadcast together, then waited for together; one not mined within
//     `replace_after` is replaced (same nonce, fees raised) up to
//     `max_replacements` times, and whichever version is mined counts;
//   - a Safe holds the right: the calls are written as a Transaction Builder
//     batch file, and executed (one Safe transaction per target) when enough
//     owner keys are given.
// After mining, the check is asked again: a pause whose target does not read
// as paused is an error, not a success.
//
// Nothing here prints; progress is reported through PauseRequest::on_sent.
// The RpcClient must outlive the call. Not thread-safe (one call at a time
// per RpcClient).
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::respond {

enum class PauseAction { pause, unpause };
const char* pause_action_name(PauseAction a);  // "pause", "unpause"

struct PauseRequest {
    PauseAction action = PauseAction::pause;
    std::vector<Address> targets;
    // The call that (un)pauses, a signature without arguments, e.g.
    // "emergencyStop()". Default: "pause()" or "unpause()".
    std::string function;
    // A view returning bool that reads true when paused (after unpause:
    // false). Default "paused()(bool)".
    std::string check;
    // The role getter asked for AccessControl targets.
    std::string role_getter = "PAUSER_ROLE()(bytes32)";

    // Direct sending: tip = max(estimate x tip_multiplier_percent / 100, min_tip).
    unsigned tip_multiplier_percent = 200;
    uint256 min_tip = uint256(2'000'000'000);  // 2 gwei
    std::chrono::milliseconds replace_after{std::chrono::seconds(30)};
    unsigned replace_bump_percent = 25;  // each replacement raises both fee caps by this much
    unsigned max_replacements = 5;
    std::chrono::milliseconds poll_interval{200};
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};  // per target, from its first broadcast

    // Called after each broadcast (attempt 0 is the first transaction, 1 the
    // first replacement...). For progress output and tests.
    std::function<void(const Address& target, const Bytes32& hash, unsigned attempt)> on_sent;
    // Called with each signed transaction before it is broadcast (same
    // attempts), so a caller can record the intent before anything leaves:
    // after a crash the hash tells whether it was mined. False: not sent
    // (the caller's claim on the pause went to another sender).
    std::function<bool(const Address& target, const Bytes32& hash, uint64_t nonce, unsigned attempt)> before_send;
};

// The Safe route: who holds the right, and what to do with the calls.
struct SafePause {
    Address safe;
    std::vector<const chain::SecretKey*> owners;  // signers (not owned); the first submits
    std::string batch_file;                       // written when non-empty
    uint64_t created_at_ms = 0;                   // batch file time; 0 = now
};

// What happened to one target.
struct PauseOutcome {
    Address target;
    PauseAction action = PauseAction::pause;
    std::string function;   // the call sent, e.g. "pause()"
    std::string mechanism;  // "pausable", "role" (an AccessControl pauser role), "function", "safe"
    enum class Status { done, already, batch_written, failed } status = Status::failed;
    std::optional<Bytes32> tx_hash;   // the transaction mined (a replacement, if one was)
    std::optional<uint64_t> nonce;
    std::optional<uint64_t> block;
    unsigned replacements = 0;        // replacements broadcast
    std::optional<Bytes32> safe_tx_hash;
    std::optional<Error> error;       // status failed: why (input = refused, nothing sent for it)
};
const char* pause_status_name(PauseOutcome::Status s);  // "done", "already", "batch-written", "failed"

// One transaction per target signed by `guardian`. The Result is an error
// only when nothing could start (the node's chain id or fees unknown); each
// target's own failure is in its outcome. Outcomes are in request order.
Result<std::vector<PauseOutcome>> pause_direct(chain::RpcClient& rpc, const PauseRequest& req,
                                               const chain::SecretKey& guardian);

// Through a Safe: checks that the owner keys belong to the Safe, writes the
// batch file if asked, and executes when at least threshold owner keys are
// given (otherwise the outcomes say batch_written).
Result<std::vector<PauseOutcome>> pause_via_safe(chain::RpcClient& rpc, const PauseRequest& req,
                                                 const SafePause& safe);

}  // namespace suture::respond
