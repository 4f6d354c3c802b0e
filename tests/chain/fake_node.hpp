// A local JSON-RPC node serving a fixed chain state (accounts, storage,
// blocks) for fork backend tests: answers single requests and batches by
// method, counts HTTP requests, and can be stopped mid-run (connections are
// then refused, as from a node that died).
#pragma once

#include <map>
#include <mutex>
#include <string>

#include "chain/scripted_server.hpp"
#include "core/hex.hpp"
#include "core/uint256.hpp"

namespace suture::chain::testing_support {

struct FakeAccount {
    uint64_t nonce = 0;
    uint64_t balance = 0;
    std::string code = "0x";                       // hex
    std::map<std::string, std::string> storage;    // minimal-hex slot -> 32-byte hex value
};

class FakeNode {
public:
    FakeNode() {
        fd_ = bind_loopback(&port_);
        listen(fd_, 16);
        thread_ = std::thread([this] { serve(); });
    }
    ~FakeNode() { stop(); }

    // Stops answering: later connections are refused.
    void stop() {
        if (stopped_.exchange(true)) return;
        shutdown(fd_, SHUT_RDWR);
        close(fd_);
        thread_.join();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(port_); }
    int http_requests() const { return requests_; }

    // State, set before the fork reads it (keys: lower-case 0x addresses).
    uint64_t chain_id = 31337;
    uint64_t latest = 7;
    bool proofs = true;  // eth_getProof supported
    std::map<std::string, FakeAccount> accounts;

    // The JSON of block n (number, hash = 0x..n repeated, fixed context).
    static json block(uint64_t n) {
        char hash[67];
        std::snprintf(hash, sizeof hash, "0x%064llx", static_cast<unsigned long long>(0xb10c000 + n));
        return {{"number", "0x" + to_hex_u(n)},
                {"hash", hash},
                {"parentHash", "0x" + std::string(64, '0')},
                {"timestamp", "0x" + to_hex_u(1'700'000'000 + 12 * n)},
                {"gasLimit", "0x1c9c380"},
                {"gasUsed", "0x0"},
                {"miner", "0x00000000000000000000000000000000000000c0"},
                {"baseFeePerGas", "0x3b9aca00"},
                {"difficulty", "0x0"},
                {"mixHash", "0x" + std::string(62, '0') + "42"},
                {"excessBlobGas", "0x20000"},
                {"transactions", json::array({"0x" + std::string(64, 'a')})}};
    }

private:
    static std::string to_hex_u(uint64_t v) {
        char b[24];
        std::snprintf(b, sizeof b, "%llx", static_cast<unsigned long long>(v));
        return b;
    }

    json answer(const json& req) {
        const std::string m = req.value("method", "");
        const json& p = req["params"];
        json reply = {{"jsonrpc", "2.0"}, {"id", req["id"]}};
        auto acc = [&]() -> FakeAccount {
            auto it = accounts.find(p[0].get<std::string>());
            return it == accounts.end() ? FakeAccount{} : it->second;
        };
        if (m == "eth_chainId") reply["result"] = "0x" + to_hex_u(chain_id);
        else if (m == "eth_blockNumber") reply["result"] = "0x" + to_hex_u(latest);
        else if (m == "eth_getBalance") reply["result"] = "0x" + to_hex_u(acc().balance);
        else if (m == "eth_getTransactionCount") reply["result"] = "0x" + to_hex_u(acc().nonce);
        else if (m == "eth_getCode") reply["result"] = acc().code;
        else if (m == "eth_getProof" && proofs) {
            const bool empty = acc().storage.empty();
            reply["result"] = {{"storageHash", empty ? "0x56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421"
                                                     : "0x" + std::string(64, '1')}};
        } else if (m == "eth_getStorageAt") {
            auto s = acc().storage;
            auto it = s.find(uint256::parse(p[1].get<std::string>()).value().to_hex());
            reply["result"] = it == s.end() ? "0x" + std::string(64, '0') : it->second;
        } else if (m == "eth_getBlockByNumber") {
            const uint64_t n = uint256::parse(p[0].get<std::string>()).value().w[0];
            reply["result"] = n <= latest ? block(n) : json(nullptr);
        } else {
            reply["error"] = {{"code", -32601}, {"message", "method not found: " + m}};
        }
        return reply;
    }

    void serve() {
        while (!stopped_) {
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
            ++requests_;
            json j = json::parse(req.substr(req.find("\r\n\r\n") + 4), nullptr, false);
            json out;
            if (j.is_array()) {
                out = json::array();
                for (const auto& r : j) out.push_back(answer(r));
            } else {
                out = answer(j);
            }
            const std::string body = out.dump();
            std::string resp = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nConnection: close\r\n"
                               "Content-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
            send(c, resp.data(), resp.size(), MSG_NOSIGNAL);
            close(c);
        }
    }

    int fd_ = -1;
    int port_ = 0;
    std::atomic<bool> stopped_{false};
    std::atomic<int> requests_{0};
    std::thread thread_;
};

}  // namespace suture::chain::testing_support
