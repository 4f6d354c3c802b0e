// The monitor: follows a chain block by block (and its pending transactions),
// evaluates the detectors of a MonitorSpec, and on a firing records the
// evidence, pauses the targets once and notifies.
//
// Driving it: poll_once() does one round — it reads the head, evaluates every
// block after the last one processed (fetched ahead in batches of
// spec.fetch_ahead), then the pending transactions seen since the last round
// (when spec.pending), and returns what happened. Nothing blocks between
// rounds; `suture monitor` loops over poll_once() with spec.poll_interval in
// between, `suture demo` calls it step by step on an in-process node.
//
// With spec.ws_url, run() also follows the node's eth_subscribe feed
// (chain_feed.hpp): a new head or pending transaction starts the next round
// at once instead of after the polling sleep (which grows to
// spec.subscribed_poll_interval while subscribed), and pending hashes feed
// pre-execution in place of the pending filter. The feed only wakes rounds:
// what a round evaluates is decided as without it. When it fails or drops,
// run() reports it (subscription_lost), polls as before and reconnects with
// back-off.
//
// Guarantees:
//   - every block from the start block on is evaluated once per branch: a
//     block whose parent hash is not the hash processed at its height - 1 is
//     a reorg, and the blocks it undid are evaluated again on the new branch
//     (BlockTracker); a firing already reported for the same detector and
//     transaction (or block, for block-level detectors) is not reported again;
//   - after each block the resume point (number and hash) is written to
//     spec.state_file, so a restarted monitor continues with the next block;
//   - the pause is sent at most once per target: the monitor remembers what it
//     paused, the pause action itself sends nothing for a target already
//     paused on chain, and with spec.ledger a firing's pause is claimed in the
//     ledger first (an event `monitor.pause` keyed by detector and tx), so
//     replicas sharing a ledger, or a restart, never pause for it again;
//   - a node failure (refused, timeout, 429/5xx, a malformed answer) never
//     ends the monitor: the round reports it, and the next round retries,
//     switching to the fallback client when one was given, with back-off.
//
// Pre-execution (spec.pending): each new pending transaction whose target or
// call trace touches a monitored target is executed in the in-process EVM on
// a fork of the latest block; when the state after it breaks an invariant
// detector, or it moves more than an outflow detector's transaction-scope
// threshold out of a target, the detector fires (stage pending) before the
// transaction is mined, and the pause is sent with a priority fee above the
// pending transaction's, so a block builder ordering by tip mines it first.
//
// Nothing here prints. Not thread-safe: one thread drives a Monitor.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "respond/monitor_spec.hpp"
#include "respond/pause.hpp"

