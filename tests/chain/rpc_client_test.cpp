// RpcClient against a scripted local HTTP server (retries, node errors,
// batches) and a dead endpoint. Real-node behaviour: tests/integration/chain_rpc_test.cpp.
#include "chain/rpc_client.hpp"

#include "chain/scripted_server.hpp"

#include <gtest/gtest.h>

#include <chrono>

namespace suture::chain {
namespace {

using nlohmann::json;
using testing_support::ScriptedServer;

RpcOptions fast_options() {
    RpcOptions o;
    o.max_retries = 3;
    o.initial_backoff = std::chrono::milliseconds(5);
    o.connect_timeout = std::chrono::milliseconds(1000);
    o.request_timeout = std::chrono::milliseconds(3000);
    return o;
}

TEST(RedactUrl, DropsCredentialsPathAndQuery) {
    EXPECT_EQ(redact_url("https://user:pw@mainnet.example.com/v3/KEY?x=1"), "https://mainnet.example.com/...");
    EXPECT_EQ(redact_url("http://127.0.0.1:8545"), "http://127.0.0.1:8545");
    EXPECT_EQ(redact_url("http://127.0.0.1:8545/"), "http://127.0.0.1:8545");
}

TEST(RpcClient, ReturnsTheResult) {
    ScriptedServer s({{200, R"({"jsonrpc":"2.0","id":{id},"result":"0x7a69"})"}});
    RpcClient rpc(s.url(), fast_options());
    auto id = rpc.chain_id();
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(*id, 31337u);
    json sent = json::parse(s.last_body());
    EXPECT_EQ(sent["jsonrpc"], "2.0");
    EXPECT_EQ(sent["method"], "eth_chainId");
}

TEST(RpcClient, Retries5xxAnd429ThenSucceeds) {
    ScriptedServer s({{503, "busy"}, {429, "slow down"}, {200, R"({"jsonrpc":"2.0","id":{id},"result":"0x10"})"}});
    RpcClient rpc(s.url(), fast_options());
    auto n = rpc.block_number();
    ASSERT_TRUE(n.ok()) << n.error().message;
    EXPECT_EQ(*n, 16u);
    EXPECT_EQ(s.requests(), 3);
}

TEST(RpcClient, GivesUpAfterBoundedRetries) {
    ScriptedServer s({{502, "bad gateway"}});
    RpcClient rpc(s.url(), fast_options());
    auto n = rpc.block_number();
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(s.requests(), 4);  // first attempt + max_retries
    EXPECT_EQ(n.error().kind, ErrorKind::chain);
    const auto& m = n.error().message;
    EXPECT_NE(m.find("eth_blockNumber"), std::string::npos) << m;
    EXPECT_NE(m.find("HTTP 502"), std::string::npos) << m;
    EXPECT_EQ(m.find("pw"), std::string::npos) << m;      // no credentials
    EXPECT_EQ(m.find("apikey"), std::string::npos) << m;  // no path (API keys live there)
}

TEST(RpcClient, NodeErrorIsNeverRetriedAndIsNamed) {
    ScriptedServer s({{200, R"({"jsonrpc":"2.0","id":{id},"error":{"code":-32000,"message":"nonce too low"}})"}});
    RpcClient rpc(s.url(), fast_options());
    Bytes tx = {0x01, 0x02};
    auto h = rpc.send_raw_transaction(tx);
    ASSERT_FALSE(h.ok());
    EXPECT_EQ(s.requests(), 1);
    const auto& m = h.error().message;
    EXPECT_NE(m.find("eth_sendRawTransaction"), std::string::npos) << m;
    EXPECT_NE(m.find("-32000"), std::string::npos) << m;
    EXPECT_NE(m.find("nonce too low"), std::string::npos) << m;
}

TEST(RpcClient, NodeErrorWithHttp500IsNotRetried) {
    ScriptedServer s({{500, R"({"jsonrpc":"2.0","id":{id},"error":{"code":-32601,"message":"method not found"}})"}});
    RpcClient rpc(s.url(), fast_options());
    auto r = rpc.request("foo_bar");
    ASSERT_FALSE(r.ok());
    EXPECT_EQ(s.requests(), 1);
    EXPECT_NE(r.error().message.find("method not found"), std::string::npos);
}

TEST(RpcClient, MalformedAnswerIsAChainError) {
    ScriptedServer s({{200, R"({"jsonrpc":"2.0","id":{id},"result":"0xzz"})"}});
    RpcClient rpc(s.url(), fast_options());
    auto n = rpc.block_number();
    ASSERT_FALSE(n.ok());
    EXPECT_NE(n.error().message.find("eth_blockNumber"), std::string::npos) << n.error().message;
    EXPECT_NE(n.error().message.find("malformed"), std::string::npos) << n.error().message;
}

TEST(RpcClient, BatchMatchesResponsesById) {
    // Answers out of order; the client must put them back in request order.
    // A fresh client numbers its requests from 1.
    ScriptedServer s2({{200, R"([{"jsonrpc":"2.0","id":2,"error":{"code":3,"message":"execution reverted"}},)"
                             R"({"jsonrpc":"2.0","id":1,"result":"0x1"}])"}});
    RpcClient rpc(s2.url(), fast_options());
    auto r = rpc.batch({{"eth_blockNumber", json::array()}, {"eth_call", json::array()}});
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_EQ(r->size(), 2u);
    EXPECT_EQ((*r)[0].result, "0x1");
    ASSERT_TRUE((*r)[1].error.has_value());
    EXPECT_EQ((*r)[1].error->code, 3);
    json sent = json::parse(s2.last_body());
    ASSERT_TRUE(sent.is_array());
    EXPECT_EQ(sent.size(), 2u);
}

TEST(RpcClient, DeadEndpointFailsFastNamingTheMethod) {
    // Bind then close a port: nothing listens there, so connections are refused.
    int port = 0;
    close(testing_support::bind_loopback(&port));
    RpcClient rpc("http://127.0.0.1:" + std::to_string(port));  // default options
    auto start = std::chrono::steady_clock::now();
    auto id = rpc.chain_id();
    auto elapsed = std::chrono::steady_clock::now() - start;
    ASSERT_FALSE(id.ok());
    EXPECT_EQ(id.error().kind, ErrorKind::chain);
    EXPECT_NE(id.error().message.find("eth_chainId"), std::string::npos) << id.error().message;
    EXPECT_NE(id.error().message.find("127.0.0.1"), std::string::npos) << id.error().message;
    EXPECT_LT(elapsed, std::chrono::seconds(3));  // default back-off: 0.1 + 0.2 + 0.4 s
}

}  // namespace
}  // namespace suture::chain
