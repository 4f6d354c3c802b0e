// The monitor's memory in the ledger, shared by restarts and by replicas
// watching the same targets: which firings were reported (monitor.firing,
// keyed by detector and transaction or block), which pauses were claimed
// (monitor.pause_claim), each pause transaction signed and about to be
// broadcast (monitor.pause_sending: the intent, with its hash and nonce) and
// what the pauses did (respond.pause / respond.unpause, the events `suture
// pause` writes too). A crash between the intent and the outcome leaves the
// claim standing, so a restart does not pause again; the hash says what was sent.
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

class MonitorLedger {
public:
    // `path` may not exist yet (the first write creates it). `lock_wait`
    // bounds the wait for another writer.
    explicit MonitorLedger(std::string path, std::chrono::milliseconds lock_wait = std::chrono::seconds(10));

    // Reads the events added since the last read.
    Status refresh();
    bool fired(const std::string& key) const { return fired_.count(key) != 0; }
    // Paused by a recorded pause (done or already), or claimed by a monitor
    // whose pause has not been recorded as failed; an unpause clears it.
    bool paused(const Address& target) const { return paused_.count(target) != 0; }

    // Appends monitor.firing {key, evidence} unless another writer recorded
    // the key first; true when this call recorded it.
    Result<bool> record_firing(const std::string& key, const nlohmann::json& evidence);
    // Claims the pause of the targets nobody paused or claimed yet; returns them.
    Result<std::vector<Address>> claim_pause(const std::string& key, const std::vector<Address>& targets);
    // A pause transaction signed for the claim `key`, before it is broadcast
    // (attempt 0 the first, then replacements).
    Status record_sending(const std::string& key, const Address& target, const Bytes32& hash, uint64_t nonce,
                          unsigned attempt);
    // The pause outcomes (respond.pause events, as `suture pause` records them).
    Status record_outcomes(const std::vector<PauseOutcome>& outcomes);
    // Per target whose claim has no outcome recorded yet: the hashes of the
    // transactions recorded as about to be sent (empty: none was).
    const std::map<Address, std::vector<Bytes32>>& in_flight() const { return in_flight_; }

private:
    void absorb(const std::string& kind, const nlohmann::json& data);

    std::string path_;
    std::chrono::milliseconds lock_wait_;
    int64_t seen_ = 0;  // last seq read
    std::set<std::string, std::less<>> fired_;
    std::set<Address> paused_;
    std::map<Address, std::vector<Bytes32>> in_flight_;
};

}  // namespace suture::respond
