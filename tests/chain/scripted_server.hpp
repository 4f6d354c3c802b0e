// A scripted local HTTP server for RPC client tests (no node needed).
#pragma once

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
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

// A one-thread HTTP/1.1 server answering each POST with the next scripted
// (status, body); "{id}" in a body is replaced by the request's id(s).
class ScriptedServer {
public:
    struct Reply { int status; std::string body; };
    explicit ScriptedServer(std::vector<Reply> replies) : replies_(std::move(replies)) {
        fd_ = bind_loopback(&port_);
        listen(fd_, 8);
        thread_ = std::thread([this] { serve(); });
    }
    ~ScriptedServer() {
        stop_ = true;
        shutdown(fd_, SHUT_RDWR);
        close(fd_);
        thread_.join();
    }
    std::string url() const { return "http://user:pw@127.0.0.1:" + std::to_string(port_) + "/v3/apikey"; }
    int requests() const { return count_; }
    const std::string& last_body() const { return last_body_; }

private:
    void serve() {
        while (!stop_) {
            int c = accept(fd_, nullptr, nullptr);
            if (c < 0) return;
            std::string req;
            char buf[4096];
            size_t need = std::string::npos;
            while (true) {
                ssize_t n = recv(c, buf, sizeof buf, 0);
                if (n <= 0) break;
                req.append(buf, static_cast<size_t>(n));
                auto hdr_end = req.find("\r\n\r\n");
                if (hdr_end != std::string::npos && need == std::string::npos) {
                    auto cl = req.find("Content-Length: ");
                    need = hdr_end + 4 + (cl == std::string::npos ? 0 : std::stoul(req.substr(cl + 16)));
                }
                if (need != std::string::npos && req.size() >= need) break;
            }
            std::string body = req.substr(req.find("\r\n\r\n") + 4);
            last_body_ = body;
            Reply r = replies_[std::min<size_t>(count_, replies_.size() - 1)];
            ++count_;
            json j = json::parse(body, nullptr, false);
            std::string id = j.is_object() ? j["id"].dump() : "1";
            for (size_t p; (p = r.body.find("{id}")) != std::string::npos;) r.body.replace(p, 4, id);
            std::string resp = "HTTP/1.1 " + std::to_string(r.status) + " X\r\nContent-Type: application/json\r\n"
                               "Connection: close\r\nContent-Length: " + std::to_string(r.body.size()) + "\r\n\r\n" + r.body;
            send(c, resp.data(), resp.size(), MSG_NOSIGNAL);
            close(c);
        }
    }
    std::vector<Reply> replies_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false};
    std::atomic<int> count_{0};
    std::string last_body_;
    std::thread thread_;
};

}  // namespace suture::chain::testing_support
