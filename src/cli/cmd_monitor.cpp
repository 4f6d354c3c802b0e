// `suture monitor --manifest suture.toml [--rpc URL]...`: follows the chain
// and evaluates the manifest's [monitor] detectors (respond/monitor.hpp),
// pausing the targets with the guardian key when one fires. Every event is a
// JSON line on stdout (the stdout channel); a progress line on stderr when it
// is a terminal. Runs until interrupted, or --once / --blocks N.
#include <atomic>
#include <csignal>
#include <iostream>
#include <memory>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "cli/rpc_options.hpp"
#include "cli/status_line.hpp"
#include "pipeline/manifest.hpp"
#include "respond/monitor.hpp"
#include "respond/monitor_event_json.hpp"
#include "respond/notify.hpp"

namespace suture::cli {
namespace {

std::atomic<bool> g_stop{false};
extern "C" void on_signal(int) { g_stop = true; }

struct MonitorArgs {
    std::string manifest;
    std::vector<std::string> rpcs;
    std::string ws;  // --ws URL, or "auto"
    KeyOptions key;
    bool once = false;
    std::optional<uint64_t> blocks;
    std::string min_tip_wei;
    double timeout_s = 120;
};

// The node(s): --rpc, else the chain of the first monitored target.
Result<std::vector<std::string>> node_urls(const MonitorArgs& a, const pipeline::Manifest& m) {
    if (!a.rpcs.empty()) return a.rpcs;
    for (const auto& t : m.targets) {
        if (std::find(m.monitor->targets.begin(), m.monitor->targets.end(), t.address) == m.monitor->targets.end()) continue;
        const auto* c = m.chain(t.chain);
        if (c && !c->rpc.empty()) return std::vector<std::string>{c->rpc};
        if (c && !c->state_file.empty()) return std::vector<std::string>{"state:" + c->state_file};
    }
    return usage_error("monitor: no node: give --rpc URL or a chain with rpc for the monitored targets");
}

// --ws: a ws:// URL as given; "auto": the first node's URL with http -> ws
// (anvil and geth serve both on one port when so configured).
Result<std::string> ws_url(const std::string& ws, const std::string& node) {
    if (ws != "auto") return ws;
    for (auto [from, to] : {std::pair<const char*, const char*>{"http://", "ws://"}, {"https://", "wss://"}})
        if (node.rfind(from, 0) == 0) return to + node.substr(std::string(from).size());
    return usage_error("--ws auto: the node " + chain::redact_url(node) + " is not an http(s):// URL");
}

Result<int> run(const MonitorArgs& a) {
    SUTURE_TRY(m, pipeline::load_manifest(a.manifest, false));
    if (!m.monitor) return input_error(a.manifest + ": no [monitor] table (see docs/manifest.md)");
    SUTURE_TRY(urls, node_urls(a, m));
    std::vector<std::unique_ptr<chain::RpcClient>> clients;
    std::vector<chain::RpcClient*> rpcs;
    for (const auto& u : urls) {
        clients.push_back(std::make_unique<chain::RpcClient>(u, rpc_options()));
        rpcs.push_back(clients.back().get());
    }

    respond::MonitorHooks hooks;
    SUTURE_TRY(notifiers, respond::make_notifiers(m.monitor->notify));
    hooks.notifiers = std::move(notifiers);
    SUTURE_TRY(key, a.key.load());
    if (key) {
        respond::PauseRequest base;
        base.timeout = std::chrono::milliseconds(int64_t(a.timeout_s * 1000));
        if (!a.min_tip_wei.empty()) {
            auto tip = uint256::parse(a.min_tip_wei);
            if (!tip) return usage_error("--min-tip " + a.min_tip_wei + ": " + tip.error().message);
            base.min_tip = *tip;
        }
        hooks.pause = respond::make_guardian_pause(*rpcs.front(), *key, base);
    } else {
        std::cerr << "monitor: no guardian key (--key-env, --key-file, --keystore): alerts only, nothing is paused\n";
    }
    StatusLine status;
    uint64_t firings = 0;
    hooks.on_event = [&](const respond::MonitorEvent& e) {
        if (e.kind == respond::MonitorEvent::Kind::firing) ++firings;
        // Block events are progress, not news: the status line shows them.
        if (e.kind == respond::MonitorEvent::Kind::block) {
            status.show("monitor: block " + std::to_string(e.block) + ", " + std::to_string(firings) + " firing(s)");
            return;
        }
        status.clear();
        std::cout << respond::monitor_event_json(e).dump() << "\n" << std::flush;
    };

    respond::MonitorSpec spec = *m.monitor;
    SUTURE_TRY(ws, ws_url(a.ws, urls.front()));
    spec.ws_url = ws;
    SUTURE_TRY(monitor, respond::Monitor::open(rpcs, std::move(spec), std::move(hooks)));
    std::signal(SIGINT, on_signal);
    std::signal(SIGTERM, on_signal);
    if (a.once) {
        monitor->poll_once();
    } else {
        monitor->run(a.blocks, [] { return g_stop.load(); });
    }
    status.clear();
    return 0;
}

Register reg("monitor", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("monitor",
                                   "Follow the chain, evaluate the manifest's [monitor] detectors, pause and notify");
    auto a = std::make_shared<MonitorArgs>();
    cmd->add_option("--manifest", a->manifest, "suture.toml with a [monitor] table")->required();
    add_rpc_limit_options(cmd);
    cmd->add_option("--rpc", a->rpcs,
                    "JSON-RPC endpoint (repeat for fallbacks, used in turn when one fails; default: the target's chain)");
    cmd->add_option("--ws", a->ws,
                    "ws:// URL to follow new heads and pending transactions via eth_subscribe (\"auto\": the first "
                    "--rpc with ws://); polling takes over while it is down");
    add_key_options(cmd, a->key,
                    {"Env var holding the guardian key", "File (mode 0600) holding the guardian key",
                     "Keystore v3 file of the guardian (password: $SUTURE_PASSWORD or prompt)"});
    cmd->add_flag("--once", a->once, "One round: the blocks up to the head and the pending transactions, then exit");
    cmd->add_option("--blocks", a->blocks, "Exit after evaluating N blocks");
    cmd->add_option("--min-tip", a->min_tip_wei, "Lowest priority fee of the pause in wei (default 2 gwei)");
    cmd->add_option("--pause-timeout", a->timeout_s, "Seconds to wait for the pause to be mined (default 120)");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a)); });
});

}  // namespace
}  // namespace suture::cli
