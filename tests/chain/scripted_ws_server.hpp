// A scripted local WebSocket server for the WebSocket client tests: accepts
// connections on a loopback port, reads the opening handshake and runs a
// script per connection on its own thread. The script answers the handshake
// (or not) and exchanges frames through a WsPeer, in the style of
// scripted_server.hpp's HTTP servers.
#pragma once

#include <poll.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include "chain/websocket_client.hpp"
#include "chain/websocket_frame.hpp"
#include "scripted_server.hpp"

namespace suture::chain::testing_support {

// The server's end of one connection.
class WsPeer {
public:
    explicit WsPeer(int fd) : fd_(fd) {}
    // The client's handshake request (headers), read on construction of the script's turn.
    const std::string& request() const { return request_; }
    std::string key() const {
        auto at = request_.find("Sec-WebSocket-Key: ");
        if (at == std::string::npos) return "";
        at += 19;
        return request_.substr(at, request_.find("\r\n", at) - at);
    }
    // 101 with the right Sec-WebSocket-Accept, or `accept` instead when given.
    void accept(const std::string& accept_value = "") {
        send_raw("HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                 "Sec-WebSocket-Accept: " + (accept_value.empty() ? websocket_accept(key()) : accept_value) + "\r\n\r\n");
    }
    void send_raw(const std::string& bytes) {
        for (size_t off = 0; off < bytes.size();) {
            ssize_t n = ::send(fd_, bytes.data() + off, bytes.size() - off, MSG_NOSIGNAL);
            if (n <= 0) return;
            off += static_cast<size_t>(n);
        }
    }
    void send(ws::Opcode op, const std::string& payload, bool fin = true) {
        send_raw(ws::encode_frame(op, payload, fin, std::nullopt));
    }
    // The next frame from the client (which must be masked); a frame with
    // opcode close and payload "EOF" when the connection ends first.
    ws::Frame read_frame() {
        for (;;) {
            auto d = ws::decode_frame(in_, size_t{1} << 30, ws::Masking::required);
            if (!d) return {true, ws::Opcode::close, "ERROR " + d.error().message};
            if (*d) {
                in_.erase(0, (*d)->size);
                return (*d)->frame;
            }
            if (!fill()) return {true, ws::Opcode::close, "EOF"};
        }
    }
    // Reads the handshake request (up to the blank line).
    void read_request() {
        while (in_.find("\r\n\r\n") == std::string::npos)
            if (!fill()) return;
        auto end = in_.find("\r\n\r\n") + 4;
        request_ = in_.substr(0, end);
        in_.erase(0, end);
    }
    void close_socket() {
        ::shutdown(fd_, SHUT_RDWR);
    }

private:
    bool fill() {
        pollfd p{fd_, POLLIN, 0};
        if (::poll(&p, 1, 10000) <= 0) return false;
        char buf[65536];
        ssize_t n = ::recv(fd_, buf, sizeof buf, 0);
        if (n <= 0) return false;
        in_.append(buf, static_cast<size_t>(n));
        return true;
    }
    int fd_;
    std::string in_, request_;
};

// Runs `script` for each connection accepted (in turn), after reading the
// handshake request; closes the connection when the script returns.
class ScriptedWsServer {
public:
    using Script = std::function<void(WsPeer&)>;
    explicit ScriptedWsServer(Script script) : script_(std::move(script)) {
        fd_ = bind_loopback(&port_);
        listen(fd_, 8);
        thread_ = std::thread([this] { serve(); });
    }
    ~ScriptedWsServer() {
        shutdown(fd_, SHUT_RDWR);
        close(fd_);
        thread_.join();
    }
    ScriptedWsServer(const ScriptedWsServer&) = delete;
    ScriptedWsServer& operator=(const ScriptedWsServer&) = delete;
    std::string url(const std::string& path = "") const { return "ws://127.0.0.1:" + std::to_string(port_) + path; }
    int connections() const { return connections_; }
    // Waits (bounded, 10 s) until `n` scripts have returned: what they saw is then safe to read.
    void wait_scripts(int n) const {
        for (int i = 0; i < 1000 && done_ < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(10));
    }

private:
    void serve() {
        for (;;) {
            int c = accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            ++connections_;
            WsPeer peer(c);
            peer.read_request();
            script_(peer);
            close(c);
            ++done_;
        }
    }
    Script script_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<int> connections_{0};
    std::atomic<int> done_{0};
    std::thread thread_;
};

}  // namespace suture::chain::testing_support
