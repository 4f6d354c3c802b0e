// The monitor's memory in the ledger, shared by restarts and by replicas
// watching the same targets: which firings were reported (monitor.firing,
// keyed by detector and transaction or block), which pauses were claimed
// (monitor.pause_claim), each pause transaction signed and about to be
// broadcast (monitor.pause_sending: the intent, with its hash and nonce) and
// what the pauses did (respond.pause / respond.unpause, the events `suture
// pause` writes too). A crash between the intent and the outcome leaves the
// claim standing, so a restart does not pause again; the hash says what was sent.
//
// Replicas: each MonitorLedger has an owner id, written into its claims. A
// claim with nothing recorded as sent may be a crash before the send, or a
// replica still signing: a monitor starting beside it takes the claim over
// only once the claim is older than the lease (take_over) or its process,
// on this host, no longer runs (one monitor runs per process: a claim by this
// very process is an earlier monitor's), and the claimant
// records its intent only while the claim is still its own (record_sending),
// both under the writer lock, so exactly one of the two sends the pause.
//
// The ledger allows one writer at a time (writer_lock.hpp), so each write
// opens it, re-reads what other writers added, decides, appends and closes:
// the lock makes "is this key already there? then append it" atomic across
// processes. A monitor never holds the ledger open between writes.
#pragma once

#include <chrono>
#include <cstdint>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "core/address.hpp"
#include "core/result.hpp"
#include "respond/pause.hpp"

namespace suture::respond {

inline constexpr const char* kMonitorFiringEvent = "monitor.firing";
inline constexpr const char* kMonitorClaimEvent = "monitor.pause_claim";
inline constexpr const char* kMonitorSendingEvent = "monitor.pause_sending";

// A claim with no outcome recorded yet.
struct PauseClaim {
    std::string owner;          // the claiming monitor's id ("" in ledgers written before ids)
    int64_t at_ms = 0;          // when it was claimed (Unix ms, the claimant's clock)
    std::string host;           // the claimant's host name and process id: a claimant on this
    int64_t pid = 0;            // host that no longer runs needs no lease
    std::vector<Bytes32> sent;  // transactions recorded as about to be sent (empty: none was)
};

class MonitorLedger {
public:
    // `path` may not exist yet (the first write creates it). `lock_wait`
    // bounds the wait for another writer; `claim_lease` is how long a claim
    // with nothing sent belongs to its claimant before another may take it over.
    explicit MonitorLedger(std::string path, std::chrono::milliseconds lock_wait = std::chrono::seconds(10),
                           std::chrono::milliseconds claim_lease = std::chrono::seconds(10));

    // Reads the events added since the last read.
    Status refresh();
    bool fired(const std::string& key) const { return fired_.count(key) != 0; }
    // Paused by a recorded pause (done or already), or claimed by a monitor
    // whose pause has not been recorded as failed; an unpause clears it.
    bool paused(const Address& target) const { return paused_.count(target) != 0; }

    // Appends monitor.firing {key, evidence} unless another writer recorded
    // the key first; true when this call recorded it.
    Result<bool> record_firing(const std::string& key, const nlohmann::json& evidence);
    // Claims the pause of the targets nobody paused or claimed yet (and those
    // this monitor claimed and has not sent yet); returns them.
    Result<std::vector<Address>> claim_pause(const std::string& key, const std::vector<Address>& targets);
    // A pause transaction signed for the claim `key`, before it is broadcast
    // (attempt 0 the first, then replacements). False, nothing recorded, when
    // the claim is no longer this monitor's (another took it over): the
    // transaction must not be sent.
    Result<bool> record_sending(const std::string& key, const Address& target, const Bytes32& hash, uint64_t nonce,
                                unsigned attempt);
    // Takes over `target`'s claim as `seen` (from in_flight()) when it is
    // still that claim, nothing was recorded as sent, and it is older than
    // the lease: records it released (a failed respond.pause) and claims it
    // for this monitor. `waiting` while the lease runs; `moved_on` when the
    // claim changed (sent, settled or claimed again): re-read in_flight().
    enum class TakeOver { taken, waiting, moved_on };
    Result<TakeOver> take_over(const std::string& key, const Address& target, const PauseClaim& seen);
    const std::string& owner() const { return owner_; }
    std::chrono::milliseconds claim_lease() const { return claim_lease_; }
    // The pause outcomes (respond.pause events, as `suture pause` records them).
    Status record_outcomes(const std::vector<PauseOutcome>& outcomes);
    // Per target whose claim has no outcome recorded yet: who claimed it,
    // when, and what was recorded as about to be sent.
    const std::map<Address, PauseClaim>& in_flight() const { return in_flight_; }

private:
    void absorb(const std::string& kind, const nlohmann::json& data);
    nlohmann::json claim_data(const std::string& key, nlohmann::json targets) const;

    std::string path_;
    std::chrono::milliseconds lock_wait_;
    std::chrono::milliseconds claim_lease_;
    std::string owner_;
    int64_t seen_ = 0;  // last seq read
    std::set<std::string, std::less<>> fired_;
    std::set<Address> paused_;
    std::map<Address, PauseClaim> in_flight_;
};

}  // namespace suture::respond
