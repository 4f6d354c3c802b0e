#include "respond/monitor_ledger.hpp"

#include <filesystem>
#include <thread>

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

}  // namespace

MonitorLedger::MonitorLedger(std::string path, std::chrono::milliseconds lock_wait)
    : path_(std::move(path)), lock_wait_(lock_wait) {}

void MonitorLedger::absorb(const std::string& kind, const nlohmann::json& data) {
    auto target_of = [&](const nlohmann::json& t) -> std::optional<Address> {
        if (!t.is_string()) return std::nullopt;
        auto a = parse_address(t.get<std::string>());
        return a ? std::optional<Address>(*a) : std::nullopt;
    };
    if (kind == kMonitorFiringEvent && data.contains("key") && data["key"].is_string()) {
        fired_.insert(data["key"].get<std::string>());
    } else if (kind == kMonitorClaimEvent && data.contains("targets") && data["targets"].is_array()) {
        for (const auto& t : data["targets"])
            if (auto a = target_of(t)) {
                paused_.insert(*a);
                in_flight_[*a];
            }
    } else if (kind == kMonitorSendingEvent) {
        auto a = target_of(data.value("target", nlohmann::json()));
        auto h = data.value("tx", std::string());
        Bytes32 hash{};
        if (auto b = from_hex(h); a && b && b->size() == 32) {
            std::copy(b->begin(), b->end(), hash.begin());
            in_flight_[*a].push_back(hash);
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
    std::vector<Address> mine;
    nlohmann::json list = nlohmann::json::array();
    for (const auto& t : targets)
        if (!paused(t)) mine.push_back(t), list.push_back(to_checksum(t));
    if (mine.empty()) return mine;
    SUTURE_TRY(seq, l.append(kMonitorClaimEvent, {{"key", key}, {"targets", list}}));
    (void)seq;
    for (const auto& t : mine) paused_.insert(t);
    return mine;
}

Status MonitorLedger::record_sending(const std::string& key, const Address& target, const Bytes32& hash,
                                     uint64_t nonce, unsigned attempt) {
    SUTURE_TRY(l, open_for_write(path_, lock_wait_));
    SUTURE_TRY(seq, l.append(kMonitorSendingEvent, {{"key", key},
                                                    {"target", to_checksum(target)},
                                                    {"tx", to_hex(hash)},
                                                    {"nonce", nonce},
                                                    {"attempt", attempt}}));
    (void)seq;
    return refresh();
}

Status MonitorLedger::record_outcomes(const std::vector<PauseOutcome>& outcomes) {
    SUTURE_TRY(l, open_for_write(path_, lock_wait_));
    SUTURE_TRY(seqs, record_pauses(l, outcomes, std::nullopt));
    (void)seqs;
    return refresh();
}

}  // namespace suture::respond
