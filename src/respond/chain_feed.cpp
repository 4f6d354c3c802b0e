#include "respond/chain_feed.hpp"

#include <algorithm>

#include "chain/rpc_client.hpp"
#include "chain/rpc_json.hpp"

namespace suture::respond {

using Clock = std::chrono::steady_clock;

ChainFeed::ChainFeed(ChainFeedOptions options)
    : options_(std::move(options)), shown_(chain::redact_url(options_.url)), backoff_(options_.min_backoff) {}

ChainFeed::~ChainFeed() {
    if (sub_) (void)sub_->close();
}

void ChainFeed::drop(Wake& out, const Error& e) {
    const bool was_live = sub_ != nullptr;
    sub_.reset();
    heads_id_.reset();
    pending_id_.reset();
    retry_at_ = Clock::now() + backoff_;
    Change c;
    c.kind = was_live ? Change::Kind::lost : Change::Kind::retry_failed;
    c.error = e;
    c.message = (was_live ? "eth_subscribe at " + shown_ + " lost: polling until it is back; next attempt in "
                          : "eth_subscribe at " + shown_ + " unavailable: polling; next attempt in ") +
                std::to_string(backoff_.count()) + " ms";
    out.changes.push_back(std::move(c));
    backoff_ = std::min(backoff_ * 2, options_.max_backoff);
}

void ChainFeed::connect(Wake& out) {
    auto s = chain::RpcSubscriber::connect(options_.url, options_.ws);
    if (!s) return drop(out, s.error());
    auto heads = (*s)->subscribe("newHeads");
    if (!heads) return drop(out, heads.error());
    std::string what = "newHeads";
    std::string note;
    if (options_.pending) {
        auto p = (*s)->subscribe("newPendingTransactions");
        if (p) {
            pending_id_ = *p;
            what += ", newPendingTransactions";
        } else if ((*s)->is_open()) {
            note = "; pending transactions by filter (" + p.error().message + ")";
        } else {
            return drop(out, p.error());
        }
    }
    heads_id_ = *heads;
    sub_ = std::move(*s);
    backoff_ = options_.min_backoff;
    Change c;
    c.kind = Change::Kind::subscribed;
    c.message = "following via eth_subscribe (" + what + ") at " + shown_ + note;
    out.changes.push_back(std::move(c));
}

ChainFeed::Wake ChainFeed::wait(std::chrono::milliseconds wait) {
    Wake out;
    if (!sub_) {
        if (Clock::now() < retry_at_) return out;
        connect(out);
        if (!sub_) return out;
    }
    auto left = wait;
    for (;;) {
        auto n = sub_->next(left);
        if (!n) {
            drop(out, n.error());
            return out;
        }
        if (!*n) return out;
        if (!out.woken()) out.first_at = Clock::now();
        if ((*n)->subscription == heads_id_) {
            ++out.heads;
        } else if ((*n)->subscription == pending_id_) {
            // Geth and anvil send the hash; some nodes the whole transaction.
            const auto& r = (*n)->result;
            auto hash = chain::parse_bytes32(r.is_object() ? r.value("hash", nlohmann::json()) : r, "hash");
            if (hash) out.pending.push_back(*hash);
        }
        left = std::chrono::milliseconds(0);  // take what is already there, no more waiting
    }
}

}  // namespace suture::respond
