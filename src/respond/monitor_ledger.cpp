#include "respond/monitor_ledger.hpp"

#include <cerrno>
#include <csignal>
#include <filesystem>
#include <random>
#include <thread>

#include <unistd.h>

#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "respond/pause_record.hpp"

namespace suture::respond {
namespace {

// Opens the ledger for writing, waiting for another writer to finish.
Result<ledger::Ledger> open_for_write(const std::string& path, std::chrono::milliseconds wait) {
    const auto deadline = std::chrono::steady_clock::now() + wait;
    for (;;) {
        auto l = ledger::Ledger::open(path, ledger::Access::write);
        if (l || std::chrono::steady_clock::now() > deadline) return l;
        std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
}

int64_t now_ms() {
    return std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::system_clock::now().time_since_epoch())
        .count();
}

// 64 random bits: replicas on one ledger must not share an id.
std::string new_owner_id() {
    std::random_device rd;
    uint64_t v = (uint64_t(rd()) << 32) ^ rd();
    Bytes b(8);
    for (size_t i = 0; i < 8; ++i) b[i] = uint8_t(v >> (8 * i));
    return to_hex(b);
}

std::string host_name() {
    char buf[256] = {};
    if (gethostname(buf, sizeof buf - 1) != 0) return {};
    return buf;
}

// A claimant known not to run any more: on this host, and either this very
// process (an earlier monitor of it) or a process id that no longer exists.
bool claimant_gone(const PauseClaim& c) {
    if (c.owner.empty()) return true;  // written before claims named their owner
    if (c.host.empty() || c.host != host_name() || c.pid <= 0) return false;
    if (c.pid == int64_t(getpid())) return true;
    return kill(pid_t(c.pid), 0) != 0 && errno == ESRCH;
}

}  // namespace

MonitorLedger::MonitorLedger(std::string path, std::chrono::milliseconds lock_wait,
                             std::chrono::milliseconds claim_lease)
    : path_(std::move(path)), lock_wait_(lock_wait), claim_lease_(claim_lease), owner_(new_owner_id()) {}

void MonitorLedger::absorb(const std::string& kind, const nlohmann::json& data) {
    auto target_of = [&](const nlohmann::json& t) -> std::optional<Address> {
        if (!t.is_string()) return std::nullopt;
        auto a = parse_address(t.get<std::string>());
        return a ? std::optional<Address>(*a) : std::nullopt;
    };
    if (kind == kMonitorFiringEvent && data.contains("key") && data["key"].is_string()) {
        fired_.insert(data["key"].get<std::string>());
    } else if (kind == kMonitorClaimEvent && data.contains("targets") && data["targets"].is_array()) {
        PauseClaim claim;
        if (auto o = data.find("owner"); o != data.end() && o->is_string()) claim.owner = o->get<std::string>();
        if (auto at = data.find("at_ms"); at != data.end() && at->is_number_integer()) claim.at_ms = at->get<int64_t>();
        if (auto h = data.find("host"); h != data.end() && h->is_string()) claim.host = h->get<std::string>();
        if (auto p = data.find("pid"); p != data.end() && p->is_number_integer()) claim.pid = p->get<int64_t>();
        for (const auto& t : data["targets"])
            if (auto a = target_of(t)) {
                paused_.insert(*a);
                in_flight_[*a] = claim;
            }
    } else if (kind == kMonitorSendingEvent) {
        auto a = target_of(data.value("target", nlohmann::json()));
        auto h = data.value("tx", std::string());
        Bytes32 hash{};
        if (auto b = from_hex(h); a && b && b->size() == 32) {
            std::copy(b->begin(), b->end(), hash.begin());
            in_flight_[*a].sent.push_back(hash);
        }
    } else if (kind == kPauseEvent || kind == kUnpauseEvent) {
        auto a = target_of(data.value("target", nlohmann::json()));
        std::string status = data.value("status", "");
        if (!a) return;
        if (kind == kPauseEvent) in_flight_.erase(*a);
        bool effective = status == "done" || status == "already";
        if (kind == kPauseEvent && effective) paused_.insert(*a);
        else if (kind == kPauseEvent && status == "failed") paused_.erase(*a);  // the claim came to nothing
        else if (kind == kUnpauseEvent && effective) paused_.erase(*a);
    }
}

Status MonitorLedger::refresh() {
    if (!std::filesystem::exists(path_)) return {};
    SUTURE_TRY(l, ledger::Ledger::open(path_, ledger::Access::read));
    SUTURE_TRY(events, l.log(seen_));
    for (const auto& e : events) {
        absorb(e.kind, e.data);
        seen_ = e.seq;
    }
    return {};
}

Result<bool> MonitorLedger::record_firing(const std::string& key, const nlohmann::json& evidence) {
    SUTURE_TRY(l, open_for_write(path_, lock_wait_));
    SUTURE_CHECK(refresh());
    if (fired(key)) return false;
    nlohmann::json data{{"key", key}, {"evidence", evidence}};
    SUTURE_TRY(seq, l.append(kMonitorFiringEvent, data));
    (void)seq;
    fired_.insert(key);
    return true;
}

Result<std::vector<Address>> MonitorLedger::claim_pause(const std::string& key, const std::vector<Address>& targets) {
    SUTURE_TRY(l, open_for_write(path_, lock_wait_));
    SUTURE_CHECK(refresh());
    std::vector<Address> mine, held;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : targets) {
        auto f = in_flight_.find(t);
        if (f != in_flight_.end() && f->second.owner == owner_ && f->second.sent.empty()) held.push_back(t);
        else if (!paused(t)) mine.push_back(t), list.push_back(to_checksum(t));
    }
    if (!mine.empty()) {
        SUTURE_TRY(seq, l.append(kMonitorClaimEvent, claim_data(key, list)));
        (void)seq;
        SUTURE_CHECK(refresh());
    }
    mine.insert(mine.end(), held.begin(), held.end());
    return mine;
}

