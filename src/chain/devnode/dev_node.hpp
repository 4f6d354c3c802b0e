// The in-process JSON-RPC node over a state file: the embedded default's
// "node", so everything written against chain::RpcClient (deploy routes,
// resume, pause, the replay gate, the monitor) runs on it unchanged.
//
//   auto node = chain::DevNode::open_file("dev.state");      // or in_memory(state)
//   auto rpc = chain::connect(*node);                        // a chain::RpcClient on it
//   // or simply: chain::RpcClient rpc("state:dev.state");   (state_url.hpp)
//
// What it answers (docs/devnet.md has the list and what it leaves out): the
// eth_* reads at any kept block, eth_call / eth_estimateGas, signed
// transactions through eth_sendRawTransaction executed by the in-process EVM
// (dev_chain.hpp), receipts, blocks, logs, fee history, the pending pool and
// the anvil/evm test-node methods. A request it cannot serve gets the
// JSON-RPC error a node sends: -32700 unparsable, -32600 not a request,
// -32601 unknown method, -32602 bad params (naming the param), -32000 a
// refused transaction or an unknown block, 3 a revert with its data.
//
// Persistence: a node over a file writes it (atomically, whole) when it is
// closed and after every `flush_every` blocks; a crash loses the blocks
// since the last write, never leaves a torn file. One process should hold a
// file at a time (the last writer wins).
//
// Thread safety: every request runs under one mutex; share freely.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <string>

#include <nlohmann/json.hpp>

#include "chain/devnode/dev_chain.hpp"
#include "chain/rpc_client.hpp"
#include "chain/rpc_transport.hpp"

namespace suture::chain {

struct DevNodeOptions {
    uint64_t flush_every = 256;  // blocks between writes of the file (0: only on close)
};

class DevNode final : public RpcTransport {
public:
    // Errors: the file's own (state_file.hpp), kind input.
    static Result<std::shared_ptr<DevNode>> open_file(const std::string& path, DevNodeOptions options = {});
    // A node over a state that lives only in this process. Its url()
    // ("state:memory:N") opens it from code that takes a URL (a fork's
    // rpc_url, a replay source) for as long as the node lives.
    static std::shared_ptr<DevNode> in_memory(LocalState state, DevNodeOptions options = {});
    ~DevNode() override;  // writes the file (over a file) when blocks are unwritten

    // One JSON-RPC body (request or batch) in, the answer body out. Never
    // fails: every problem is a JSON-RPC error in the answer.
    Result<std::string> post(const std::string& body, std::string_view what) override;
    nlohmann::json handle(const nlohmann::json& request);

    // Writes the file now when blocks are unwritten (no-op in memory).
    Status flush();
    const std::string& path() const { return path_; }  // empty in memory
    const std::string& url() const { return url_; }    // "state:PATH" or "state:memory:N"
    // A copy of the latest state with its history (e.g. to save elsewhere).
    LocalState state();

    // The node's chain, for in-process callers that want more than JSON-RPC
    // (the caller must not hold it across requests from other threads).
    template <typename F>
    auto with_chain(F f) {
        std::lock_guard lock(mu_);
        return f(chain_);
    }

    // State for the methods (dev_node_methods_*.cpp); guarded by the mutex.
    struct Filter {
        bool blocks = false;  // eth_newBlockFilter; else pending transactions
        uint64_t cursor = 0;  // arrivals or block number seen
    };
    DevChain& chain() { return chain_; }
    std::map<uint64_t, Filter>& filters() { return filters_; }
    uint64_t next_filter_id() { return next_filter_++; }

private:
    DevNode(LocalState state, std::string path, DevNodeOptions options);
    nlohmann::json handle_one(const nlohmann::json& request);
    Status flush_locked();

    std::mutex mu_;
    DevChain chain_;
    std::string path_;
    std::string url_;
    DevNodeOptions options_;
    std::map<uint64_t, Filter> filters_;
    uint64_t next_filter_ = 1;
};

// An RpcClient speaking to `node` (its url() in messages).
std::unique_ptr<RpcClient> connect(const std::shared_ptr<DevNode>& node, RpcOptions options = {});

}  // namespace suture::chain
