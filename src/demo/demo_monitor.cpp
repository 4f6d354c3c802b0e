#include "demo/demo_monitor.hpp"

namespace suture::demo {

Result<AttackWatch> AttackWatch::open(chain::RpcClient& rpc, const WatchSpec& spec, const chain::SecretKey& guardian) {
    respond::MonitorSpec m;
    m.targets = {spec.venue};
    respond::DetectorSpec d;
    d.name = "collateral-outflow";
    d.kind = respond::DetectorKind::outflow;
    respond::OutflowSpec o;
    o.target = spec.venue;
    o.token = spec.token;
    o.token_name = "vUSD";
    o.threshold = spec.threshold;
    o.scope = respond::OutflowSpec::Scope::transaction;
    d.outflow = o;
    m.detectors.push_back(std::move(d));
    m.start_block = spec.start_block;
    m.poll_interval = std::chrono::milliseconds(0);
    respond::MonitorHooks hooks;
    respond::PauseRequest pause;
    pause.replace_after = std::chrono::seconds(30);
    pause.poll_interval = std::chrono::milliseconds(20);
    hooks.pause = respond::make_guardian_pause(rpc, guardian, pause);
    SUTURE_TRY(monitor, respond::Monitor::open({&rpc}, std::move(m), std::move(hooks)));
    AttackWatch w;
    w.monitor_ = std::move(monitor);
    return w;
}

Result<std::optional<WatchResult>> AttackWatch::poll() {
    respond::MonitorStep step = monitor_->poll_once();
    for (const auto& e : step.events)
        if (e.kind == respond::MonitorEvent::Kind::node_error && e.error)
            return chain_error("monitor: " + e.error->message);
    if (step.firings.empty()) return std::optional<WatchResult>();
    WatchResult r;
    r.firing = step.firings.front();
    r.pauses = step.pauses;
    return std::optional<WatchResult>(std::move(r));
}

}  // namespace suture::demo