nlohmann::json MonitorLedger::claim_data(const std::string& key, nlohmann::json targets) const {
    return {{"key", key}, {"targets", std::move(targets)}, {"owner", owner_},
            {"at_ms", now_ms()}, {"host", host_name()}, {"pid", int64_t(getpid())}};
}

Result<bool> MonitorLedger::record_sending(const std::string& key, const Address& target, const Bytes32& hash,
                                           uint64_t nonce, unsigned attempt) {
    SUTURE_TRY(l, open_for_write(path_, lock_wait_));
    SUTURE_CHECK(refresh());
    // Still ours? A replica may have taken the claim over while this one
    // was signing: then it sends, and this one must not.
    auto f = in_flight_.find(target);
    if (f == in_flight_.end() || f->second.owner != owner_) return false;
    SUTURE_TRY(seq, l.append(kMonitorSendingEvent, {{"key", key},
                                                    {"target", to_checksum(target)},
                                                    {"tx", to_hex(hash)},
                                                    {"nonce", nonce},
                                                    {"attempt", attempt}}));
    (void)seq;
    SUTURE_CHECK(refresh());
    return true;
}

Result<MonitorLedger::TakeOver> MonitorLedger::take_over(const std::string& key, const Address& target,
                                                         const PauseClaim& seen) {
    SUTURE_TRY(l, open_for_write(path_, lock_wait_));
    SUTURE_CHECK(refresh());
    auto f = in_flight_.find(target);
    if (f == in_flight_.end() || f->second.owner != seen.owner || f->second.at_ms != seen.at_ms ||
        !f->second.sent.empty())
        return TakeOver::moved_on;
    bool gone = claimant_gone(seen);
    if (!gone && now_ms() - seen.at_ms < claim_lease_.count()) return TakeOver::waiting;
    PauseOutcome released;
    released.target = target;
    released.function = "pause()";
    released.error = chain_error("claimed by monitor " + (seen.owner.empty() ? std::string("(unnamed)") : seen.owner) +
                                 (gone ? ", which no longer runs; nothing was sent: taken over"
                                       : ", nothing was sent within " + std::to_string(claim_lease_.count()) +
                                             " ms: taken over"));
    SUTURE_TRY(seqs, record_pauses(l, {released}, std::nullopt));
    (void)seqs;
    SUTURE_TRY(seq, l.append(kMonitorClaimEvent, claim_data(key, nlohmann::json::array({to_checksum(target)}))));
    (void)seq;
    SUTURE_CHECK(refresh());
    return TakeOver::taken;
}

Status MonitorLedger::record_outcomes(const std::vector<PauseOutcome>& outcomes) {
    SUTURE_TRY(l, open_for_write(path_, lock_wait_));
    SUTURE_TRY(seqs, record_pauses(l, outcomes, std::nullopt));
    (void)seqs;
    return refresh();
}

}  // namespace suture::respond
