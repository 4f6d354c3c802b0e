// A WebSocket client (RFC 6455) over a plain TCP socket: the transport of
// eth_subscribe (rpc_subscription.hpp). Debian 12's libcurl has no WebSocket
// support, so the opening handshake and the framing are ours.
//
//   auto ws = WebSocketClient::connect("ws://127.0.0.1:8545");
//   ws->send_text(R"({"jsonrpc":"2.0","id":1,"method":"eth_subscribe","params":["newHeads"]})");
//   auto msg = ws->receive(std::chrono::seconds(1));   // nullopt: nothing within a second
//
// URLs: ws://host[:port][/path][?query]. wss:// (TLS) is refused as
// unsupported for now; a caller falls back to polling over HTTP(S).
//
// Protocol: the handshake sends a random 16-byte Sec-WebSocket-Key and
// refuses an answer that is not 101 with Upgrade: websocket and the matching
// Sec-WebSocket-Accept (§4.1). Every frame sent is masked with a fresh key
// (§5.3). receive() reassembles fragmented messages, answers pings with a
// pong, ignores pongs, and answers a Close from the server before reporting
// it as an error. A message longer than max_message_bytes is refused.
//
// Failures: every error is of kind chain and reads "WebSocket URL: STEP: what"
// (URL redacted as redact_url does; STEP one of resolving, connecting,
// handshake, sending, reading, closed). After an error the client is closed;
// a caller connects again.
//
// Thread safety: none; one thread drives a client.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace suture::chain {

struct WebSocketOptions {
    std::chrono::milliseconds connect_timeout{5000};  // TCP connect, then the handshake again this long
    // A send that cannot complete, or a frame begun and not finished, within this is an error.
    std::chrono::milliseconds io_timeout{10000};
    size_t max_message_bytes = size_t{16} << 20;
};

// §4.2.2: base64(SHA-1(key + "258EAFA5-E914-47DA-95CA-C5AB0DC85B11")).
std::string websocket_accept(std::string_view key);

class WebSocketClient {
public:
    // Connects and completes the opening handshake.
    static Result<std::unique_ptr<WebSocketClient>> connect(const std::string& url, WebSocketOptions options = {});
    ~WebSocketClient();  // closes the socket (no close handshake: call close() for one)
    WebSocketClient(const WebSocketClient&) = delete;
    WebSocketClient& operator=(const WebSocketClient&) = delete;

    // One text message (one frame, masked).
    Status send_text(std::string_view message);
    // The next data message (text or binary payload); nullopt when none
    // completed within `wait` (a part already read is kept for the next call).
    Result<std::optional<std::string>> receive(std::chrono::milliseconds wait);
    // The close handshake (§7.1.2): Close 1000, then waits (io_timeout) for
    // the server's Close, then closes the socket. Closing a closed client is a no-op.
    Status close();

    bool is_open() const { return fd_ >= 0; }
    const std::string& url() const { return url_; }  // redacted

private:
    WebSocketClient(int fd, std::string url, WebSocketOptions options);
    Error fail(std::string_view step, const std::string& what);  // closes; the error to return
    Status send_frame(int opcode, std::string_view payload);
    Status handshake(const std::string& host_header, const std::string& path);
    // Reads what the socket has within `until`; false on timeout. Errors: closed, failed.
    Result<bool> fill(std::chrono::steady_clock::time_point until);

    int fd_ = -1;
    std::string url_;
    WebSocketOptions options_;
    std::string in_;                        // bytes read, not yet decoded
    std::optional<std::string> message_;    // a fragmented message being assembled
    std::optional<std::chrono::steady_clock::time_point> partial_since_;  // a frame begun at
};

}  // namespace suture::chain