namespace suture::respond {

// One detector firing, with its evidence.
struct Firing {
    std::string detector;
    DetectorKind kind = DetectorKind::match;
    enum class Stage { mined, pending } stage = Stage::mined;
    uint64_t block = 0;                // the block (pending: the latest block the simulation forked)
    Bytes32 block_hash{};              // zero for stage pending
    std::optional<Bytes32> tx;         // absent for block-level firings (invariant, block/window outflow, slot)
    std::optional<Address> from;       // the transaction's sender
    // What matched: {"detector","kind","stage","block","block_hash","tx","from",
    // "events":[{"address","signature","args":{...}}], "calls":[{"from","to","function","args":{...}}],
    // "values":{...}} — the JSON lines, webhooks and the ledger carry exactly this.
    nlohmann::json evidence;
    std::string summary;               // one line for humans ("drain: withdraw(uint256) by 0x.. in tx 0x..")
};
const char* firing_stage_name(Firing::Stage s);  // "mined", "pending"

// What the monitor asks the pause action for.
struct PauseCall {
    std::vector<Address> targets;
    // Pre-execution: the tip the pause must beat (the pending transaction's
    // priority fee); the action sends above it.
    std::optional<uint256> beat_tip;
    const Firing* firing = nullptr;  // what caused it
    // The node the monitor follows now: after a failover, the fallback that
    // answers. The pause goes through it.
    chain::RpcClient* rpc = nullptr;
    // Each pause transaction, signed and not yet broadcast (the monitor
    // records it in the ledger): PauseRequest::before_send.
    std::function<bool(const Address& target, const Bytes32& hash, uint64_t nonce, unsigned attempt)> before_send;
    // Why this pause is sent again (a reorg removed the one mined); empty for a first pause.
    std::string resend_reason;
};
// Sends the pause; respond::pause_direct behind a guardian key is the usual
// one (make_guardian_pause). Outcomes in target order.
using PauseFn = std::function<Result<std::vector<PauseOutcome>>(const PauseCall&)>;

// pause_direct with `guardian` (not owned; must outlive the function) and
// `base` (tips, timeouts, function/check); beat_tip raises min_tip above it.
// Sent through the call's rpc, or `rpc` when the call names none.
PauseFn make_guardian_pause(chain::RpcClient& rpc, const chain::SecretKey& guardian, PauseRequest base);

// A notification channel (notify.hpp builds them from NotifySpec).
class Notifier {
public:
    virtual ~Notifier() = default;
    virtual std::string name() const = 0;  // "webhook https://host/..." (redacted)
    // Delivers one firing, retrying as the channel's spec says; an error when
    // every attempt failed.
    virtual Status send(const Firing& f) = 0;
};

// Something that happened during a round, in order (for progress lines and
// the CLI's JSON output). Exactly one of the optional parts is set per kind.
struct MonitorEvent {
    enum class Kind {
        block,          // a block was evaluated (block, block_hash)
        reorg,          // a reorg: `block` is the first height evaluated again
        firing,         // a detector fired (firing)
        pause_sent,     // the pause action was called (pauses, latency = detection to return)
        pause_skipped,  // a pause not sent: already claimed/paused (message says why)
        notified,       // a notification delivered (channel)
        notify_failed,  // every attempt failed (channel, error)
        node_error,     // a node call failed; retried next round (error, rpc)
        failover,       // switched to another RPC client (rpc)
        pending,        // a pending transaction was simulated (tx)
        subscribed,     // following via eth_subscribe (rpc = the ws URL, message says what)
        subscription_lost,  // eth_subscribe unavailable or dropped: polling, reconnecting with back-off (error)
    } kind = Kind::block;
    uint64_t block = 0;
    Bytes32 block_hash{};
    std::optional<Bytes32> tx;
    std::optional<Firing> firing;
    std::vector<PauseOutcome> pauses;
    std::chrono::microseconds latency{0};
    std::string channel;
    std::string rpc;  // redacted URL
    std::optional<Error> error;
    std::string message;
    // block and pending events of a round that a notification started:
    // "newHeads" or "newPendingTransactions" (latency: notification to
    // evaluated); empty for a polled round.
    std::string woken_by;
};
const char* monitor_event_name(MonitorEvent::Kind k);  // "block", "reorg", "firing", ...

// One poll_once() round.
struct MonitorStep {
    std::optional<uint64_t> head;          // the node's head this round (nullopt: unknown, node failed)
    uint64_t blocks = 0;                   // blocks evaluated (re-evaluations after a reorg included)
    uint64_t pending = 0;                  // pending transactions simulated
    std::vector<Firing> firings;           // new firings, in order
    std::vector<PauseOutcome> pauses;      // pauses sent this round
    std::vector<MonitorEvent> events;      // everything, in order (firings and pauses included)
    bool node_failed = false;              // the round stopped early on a node failure
};

struct MonitorHooks {
    PauseFn pause;                                   // empty: firings never pause (alert only)
    std::vector<std::unique_ptr<Notifier>> notifiers;
    // Called for each event as it happens (before poll_once returns), e.g.
    // to print JSON lines immediately. May be empty.
    std::function<void(const MonitorEvent&)> on_event;
};

// The monitor's position, as stored in spec.state_file.
struct MonitorCheckpoint {
    uint64_t block = 0;
    Bytes32 hash{};
};
// Reads / writes (atomically) the state file; nullopt when it does not exist.
Result<std::optional<MonitorCheckpoint>> read_checkpoint(const std::string& path);
Status write_checkpoint(const std::string& path, const MonitorCheckpoint& c);

class Monitor {
public:
    // `rpcs`: the node(s) to follow, first preferred, the others fallbacks
    // (not owned; must outlive the monitor). Checks the spec; resumes from
    // spec.state_file when it exists. Nothing is asked of the node yet.
    static Result<std::unique_ptr<Monitor>> open(std::vector<chain::RpcClient*> rpcs, MonitorSpec spec,
                                                 MonitorHooks hooks);
    ~Monitor();
    Monitor(const Monitor&) = delete;
    Monitor& operator=(const Monitor&) = delete;

    // One round (see above). Never an error: node failures are events.
    MonitorStep poll_once();
    // Rounds until `max_blocks` blocks were evaluated (nullopt: forever) or
    // `stop` returns true, sleeping spec.poll_interval between rounds that
    // found nothing new (and backing off after a node failure).
    void run(std::optional<uint64_t> max_blocks, const std::function<bool()>& stop = {});

    // The last block evaluated (nullopt before the first).
    std::optional<MonitorCheckpoint> position() const;
    // Targets this monitor paused (or found paused when it tried).
    std::vector<Address> paused_targets() const;
    const MonitorSpec& spec() const;

    struct Impl;

private:
    explicit Monitor(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace suture::respond
