// A scripted local HTTP server for RPC client tests (no node needed).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <cctype>
#include <functional>
#include <string>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

namespace suture::chain::testing_support {

using nlohmann::json;

// A TCP socket bound to 127.0.0.1 on a port the kernel picks; *port receives it.
inline int bind_loopback(int* port) {
    int fd = socket(AF_INET, SOCK_STREAM, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    bind(fd, reinterpret_cast<sockaddr*>(&a), sizeof a);
    getsockname(fd, reinterpret_cast<sockaddr*>(&a), &len);
    *port = ntohs(a.sin_port);
    return fd;
}

// One HTTP/1.1 request as LoopbackServer read it.
struct HttpRequest {
    std::string head;  // request line and headers
    std::string body;
};
struct HttpReply {
    int status = 200;
    std::string body;
    std::string content_type = "application/json";
};

// A one-thread HTTP/1.1 server on a loopback port: reads each request (the
// headers, then Content-Length bytes of body), answers with what `handle`
// returns and closes the connection. Tests' nodes and receivers, and the
// benchmarks' synthetic node, are a handler over it.
class LoopbackServer {
public:
    using Handler = std::function<HttpReply(const HttpRequest&)>;
    explicit LoopbackServer(Handler handle, int backlog = 16) : handle_(std::move(handle)) {
        fd_ = bind_loopback(&port_);
        listen(fd_, backlog);
        thread_ = std::thread([this] { serve(); });
    }
    ~LoopbackServer() {
        stop_ = true;
        shutdown(fd_, SHUT_RDWR);
        close(fd_);
        thread_.join();
    }
    LoopbackServer(const LoopbackServer&) = delete;
    LoopbackServer& operator=(const LoopbackServer&) = delete;
    int port() const { return port_; }
    // "http://127.0.0.1:PORT" + path.
    std::string url(const std::string& path = "") const { return "http://127.0.0.1:" + std::to_string(port_) + path; }

private:
    static HttpRequest read_request(int c) {
        std::string req;
        char buf[65536];
        size_t body_at = std::string::npos, want = 0;
        for (;;) {
            ssize_t n = recv(c, buf, sizeof buf, 0);
            if (n <= 0) break;
            req.append(buf, static_cast<size_t>(n));
            if (body_at == std::string::npos && (body_at = req.find("\r\n\r\n")) != std::string::npos) {
                body_at += 4;
                std::string head = req.substr(0, body_at);
                std::transform(head.begin(), head.end(), head.begin(), [](unsigned char ch) { return std::tolower(ch); });
                auto cl = head.find("content-length:");
                want = cl == std::string::npos ? 0 : std::stoul(head.substr(cl + 15));
            }
            if (body_at != std::string::npos && req.size() >= body_at + want) break;
        }
        if (body_at == std::string::npos) return {req, ""};
        return {req.substr(0, body_at), req.substr(body_at)};
    }
    void serve() {
        while (!stop_) {
            int c = accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            HttpReply r = handle_(read_request(c));
            std::string resp = "HTTP/1.1 " + std::to_string(r.status) + " X\r\nContent-Type: " + r.content_type +
                               "\r\nConnection: close\r\nContent-Length: " + std::to_string(r.body.size()) +
                               "\r\n\r\n" + r.body;
            for (size_t off = 0; off < resp.size();) {
                ssize_t n = send(c, resp.data() + off, resp.size() - off, MSG_NOSIGNAL);
                if (n <= 0) break;
                off += static_cast<size_t>(n);
            }
            close(c);
        }
    }
    Handler handle_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::thread thread_;
};

// Answers each POST with the next scripted (status, body); "{id}" in a body
// is replaced by the request's id(s).
class ScriptedServer {
public:
    struct Reply { int status; std::string body; };
    explicit ScriptedServer(std::vector<Reply> replies)
        : replies_(std::move(replies)), server_([this](const HttpRequest& req) { return answer(req); }, 8) {}
    std::string url() const { return "http://user:pw@127.0.0.1:" + std::to_string(server_.port()) + "/v3/apikey"; }
    int requests() const { return count_; }
    const std::string& last_body() const { return last_body_; }

private:
    HttpReply answer(const HttpRequest& req) {
        last_body_ = req.body;
        Reply r = replies_[std::min<size_t>(count_, replies_.size() - 1)];
        ++count_;
        json j = json::parse(req.body, nullptr, false);
        std::string id = j.is_object() ? j["id"].dump() : "1";
        for (size_t p; (p = r.body.find("{id}")) != std::string::npos;) r.body.replace(p, 4, id);
        return {r.status, std::move(r.body)};
    }
    std::vector<Reply> replies_;
    std::atomic<int> count_{0};
    std::string last_body_;
    LoopbackServer server_;  // last: its thread starts once the rest is ready, and stops first
};

}  // namespace suture::chain::testing_support
