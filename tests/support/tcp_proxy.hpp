// A loopback TCP proxy whose connections a test can cut: the monitor's
// WebSocket to anvil goes through it, and cut() drops every connection at
// once (as a node restart or a network failure would); refuse(true) then
// closes new connections right after accepting them, until refuse(false).
#pragma once

#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <mutex>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "chain/scripted_server.hpp"

namespace suture::test {

class TcpProxy {
public:
    explicit TcpProxy(int target_port) : target_port_(target_port) {
        fd_ = chain::testing_support::bind_loopback(&port_);
        listen(fd_, 16);
        accept_thread_ = std::thread([this] { serve(); });
    }
    ~TcpProxy() {
        stop_ = true;
        shutdown(fd_, SHUT_RDWR);
        close(fd_);
        accept_thread_.join();
        cut();
        for (auto& t : pipes_) t.join();
    }
    TcpProxy(const TcpProxy&) = delete;
    TcpProxy& operator=(const TcpProxy&) = delete;

    int port() const { return port_; }
    // Drops every open connection (both ends).
    void cut() {
        std::lock_guard<std::mutex> lock(mu_);
        for (auto [a, b] : open_) {
            shutdown(a, SHUT_RDWR);
            shutdown(b, SHUT_RDWR);
        }
    }
    void refuse(bool on) { refuse_ = on; }
    int accepted() const { return accepted_; }

private:
    void serve() {
        for (;;) {
            int c = accept(fd_, nullptr, nullptr);
            if (c < 0 || stop_) {
                if (c >= 0) close(c);
                return;
            }
            ++accepted_;
            if (refuse_) {
                close(c);
                continue;
            }
            int u = socket(AF_INET, SOCK_STREAM, 0);
            sockaddr_in a{};
            a.sin_family = AF_INET;
            a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
            a.sin_port = htons(static_cast<uint16_t>(target_port_));
            if (connect(u, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0) {
                close(u);
                close(c);
                continue;
            }
            std::lock_guard<std::mutex> lock(mu_);
            open_.emplace_back(c, u);
            pipes_.emplace_back([this, c, u] { pipe(c, u); });
        }
    }
    // Copies bytes both ways until either side ends.
    void pipe(int c, int u) {
        pollfd p[2] = {{c, POLLIN, 0}, {u, POLLIN, 0}};
        char buf[65536];
        for (bool done = false; !done;) {
            if (poll(p, 2, 1000) < 0) break;
            for (int i = 0; i < 2 && !done; ++i) {
                if (!(p[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
                ssize_t n = recv(p[i].fd, buf, sizeof buf, 0);
                if (n <= 0 || send(p[1 - i].fd, buf, static_cast<size_t>(n), MSG_NOSIGNAL) != n) done = true;
            }
        }
        std::lock_guard<std::mutex> lock(mu_);
        std::erase(open_, std::make_pair(c, u));
        close(c);
        close(u);
    }
    int target_port_;
    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stop_{false}, refuse_{false};
    std::atomic<int> accepted_{0};
    std::mutex mu_;
    std::vector<std::pair<int, int>> open_;
    std::vector<std::thread> pipes_;
    std::thread accept_thread_;  // last: started once the rest is ready
};

}  // namespace suture::test
