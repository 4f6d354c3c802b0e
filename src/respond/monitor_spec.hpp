// What `suture monitor` watches, as data: the detectors and notification
// channels a manifest's [monitor] table declares (pipeline/manifest reads
// them; docs/manifest.md lists every key). Addresses are resolved (a target
// name in the manifest becomes its address) and signatures, conditions and
// thresholds are parsed when the spec is built, so a bad detector is an input
// error at load time, never a surprise while following the chain.
//
// The filter model is OpenZeppelin Monitor's: a detector matches events
// (signature + argument conditions) and/or function calls (selector +
// decoded argument conditions, found anywhere in the call trace, so a call
// that reaches an implementation through its proxy matches), under a
// transaction-status condition, optionally confirmed by a script. On top of
// that: invariants, value outflow, watch-listed functions, slot changes, and
// boolean expressions over other detectors.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "respond/detector_match.hpp"

namespace suture::respond {

enum class DetectorKind {
    match,       // events and/or calls (OpenZeppelin Monitor's filters), per transaction
    expression,  // a boolean expression over other detectors' names, per transaction
    invariant,   // a view call + relation, after every block (and after a pending tx, simulated)
    outflow,     // value leaving a target above a threshold (tx, block, or a window of blocks)
    watchlist,   // a watch-listed function called by a sender outside the allow list
    slot,        // an unexpected change of an implementation/admin/beacon/owner slot
};
const char* detector_kind_name(DetectorKind k);  // "match", "expression", ...

enum class TxStatusFilter { any, success, failure };

struct InvariantSpec {
    Address target;
    std::string function;           // "totalAssets()(uint256)" (outputs required)
    std::vector<std::string> args;  // as `suture abi encode` reads them
    // "OP VALUE" over the first output (== != > >= < <=, ordering for uintN/intN);
    // empty: the first output is a bool that must be true.
    std::string relation;
};

struct OutflowSpec {
    Address target;
    std::optional<Address> token;  // nullopt: ETH
    std::string token_name;        // for evidence ("ETH" when no token)
    uint256 threshold;             // fires when strictly above
    enum class Scope { transaction, block, window } scope = Scope::transaction;
    uint64_t window = 0;           // blocks, scope window only
};

struct WatchlistSpec {
    Address target;
    std::vector<std::string> functions;  // signatures, e.g. "upgradeToAndCall(address,bytes)"
    std::vector<Address> allow;          // senders (the frame's caller) allowed to call them
};

struct SlotSpec {
    Address target;
    // Named slots: "implementation", "admin", "beacon" (EIP-1967), "owner"
    // (the owner()(address) view), or a 0x-prefixed 32-byte slot number.
    std::vector<std::string> slots;
};

struct DetectorSpec {
    std::string name;  // unique; evidence, dedup keys and expressions use it
    DetectorKind kind = DetectorKind::match;
    bool pause = true;   // a firing pauses the monitor's targets
    bool notify = true;  // a firing is sent to the notification channels
    // match: a transaction matches when its status passes and any event
    // filter or any call filter matches (with neither, the status alone).
    std::vector<EventFilter> events;
    std::vector<CallFilter> calls;
    TxStatusFilter status = TxStatusFilter::any;
    // match: an executable run with the match as JSON on stdin; exit 0 keeps
    // the match, anything else drops it. Empty: none.
    std::string script;
    // expression: "a && (b || !c)" over names of match/watchlist detectors,
    // evaluated per transaction.
    std::string expression;
    std::optional<InvariantSpec> invariant;
    std::optional<OutflowSpec> outflow;
    std::optional<WatchlistSpec> watchlist;
    std::optional<SlotSpec> slot;
};

enum class NotifyKind { stdout_json, webhook, slack, discord, telegram, email, script };
const char* notify_kind_name(NotifyKind k);  // "stdout", "webhook", "slack", ...

struct NotifySpec {
    NotifyKind kind = NotifyKind::stdout_json;
    std::string url;         // webhook/slack/discord; email: smtp[s]://host:port
    std::string secret;      // webhook: HMAC-SHA256 key (the value, read from the env var the manifest names)
    std::string chat_id;     // telegram
    std::string bot_token;   // telegram (value, from an env var)
    std::string from;        // email
    std::vector<std::string> to;  // email recipients
    std::string username, password;  // email SMTP login (values, from env vars); empty: none
    std::string script;      // script: executable receiving the firing as JSON on stdin
    unsigned retries = 3;    // extra attempts after the first
    std::chrono::milliseconds backoff{500};  // doubled after each failed attempt
};

struct MonitorSpec {
    std::vector<Address> targets;       // what the pause stops (in order)
    std::vector<DetectorSpec> detectors;
    std::vector<NotifySpec> notify;
    bool pending = false;               // pre-execute pending transactions that touch a target
    std::chrono::milliseconds poll_interval{1000};
    std::optional<uint64_t> start_block;  // first block when nothing is stored (default: the head)
    std::string state_file;             // resume point (absolute path); empty: none
    std::string ledger;                 // evidence, pauses, dedup (absolute path); empty: none
    uint64_t fetch_ahead = 16;          // blocks fetched per batch when behind
    uint64_t reorg_depth = 128;         // blocks of parent hashes kept
    // ws:// URL of the node's eth_subscribe (Monitor::run, chain_feed.hpp); empty: poll only.
    std::string ws_url;
    // While subscribed, a round runs at least this often anyway: a subscription
    // that stalls without dropping is not trusted to be the only clock.
    std::chrono::milliseconds subscribed_poll_interval{10000};
};

// Checks a spec built by hand (the manifest reader checks as it reads):
// unique names, each kind's part present, expressions naming match/watchlist
// detectors and parsing. Errors name the detector.
Status check_monitor_spec(const MonitorSpec& spec);
// The detectors' part of check_monitor_spec.
Status check_detectors(const std::vector<DetectorSpec>& detectors);

}  // namespace suture::respond
