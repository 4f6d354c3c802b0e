// The monitor's push feed: eth_subscribe("newHeads") and, for
// pre-execution, eth_subscribe("newPendingTransactions") over a WebSocket
// (chain/rpc_subscription.hpp). A notification only wakes the monitor: the
// blocks are still read over HTTP and the block tracker's parent hashes
// decide what is evaluated, so a notification lost with a dropped connection
// costs latency, never a block.
//
// Connection: opened on the first wait(); when it fails or drops, the feed
// reports it (a Change) and tries again after a back-off doubled per failed
// attempt (min_backoff .. max_backoff), reset by a success. While it is down
// the monitor polls as it does without one.
//
// Not thread-safe: the monitor's thread drives it.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "chain/rpc_subscription.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::respond {

struct ChainFeedOptions {
    std::string url;       // ws://...
    bool pending = false;  // also newPendingTransactions
    chain::WebSocketOptions ws = [] {
        chain::WebSocketOptions o;
        o.connect_timeout = std::chrono::milliseconds(2000);  // a reconnect holds up the monitor's loop this long at most
        return o;
    }();
    std::chrono::milliseconds min_backoff{500};
    std::chrono::milliseconds max_backoff{30000};
};

class ChainFeed {
public:
    explicit ChainFeed(ChainFeedOptions options);
    ~ChainFeed();

    // A change of the connection, for the monitor to report.
    struct Change {
        enum class Kind {
            subscribed,  // connected and subscribed (message says to what)
            lost,        // a live connection failed: polling until it is back
            retry_failed,  // connecting again failed (message says when the next attempt is)
        } kind = Kind::subscribed;
        std::string message;
        std::optional<Error> error;
    };
    struct Wake {
        uint64_t heads = 0;            // newHeads notifications
        std::vector<Bytes32> pending;  // pending transaction hashes, in arrival order
        std::vector<Change> changes;
        std::chrono::steady_clock::time_point first_at{};  // when the first notification arrived
        bool woken() const { return heads > 0 || !pending.empty(); }
    };

    // Connects when not connected and the back-off allows, then waits up to
    // `wait` for a notification and takes every one already there. Returns at
    // once when not connected.
    Wake wait(std::chrono::milliseconds wait);

    bool live() const { return sub_ != nullptr; }
    // Pending hashes arrive through the feed (live, and the node accepted that subscription).
    bool pending_live() const { return sub_ != nullptr && pending_id_.has_value(); }
    const std::string& url() const { return shown_; }  // redacted

private:
    void connect(Wake& out);
    void drop(Wake& out, const Error& e);

    ChainFeedOptions options_;
    std::string shown_;
    std::unique_ptr<chain::RpcSubscriber> sub_;
    std::optional<std::string> heads_id_, pending_id_;
    std::chrono::milliseconds backoff_;
    std::chrono::steady_clock::time_point retry_at_{};
};

}  // namespace suture::respond
