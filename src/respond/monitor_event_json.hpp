// A monitor event as one JSON object: the line `suture monitor` prints per
// event on stdout (the stdout channel), one shape for every consumer.
#pragma once

#include <nlohmann/json.hpp>

#include "respond/monitor.hpp"

namespace suture::respond {

// {"event": "block"|"reorg"|"firing"|"pause"|..., "block", "block_hash", "tx",
//  "firing": {evidence}, "pauses": [pause_outcome_json...], "latency_us",
//  "channel", "rpc", "error": {"message"}, "message"}; absent parts omitted.
nlohmann::json monitor_event_json(const MonitorEvent& e);

}  // namespace suture::respond
