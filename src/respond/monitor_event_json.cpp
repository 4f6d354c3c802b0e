#include "respond/monitor_event_json.hpp"

#include "core/hex.hpp"
#include "respond/pause_record.hpp"

namespace suture::respond {

nlohmann::json monitor_event_json(const MonitorEvent& e) {
    using K = MonitorEvent::Kind;
    nlohmann::json j{{"event", monitor_event_name(e.kind)}};
    if (e.kind == K::block || e.kind == K::reorg || e.kind == K::firing || e.kind == K::pause_sent ||
        e.kind == K::pending)
        j["block"] = e.block;
    if (e.kind == K::block) j["block_hash"] = to_hex(e.block_hash);
    if (e.tx) j["tx"] = to_hex(*e.tx);
    if (e.firing) j["firing"] = e.firing->evidence;
    if (e.kind == K::pause_sent) {
        nlohmann::json list = nlohmann::json::array();
        for (const auto& p : e.pauses) list.push_back(pause_outcome_json(p));
        j["pauses"] = std::move(list);
        j["latency_us"] = e.latency.count();
    }
    if (!e.channel.empty()) j["channel"] = e.channel;
    if (!e.rpc.empty()) j["rpc"] = e.rpc;
    if (e.error) j["error"] = {{"message", e.error->message}};
    if (!e.message.empty()) j["message"] = e.message;
    if (!e.woken_by.empty()) {
        j["woken_by"] = e.woken_by;
        j["latency_us"] = e.latency.count();
    }
    return j;
}

}  // namespace suture::respond
