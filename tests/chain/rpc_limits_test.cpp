// RpcClient against nodes that misbehave: an answer larger than the limit is
// refused as it arrives, and a node that takes the request and never answers
// is reported while waited for and ends in one time-out (not one per retry).
#include "chain/rpc_client.hpp"

#include "chain/scripted_server.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <string>
#include <vector>

namespace suture::chain {
namespace {

using testing_support::bind_loopback;
using testing_support::ScriptedServer;

TEST(RpcLimits, AnswerLargerThanTheLimitIsRefused) {
    std::string big = R"({"jsonrpc":"2.0","id":{id},"result":")" + std::string(3 << 20, 'a') + "\"}";
    ScriptedServer s({{200, big}});
    RpcOptions o;
    o.max_response_bytes = size_t{1} << 20;
    RpcClient rpc(s.url(), o);
    auto n = rpc.block_number();
    ASSERT_FALSE(n.ok());
    EXPECT_EQ(n.error().kind, ErrorKind::chain);
    EXPECT_NE(n.error().message.find("eth_blockNumber"), std::string::npos) << n.error().message;
    EXPECT_NE(n.error().message.find("larger than the limit of 1 MiB"), std::string::npos) << n.error().message;
    EXPECT_EQ(s.requests(), 1);  // not retried: the node would send it again
}

TEST(RpcLimits, SilentNodeIsReportedWhileWaitedForAndTimesOutOnce) {
    int port = 0;
    int fd = bind_loopback(&port);
    ASSERT_EQ(listen(fd, 8), 0);  // connections complete in the backlog; nobody answers
    RpcOptions o;
    o.request_timeout = std::chrono::milliseconds(1500);
    o.wait_notice = std::chrono::milliseconds(300);
    std::vector<std::string> notices;
    bool ended = false;
    o.on_wait = [&](std::string_view what, std::chrono::milliseconds, bool done) {
        if (done) ended = true;
        else notices.emplace_back(what);
    };
    RpcClient rpc("http://127.0.0.1:" + std::to_string(port), o);
    auto id = rpc.chain_id();
    close(fd);
    ASSERT_FALSE(id.ok());
    EXPECT_NE(id.error().message.find("eth_chainId at http://127.0.0.1:"), std::string::npos) << id.error().message;
    EXPECT_NE(id.error().message.find("no answer within the request time-out of 1.5 s"), std::string::npos)
        << id.error().message;
    EXPECT_EQ(id.error().message.find("attempts"), std::string::npos) << id.error().message;  // not retried
    ASSERT_FALSE(notices.empty());
    EXPECT_EQ(notices[0].rfind("eth_chainId at http://127.0.0.1:", 0), 0u) << notices[0];
    EXPECT_TRUE(ended);
}

}  // namespace
}  // namespace suture::chain
