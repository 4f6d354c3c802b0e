// Where a replay's history comes from: blocks with their full transactions
// and receipts (chain/rpc_history.hpp), from a JSON-RPC node, through the
// fork's on-disk cache (ForkCache's history table), or offline from that cache
// alone.
//
// Fetching runs ahead: start() launches one thread that fetches the range in
// order, at most `prefetch` blocks ahead of the consumer, so the node's round
// trips overlap with execution. A block is one eth_getBlockByNumber (full
// transactions) plus one JSON-RPC batch of eth_getTransactionReceipt.
//
// Errors: a node without the block, a receipt missing or not matching its
// block, a block whose gasUsed differs from its receipts' (a transaction left
// out of the answer) are chain errors naming the block; offline, the first
// block the cache lacks is an input error ("run once with --rpc"). After an
// error next() keeps returning it.
//
// Thread safety: one consumer thread calls next(); the fetch thread is
// internal. The destructor stops and joins it.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <thread>

#include "chain/fork_cache.hpp"
#include "chain/rpc_client.hpp"
#include "chain/rpc_history.hpp"

namespace suture::verify {

struct ReplaySourceOptions {
    std::string rpc_url;        // empty: offline (cache_path required)
    chain::RpcOptions rpc;
    std::string cache_path;     // empty: no cache
    size_t prefetch = 32;       // blocks fetched ahead of execution
};

class ReplaySource {
public:
    static Result<std::unique_ptr<ReplaySource>> open(const ReplaySourceOptions& options);
    ~ReplaySource();
    ReplaySource(const ReplaySource&) = delete;
    ReplaySource& operator=(const ReplaySource&) = delete;

    uint64_t chain_id() const { return chain_id_; }
    bool offline() const { return !rpc_; }
    // The node's latest block (online only).
    Result<uint64_t> latest_block();
    // The block a transaction was included in (online only).
    Result<uint64_t> block_of_transaction(const Bytes32& hash);

    // Starts fetching blocks first..last (inclusive) ahead; once.
    void start(uint64_t first, uint64_t last);
    // The next block of the range, in order; nullopt after the last.
    Result<std::optional<chain::HistoryBlock>> next();

    // HTTP requests sent and blocks answered by the cache, so far.
    uint64_t rpc_requests() const;
    uint64_t cache_reads() const;

private:
    ReplaySource() = default;
    Result<chain::HistoryBlock> fetch(uint64_t number);
    void fetch_loop(uint64_t first, uint64_t last);

    std::unique_ptr<chain::RpcClient> rpc_;
    std::unique_ptr<chain::ForkCache> cache_;  // used by the fetch thread only
    std::string cache_path_;
    uint64_t chain_id_ = 0;
    size_t prefetch_ = 32;

    mutable std::mutex mu_;
    std::condition_variable cv_;
    std::deque<Result<chain::HistoryBlock>> ready_;
    bool started_ = false, done_ = false, stop_ = false;
    uint64_t remaining_ = 0;  // blocks next() has yet to return
    uint64_t rpc_requests_ = 0, cache_reads_ = 0;
    std::thread worker_;
};

}  // namespace suture::verify
