// The monitor's eth_subscribe feed (respond/chain_feed.hpp) against a
// scripted WebSocket node: subscriptions, notifications sorted into heads and
// pending hashes, a dropped connection reported and reconnected after the
// back-off, a node refusing newPendingTransactions.
#include <gtest/gtest.h>

#include <atomic>

#include "chain/scripted_ws_server.hpp"
#include "core/hex.hpp"
#include "respond/chain_feed.hpp"

namespace suture::respond {
namespace {

using namespace std::chrono_literals;
using chain::testing_support::ScriptedWsServer;
using chain::testing_support::WsPeer;
using chain::ws::Opcode;
using nlohmann::json;

const std::string kHash = "0x" + std::string(63, '0') + "7";

std::string notice(const std::string& sub, const json& result) {
    return json{{"jsonrpc", "2.0"}, {"method", "eth_subscription"}, {"params", {{"subscription", sub}, {"result", result}}}}.dump();
}

// A node that answers eth_subscribe (refusing newPendingTransactions when
// told), then per connection sends a head and a pending hash, and drops the
// first connection without a close frame.
void node_script(WsPeer& p, int connection, bool pending_refused) {
    p.accept();
    for (int i = 0; i < 2; ++i) {
        auto f = p.read_frame();
        if (f.opcode != Opcode::text) return;
        auto j = json::parse(f.payload);
        const std::string kind = j["params"][0];
        if (kind == "newPendingTransactions" && pending_refused) {
            p.send(Opcode::text, json{{"jsonrpc", "2.0"}, {"id", j["id"]}, {"error", {{"code", -32601}, {"message", "not here"}}}}.dump());
            break;
        }
        p.send(Opcode::text, json{{"jsonrpc", "2.0"}, {"id", j["id"]}, {"result", kind == "newHeads" ? "0xh" : "0xp"}}.dump());
    }
    p.send(Opcode::text, notice("0xh", {{"number", "0x" + std::to_string(connection)}}));
    p.send(Opcode::text, notice("0xp", kHash));
    if (connection == 1) return p.close_socket();
    p.read_frame();
}

TEST(ChainFeed, WakesOnHeadsAndPendingAndReconnectsAfterADrop) {
    std::atomic<int> n{0};
    ScriptedWsServer node([&](WsPeer& p) { node_script(p, ++n, false); });
    ChainFeedOptions o;
    o.url = node.url();
    o.pending = true;
    o.min_backoff = 50ms;
    ChainFeed feed(o);
    EXPECT_FALSE(feed.live());

    // Subscribed, a head and a pending hash, then the drop (possibly all in one wait).
    std::vector<ChainFeed::Change> changes;
    uint64_t heads = 0;
    std::vector<Bytes32> pending;
    for (int i = 0; i < 10 && (changes.empty() || changes.back().kind != ChainFeed::Change::Kind::lost); ++i) {
        auto w = feed.wait(5s);
        changes.insert(changes.end(), w.changes.begin(), w.changes.end());
        heads += w.heads;
        pending.insert(pending.end(), w.pending.begin(), w.pending.end());
    }
    ASSERT_EQ(changes.size(), 2u);
    EXPECT_EQ(changes[0].kind, ChainFeed::Change::Kind::subscribed);
    EXPECT_EQ(changes[0].message, "following via eth_subscribe (newHeads, newPendingTransactions) at " + node.url());
    EXPECT_EQ(heads, 1u);
    ASSERT_EQ(pending.size(), 1u);
    EXPECT_EQ(to_hex(pending[0]), kHash);
    // The node dropped the connection: reported, then nothing until the back-off passed.
    EXPECT_EQ(changes[1].kind, ChainFeed::Change::Kind::lost);
    EXPECT_NE(changes[1].error->message.find("without a close frame"), std::string::npos) << changes[1].error->message;
    EXPECT_NE(changes[1].message.find("polling until it is back; next attempt in 50 ms"), std::string::npos);
    EXPECT_FALSE(feed.live());
    EXPECT_TRUE(feed.wait(0ms).changes.empty()) << "no attempt before the back-off";
    std::this_thread::sleep_for(60ms);
    auto back = feed.wait(5s);
    ASSERT_GE(back.changes.size(), 1u);
    EXPECT_EQ(back.changes[0].kind, ChainFeed::Change::Kind::subscribed);
    EXPECT_TRUE(feed.live());
    EXPECT_EQ(n.load(), 2);
}

TEST(ChainFeed, PendingRefusedLeavesHeadsAndUnreachableIsReported) {
    ScriptedWsServer node([&](WsPeer& p) { node_script(p, 2, true); });
    ChainFeedOptions o;
    o.url = node.url();
    o.pending = true;
    ChainFeed feed(o);
    auto w = feed.wait(5s);
    ASSERT_EQ(w.changes.size(), 1u);
    EXPECT_NE(w.changes[0].message.find("(newHeads) at " + node.url() + "; pending transactions by filter"),
              std::string::npos) << w.changes[0].message;
    EXPECT_TRUE(feed.live());
    EXPECT_FALSE(feed.pending_live());

    ChainFeedOptions gone;
    gone.url = "ws://127.0.0.1:1";
    gone.min_backoff = 100ms;
    ChainFeed none(gone);
    auto r = none.wait(1s);
    ASSERT_EQ(r.changes.size(), 1u);
    EXPECT_EQ(r.changes[0].kind, ChainFeed::Change::Kind::retry_failed);
    EXPECT_NE(r.changes[0].error->message.find("connecting"), std::string::npos);
    EXPECT_NE(r.changes[0].message.find("next attempt in 100 ms"), std::string::npos);
    std::this_thread::sleep_for(110ms);
    auto r2 = none.wait(0ms);
    ASSERT_EQ(r2.changes.size(), 1u);
    EXPECT_NE(r2.changes[0].message.find("next attempt in 200 ms"), std::string::npos) << "the back-off doubles";
}

}  // namespace
}  // namespace suture::respond
