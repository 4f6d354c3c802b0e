// Nonces for the accounts Suture sends from.
//
// The node's pending transaction count is the floor; on top of it the manager
// keeps a local reservation per sender, so that concurrent steps (threads, or
// several transactions prepared before any is sent) never get the same nonce.
// Thread safety: all methods may be called from any thread.
#pragma once

#include <cstdint>
#include <mutex>
#include <set>
#include <unordered_map>

#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"

namespace suture::chain {

class NonceManager {
public:
    // `rpc` must outlive the manager.
    explicit NonceManager(RpcClient& rpc) : rpc_(rpc) {}

    // The next nonce for `sender`: a released one if any is still ahead of the
    // node's pending count, else max(node pending count, last reservation + 1).
    // Asks the node every time (one eth_getTransactionCount "pending"), so a
    // transaction sent by someone else from the same account is noticed.
    Result<uint64_t> reserve(const Address& sender);

    // Gives back a nonce whose transaction was never sent, so that it is
    // handed out again instead of leaving a gap that would block every later one.
    void release(const Address& sender, uint64_t nonce);

private:
    struct Account {
        uint64_t next = 0;           // one past the highest reservation
        std::set<uint64_t> released;
    };
    RpcClient& rpc_;
    std::mutex mu_;
    std::unordered_map<Address, Account, AddressHash> accounts_;
};

}  // namespace suture::chain
