#include "chain/rpc_subscription.hpp"

namespace suture::chain {

using json = nlohmann::json;
using Clock = std::chrono::steady_clock;

Result<std::unique_ptr<RpcSubscriber>> RpcSubscriber::connect(const std::string& url, WebSocketOptions options) {
    SUTURE_TRY(ws, WebSocketClient::connect(url, options));
    return std::unique_ptr<RpcSubscriber>(new RpcSubscriber(std::move(ws), options));
}

Result<std::optional<json>> RpcSubscriber::sort(const std::string& message) {
    json j = json::parse(message, nullptr, false);
    if (!j.is_object()) return chain_error("WebSocket " + url() + ": a message that is not a JSON object");
    if (j.value("method", json()) == "eth_subscription") {
        const json& p = j.value("params", json());
        if (p.is_object() && p.value("subscription", json()).is_string())
            queued_.push_back({p["subscription"].get<std::string>(), p.value("result", json())});
        return std::optional<json>();
    }
    return std::optional<json>(std::move(j));
}

Result<json> RpcSubscriber::request(std::string_view method, json params) {
    const uint64_t id = next_id_++;
    const std::string what = std::string(method) + " at " + url();
    json body{{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", std::move(params)}};
    SUTURE_CHECK(ws_->send_text(body.dump()));
    const auto until = Clock::now() + options_.io_timeout;
    for (;;) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
        if (left.count() <= 0) return chain_error(what + ": no answer within " + std::to_string(options_.io_timeout.count()) + " ms");
        SUTURE_TRY(msg, ws_->receive(left));
        if (!msg) continue;
        SUTURE_TRY(answer, sort(*msg));
        if (!answer || answer->value("id", json()) != json(id)) continue;  // a notification, or a stale answer
        if (answer->contains("error")) {
            const json& e = (*answer)["error"];
            return chain_error(what + ": node error " + std::to_string(e.value("code", int64_t{0})) + ": " +
                               e.value("message", std::string("?")));
        }
        if (!answer->contains("result")) return chain_error(what + ": an answer with neither result nor error");
        return (*answer)["result"];
    }
}

Result<std::string> RpcSubscriber::subscribe(std::string_view kind) {
    SUTURE_TRY(id, request("eth_subscribe", json::array({kind})));
    if (!id.is_string()) return chain_error("eth_subscribe(" + std::string(kind) + ") at " + url() + ": expected a subscription id");
    return id.get<std::string>();
}

Status RpcSubscriber::unsubscribe(const std::string& id) {
    SUTURE_TRY(ok, request("eth_unsubscribe", json::array({id})));
    if (ok != json(true)) return chain_error("eth_unsubscribe at " + url() + ": the node had no subscription " + id);
    // Notifications of it still queued are no longer wanted.
    std::erase_if(queued_, [&](const SubscriptionNotice& n) { return n.subscription == id; });
    return {};
}

Result<std::optional<SubscriptionNotice>> RpcSubscriber::next(std::chrono::milliseconds wait) {
    using Out = std::optional<SubscriptionNotice>;
    const auto until = Clock::now() + wait;
    while (queued_.empty()) {
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(until - Clock::now());
        SUTURE_TRY(msg, ws_->receive(std::max(left, std::chrono::milliseconds(0))));
        if (!msg) return Out();
        SUTURE_CHECK(sort(*msg));  // an answer nobody waits for any more is dropped
    }
    Out n = std::move(queued_.front());
    queued_.pop_front();
    return n;
}

}  // namespace suture::chain
