// JSON-RPC over one WebSocket (websocket_client.hpp): requests, and the
// notifications of eth_subscribe ("newHeads", "newPendingTransactions").
// The polling client (rpc_client.hpp) stays the way blocks are read; this
// one only tells its user that something new is there.
//
// request() sends one call and waits for the answer with its id; the
// eth_subscription notifications that arrive meanwhile are queued for
// next(). A node error is a chain error "METHOD at URL: node error CODE:
// MESSAGE", as RpcClient words it; a transport failure is the WebSocket's
// error (websocket_client.hpp), after which the subscriber is closed and its
// subscriptions are gone with the connection: connect again and resubscribe.
//
// Thread safety: none; one thread drives a subscriber.
#pragma once

#include <chrono>
#include <cstdint>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chain/websocket_client.hpp"
#include "core/result.hpp"

namespace suture::chain {

// One eth_subscription notification: {"subscription": ID, "result": ...}.
struct SubscriptionNotice {
    std::string subscription;
    nlohmann::json result;  // newHeads: the header object; newPendingTransactions: the hash
};

class RpcSubscriber {
public:
    static Result<std::unique_ptr<RpcSubscriber>> connect(const std::string& url, WebSocketOptions options = {});

    // The `result` of one call; waits at most options.io_timeout for it.
    Result<nlohmann::json> request(std::string_view method, nlohmann::json params = nlohmann::json::array());
    // eth_subscribe(kind): the subscription id.
    Result<std::string> subscribe(std::string_view kind);
    // eth_unsubscribe(id); an error when the node says it had no such subscription.
    Status unsubscribe(const std::string& id);
    // The next notification (queued ones first); nullopt when none within `wait`.
    Result<std::optional<SubscriptionNotice>> next(std::chrono::milliseconds wait);
    // Closes the connection with the close handshake.
    Status close() { return ws_->close(); }

    bool is_open() const { return ws_->is_open(); }
    const std::string& url() const { return ws_->url(); }  // redacted

private:
    RpcSubscriber(std::unique_ptr<WebSocketClient> ws, WebSocketOptions options)
        : ws_(std::move(ws)), options_(options) {}
    // A notification from `message` (queued), or the answer it is (returned): nullopt for a notification.
    Result<std::optional<nlohmann::json>> sort(const std::string& message);

    std::unique_ptr<WebSocketClient> ws_;
    WebSocketOptions options_;
    std::deque<SubscriptionNotice> queued_;
    uint64_t next_id_ = 1;
};

}  // namespace suture::chain
