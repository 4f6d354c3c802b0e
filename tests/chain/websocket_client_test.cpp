// The WebSocket client (chain/websocket_client.hpp), its frame codec and the
// JSON-RPC subscriber over it, against scripted servers on a loopback socket.
#include <gtest/gtest.h>

#include <mutex>

#include "chain/rpc_subscription.hpp"
#include "chain/websocket_client.hpp"
#include "chain/websocket_frame.hpp"
#include "scripted_ws_server.hpp"

namespace suture::chain {
namespace {

using namespace std::chrono_literals;
using testing_support::ScriptedWsServer;
using testing_support::WsPeer;
using ws::Opcode;

std::string error_of(const Status& s) { return s ? "" : s.error().message; }

TEST(WebSocketFrame, LengthsRoundTripInTheirShortestForm) {
    const ws::MaskKey key{0x12, 0x34, 0x56, 0x78};
    // 7-bit, the 16-bit boundary both sides, the 64-bit form.
    for (size_t n : {size_t{0}, size_t{125}, size_t{126}, size_t{65535}, size_t{65536}}) {
        const std::string payload(n, 'x');
        const std::string plain = ws::encode_frame(Opcode::binary, payload, true, std::nullopt);
        const size_t header = n < 126 ? 2 : n <= 65535 ? 4 : 10;
        EXPECT_EQ(plain.size(), header + n) << n;
        auto d = ws::decode_frame(plain, n, ws::Masking::forbidden);
        ASSERT_TRUE(d.ok() && *d) << n;
        EXPECT_EQ((*d)->frame.payload, payload);
        EXPECT_EQ((*d)->size, plain.size());
        const std::string masked = ws::encode_frame(Opcode::text, payload, false, key);
        EXPECT_EQ(masked.size(), header + 4 + n);
        auto m = ws::decode_frame(masked, n, ws::Masking::required);
        ASSERT_TRUE(m.ok() && *m) << n;
        EXPECT_EQ((*m)->frame.payload, payload);
        EXPECT_FALSE((*m)->frame.fin);
        // Every prefix is "not yet".
        for (size_t cut : {size_t{1}, header - 1, masked.size() - 1})
            if (cut < masked.size()) {
                auto part = ws::decode_frame(masked.substr(0, cut), n, ws::Masking::required);
                EXPECT_TRUE(part.ok() && !*part) << n << " cut " << cut;
            }
    }
    // §5.3: the masked bytes are the payload XOR the key.
    const std::string f = ws::encode_frame(Opcode::text, "abcde", true, key);
    EXPECT_EQ(static_cast<uint8_t>(f[6]), 'a' ^ 0x12);
    EXPECT_EQ(static_cast<uint8_t>(f[10]), 'e' ^ 0x12);
}

TEST(WebSocketFrame, ProtocolErrorsAreRefused) {
    struct Case {
        std::string bytes;
        ws::Masking masking;
        const char* error;
    };
    const std::string ping126 = ws::encode_frame(Opcode::ping, std::string(126, 'p'), true, std::nullopt);
    const std::vector<Case> cases = {
        {std::string("\xC1\x00", 2), ws::Masking::forbidden, "reserved bits"},
        {std::string("\x83\x00", 2), ws::Masking::forbidden, "reserved opcode 3"},
        {std::string("\x09\x00", 2), ws::Masking::forbidden, "fragmented control frame"},
        {ping126, ws::Masking::forbidden, "control frame of 126 bytes"},
        {std::string("\x81\x7E\x00\x10", 4), ws::Masking::forbidden, "not in its shortest form"},
        {std::string("\x81\x7F\x00\x00\x00\x00\x00\x00\x01\x00", 10), ws::Masking::forbidden, "not in its shortest form"},
        {std::string("\x81\x7F\x80\x00\x00\x00\x00\x00\x00\x00", 10), ws::Masking::forbidden, "most significant bit"},
        {std::string("\x81\x85\x01\x02\x03\x04", 6), ws::Masking::forbidden, "masked frame from the server"},
        {std::string("\x81\x05hello", 7), ws::Masking::required, "unmasked frame from the client"},
        {ws::encode_frame(Opcode::text, std::string(11, 'x'), true, std::nullopt), ws::Masking::forbidden, "exceeds the limit of 10"},
    };
    for (const auto& c : cases) {
        auto d = ws::decode_frame(c.bytes, 10, c.masking);
        ASSERT_FALSE(d.ok()) << c.error;
        EXPECT_NE(d.error().message.find(c.error), std::string::npos) << d.error().message;
    }
    EXPECT_EQ(ws::describe_close(ws::close_payload(1001, "going away")), "1001 going away");
    EXPECT_EQ(ws::describe_close(""), "no status");
}

TEST(WebSocketClient, HandshakeThenMaskedFramesBothWays) {
    std::string request, got;
    bool masked = false;
    ScriptedWsServer server([&](WsPeer& p) {
        request = p.request();
        p.accept();
        // decode_frame(Masking::required) refuses an unmasked frame: reading it proves the mask.
        ws::Frame f = p.read_frame();
        masked = f.opcode == Opcode::text;
        got = f.payload;
        p.send(Opcode::text, "echo " + f.payload);
        p.read_frame();  // until the client goes
    });
    auto c = WebSocketClient::connect(server.url("/rpc?x=1"));
    ASSERT_TRUE(c.ok()) << c.error().message;
    ASSERT_TRUE((*c)->send_text("hello").ok());
    auto m = (*c)->receive(5s);
    ASSERT_TRUE(m.ok()) << m.error().message;
    ASSERT_TRUE(*m);
    EXPECT_EQ(**m, "echo hello");
    (*c).reset();
    server.wait_scripts(1);
    EXPECT_TRUE(masked);
    EXPECT_EQ(got, "hello");
    EXPECT_EQ(request.rfind("GET /rpc?x=1 HTTP/1.1\r\n", 0), 0u) << request;
    EXPECT_NE(request.find("Sec-WebSocket-Version: 13\r\n"), std::string::npos);
    EXPECT_NE(request.find("Upgrade: websocket\r\n"), std::string::npos);
}

TEST(WebSocketClient, RandomKeysAndAWrongAcceptIsRefused) {
    std::vector<std::string> keys;
    std::mutex mu;
    ScriptedWsServer server([&](WsPeer& p) {
        std::lock_guard<std::mutex> lock(mu);
        keys.push_back(p.key());
        p.accept("dGhlIHNhbXBsZSBub25jZQ==");  // an accept for some other key
    });
    for (int i = 0; i < 2; ++i) {
        auto c = WebSocketClient::connect(server.url());
        ASSERT_FALSE(c.ok());
        EXPECT_NE(c.error().message.find("WebSocket " + server.url() + ": handshake: Sec-WebSocket-Accept"),
                  std::string::npos) << c.error().message;
        EXPECT_EQ(c.error().kind, ErrorKind::chain);
    }
    server.wait_scripts(2);
    std::lock_guard<std::mutex> lock(mu);
    ASSERT_EQ(keys.size(), 2u);
    EXPECT_NE(keys[0], keys[1]);
    EXPECT_EQ(keys[0].size(), 24u);  // base64 of 16 bytes
    // RFC 6455 §1.3's worked example.
    EXPECT_EQ(websocket_accept("dGhlIHNhbXBsZSBub25jZQ=="), "s3pPLMBiTxaQ9kYGzzhZRbK+xOo=");
}

TEST(WebSocketClient, NotAnUpgradeAndNoServerAreErrorsNamingTheStep) {
    ScriptedWsServer http([](WsPeer& p) { p.send_raw("HTTP/1.1 200 OK\r\nContent-Length: 0\r\n\r\n"); });
    auto c = WebSocketClient::connect(http.url());
    ASSERT_FALSE(c.ok());
    EXPECT_NE(c.error().message.find("handshake: expected 101 Switching Protocols, got \"HTTP/1.1 200 OK\""),
              std::string::npos) << c.error().message;
    WebSocketOptions quick;
    quick.connect_timeout = 500ms;
    auto refused = WebSocketClient::connect("ws://127.0.0.1:1/x", quick);
    ASSERT_FALSE(refused.ok());
    EXPECT_NE(refused.error().message.find("WebSocket ws://127.0.0.1:1/...: connecting: "), std::string::npos)
        << refused.error().message;
    auto tls = WebSocketClient::connect("wss://example.invalid");
    ASSERT_FALSE(tls.ok());
    EXPECT_EQ(tls.error().kind, ErrorKind::unsupported);
    auto http_url = WebSocketClient::connect("http://127.0.0.1:1");
    ASSERT_FALSE(http_url.ok());
    EXPECT_EQ(http_url.error().kind, ErrorKind::usage);
}

TEST(WebSocketClient, SixteenAndSixtyFourBitLengths) {
    const std::string mid(300, 'm'), big(70000, 'b');
    std::string from_client;
    ScriptedWsServer server([&](WsPeer& p) {
        p.accept();
        p.send(Opcode::text, mid);
        p.send(Opcode::binary, big);
        from_client = p.read_frame().payload;
        p.read_frame();
    });
    auto c = WebSocketClient::connect(server.url());
    ASSERT_TRUE(c.ok()) << c.error().message;
    auto a = (*c)->receive(5s);
    auto b = (*c)->receive(5s);
    ASSERT_TRUE(a.ok() && *a && b.ok() && *b);
    EXPECT_EQ(**a, mid);
    EXPECT_EQ(**b, big);
    ASSERT_TRUE((*c)->send_text(big).ok());
    (*c).reset();
    server.wait_scripts(1);
    EXPECT_EQ(from_client, big);
}

TEST(WebSocketClient, FragmentsAreJoinedAndPingsAnsweredBetweenThem) {
    ws::Frame pong;
    ScriptedWsServer server([&](WsPeer& p) {
        p.accept();
        p.send(Opcode::text, "ab", false);
        p.send(Opcode::ping, "are you there");  // §5.4: control frames may come between fragments
        p.send(Opcode::continuation, "cd", false);
        p.send(Opcode::continuation, "ef", true);
        pong = p.read_frame();
        p.read_frame();
    });
    auto c = WebSocketClient::connect(server.url());
    ASSERT_TRUE(c.ok()) << c.error().message;
    auto m = (*c)->receive(5s);
    ASSERT_TRUE(m.ok()) << m.error().message;
    ASSERT_TRUE(*m);
    EXPECT_EQ(**m, "abcdef");
    (*c).reset();
    server.wait_scripts(1);
    EXPECT_EQ(pong.opcode, Opcode::pong);
    EXPECT_EQ(pong.payload, "are you there");
}

TEST(WebSocketClient, ServerCloseIsAnsweredAndReported) {
    ws::Frame answer;
    ScriptedWsServer server([&](WsPeer& p) {
        p.accept();
        p.send(Opcode::close, ws::close_payload(1001, "going away"));
        answer = p.read_frame();
    });
    auto c = WebSocketClient::connect(server.url());
    ASSERT_TRUE(c.ok()) << c.error().message;
    auto m = (*c)->receive(5s);
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message.find("closed: closed by the server (1001 going away)"), std::string::npos)
        << m.error().message;
    EXPECT_FALSE((*c)->is_open());
    auto again = (*c)->send_text("x");
    EXPECT_NE(error_of(again).find("not connected"), std::string::npos);
    (*c).reset();
    server.wait_scripts(1);
    EXPECT_EQ(answer.opcode, Opcode::close);
    EXPECT_EQ(ws::describe_close(answer.payload), "1001");
}

TEST(WebSocketClient, ClientCloseHandshake) {
    ws::Frame first;
    ScriptedWsServer server([&](WsPeer& p) {
        p.accept();
        first = p.read_frame();
        p.send(Opcode::close, first.payload);
    });
    auto c = WebSocketClient::connect(server.url());
    ASSERT_TRUE(c.ok()) << c.error().message;
    EXPECT_TRUE((*c)->close().ok());
    EXPECT_FALSE((*c)->is_open());
    EXPECT_TRUE((*c)->close().ok());
    server.wait_scripts(1);
    EXPECT_EQ(first.opcode, Opcode::close);
    EXPECT_EQ(ws::describe_close(first.payload), "1000");
}

TEST(WebSocketClient, DroppedMidFrameTooLargeAndMaskedAreErrors) {
    const std::string frame = ws::encode_frame(Opcode::text, std::string(100, 'x'), true, std::nullopt);
    ScriptedWsServer dropped([&](WsPeer& p) {
        p.accept();
        p.send_raw(frame.substr(0, 5));
        p.close_socket();
    });
    auto c = WebSocketClient::connect(dropped.url());
    ASSERT_TRUE(c.ok()) << c.error().message;
    auto m = (*c)->receive(5s);
    ASSERT_FALSE(m.ok());
    EXPECT_NE(m.error().message.find("reading: the connection was closed mid-frame (5 bytes of a frame read)"),
              std::string::npos) << m.error().message;

    ScriptedWsServer big([](WsPeer& p) {
        p.accept();
        p.send(Opcode::text, std::string(600, 'a'), false);
        p.send(Opcode::continuation, std::string(600, 'a'), true);
        p.read_frame();
    });
    WebSocketOptions small;
    small.max_message_bytes = 1000;
    auto b = WebSocketClient::connect(big.url(), small);
    ASSERT_TRUE(b.ok()) << b.error().message;
    auto too_big = (*b)->receive(5s);
    ASSERT_FALSE(too_big.ok());
    EXPECT_NE(too_big.error().message.find("exceeds the limit of 1000 bytes"), std::string::npos)
        << too_big.error().message;

    ScriptedWsServer masking([](WsPeer& p) {
        p.accept();
        p.send_raw(ws::encode_frame(Opcode::text, "hi", true, ws::MaskKey{1, 2, 3, 4}));
        p.read_frame();
    });
    auto k = WebSocketClient::connect(masking.url());
    ASSERT_TRUE(k.ok());
    auto masked = (*k)->receive(5s);
    ASSERT_FALSE(masked.ok());
    EXPECT_NE(masked.error().message.find("masked frame from the server"), std::string::npos);
}

TEST(WebSocketClient, NothingWithinTheWaitIsNoMessage) {
    ScriptedWsServer quiet([](WsPeer& p) {
        p.accept();
        p.send(Opcode::text, "lat", false);  // a message begun, finished later
        p.read_frame();                      // the client's go-ahead
        p.send(Opcode::continuation, "er", true);
        p.read_frame();
    });
    auto c = WebSocketClient::connect(quiet.url());
    ASSERT_TRUE(c.ok());
    auto none = (*c)->receive(20ms);
    ASSERT_TRUE(none.ok()) << none.error().message;
    EXPECT_FALSE(*none);
    ASSERT_TRUE((*c)->send_text("go").ok());
    auto later = (*c)->receive(5s);
    ASSERT_TRUE(later.ok() && *later);
    EXPECT_EQ(**later, "later");
}

TEST(RpcSubscriber, SubscribeNotificationsAndUnsubscribe) {
    std::vector<std::string> methods;
    ScriptedWsServer node([&](WsPeer& p) {
        p.accept();
        for (;;) {
            ws::Frame f = p.read_frame();
            if (f.opcode != Opcode::text) return;
            auto j = nlohmann::json::parse(f.payload);
            methods.push_back(j["method"]);
            const std::string id = j["id"].dump();
            if (j["method"] == "eth_subscribe") {
                // A notification can overtake the answer's successor: sent before it here.
                p.send(Opcode::text, R"({"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0xa","result":{"number":"0x1"}}})");
                p.send(Opcode::text, R"({"jsonrpc":"2.0","id":)" + id + R"(,"result":"0xa"})");
                p.send(Opcode::text, R"({"jsonrpc":"2.0","method":"eth_subscription","params":{"subscription":"0xa","result":{"number":"0x2"}}})");
            } else if (j["method"] == "eth_unsubscribe") {
                const bool known = j["params"][0] == "0xa";
                p.send(Opcode::text, R"({"jsonrpc":"2.0","id":)" + id + ",\"result\":" + (known ? "true" : "false") + "}");
            } else {
                p.send(Opcode::text, R"({"jsonrpc":"2.0","id":)" + id + R"(,"error":{"code":-32601,"message":"no such method"}})");
            }
        }
    });
    auto s = RpcSubscriber::connect(node.url());
    ASSERT_TRUE(s.ok()) << s.error().message;
    auto id = (*s)->subscribe("newHeads");
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(*id, "0xa");
    for (const char* n : {"0x1", "0x2"}) {
        auto got = (*s)->next(5s);
        ASSERT_TRUE(got.ok() && *got) << n;
        EXPECT_EQ((*got)->subscription, "0xa");
        EXPECT_EQ((*got)->result["number"], n);
    }
    auto none = (*s)->next(10ms);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(*none);
    auto bad = (*s)->request("eth_nope");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("eth_nope at " + node.url() + ": node error -32601: no such method"),
              std::string::npos) << bad.error().message;
    EXPECT_TRUE((*s)->unsubscribe("0xa").ok());
    EXPECT_FALSE((*s)->unsubscribe("0xb").ok());
    (*s).reset();
    node.wait_scripts(1);
    EXPECT_EQ(methods, (std::vector<std::string>{"eth_subscribe", "eth_nope", "eth_unsubscribe", "eth_unsubscribe"}));
}

}  // namespace
}  // namespace suture::chain
