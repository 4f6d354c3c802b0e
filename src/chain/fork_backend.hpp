// A lazy fork of a live chain: evm::StateBackend reading accounts, code and
// storage at a pinned block from any JSON-RPC node on first touch, through an
// in-memory map and an optional on-disk ForkCache (fork_cache.hpp).
//
// Fetching: an account is one HTTP request (a JSON-RPC batch of
// eth_getBalance, eth_getTransactionCount, eth_getCode and eth_getProof),
// so code() never needs the node: the code comes with its account. A storage
// slot is one eth_getStorageAt. The block context (evm::BlockEnv) comes from
// eth_getBlockByNumber of the pinned block; BLOCKHASH reads earlier blocks the
// same way, each cached.
//
// Offline (no RPC URL): every read is answered from the cache file alone, and
// the first item it lacks is an error naming it ("fork cache has no storage
// slot 0x.. of 0x.. at block N: run once with --rpc").
//
// Errors: a node that fails (dead, refusing) gives a chain error naming the
// JSON-RPC method (RpcClient's messages); evm::State reports it as the
// failure of the transaction that needed the item.
//
// Thread safety: all members may be called from several threads (a mutex
// guards the maps, the cache and the node). Reads that miss wait for each
// other's fetches; tests running in parallel share one ForkBackend, each
// through its own evm::OverlayBackend.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

#include "chain/fork_cache.hpp"
#include "chain/rpc_client.hpp"
#include "evm/state_backend.hpp"
#include "evm/transaction.hpp"

namespace suture::chain {

struct ForkOptions {
    std::string rpc_url;               // empty: offline, from the cache alone
    std::optional<uint64_t> block;     // pinned block; online default: the node's latest
    std::optional<uint64_t> chain_id;  // offline: which chain's items (default: the only chain cached)
    std::string cache_path;            // empty: no on-disk cache (required offline)
    RpcOptions rpc;
};

// What the fork did so far (for progress lines and tests).
struct ForkStats {
    uint64_t rpc_requests = 0;  // HTTP requests sent (a batch is one)
    uint64_t cache_reads = 0;   // items answered by the on-disk cache
};

class ForkBackend final : public evm::StateBackend {
public:
    // Resolves the chain id and block (asking the node, or the cache offline)
    // and reads the pinned block's header.
    static Result<std::unique_ptr<ForkBackend>> open(const ForkOptions& options);
    ~ForkBackend() override;

    Result<std::optional<evm::AccountInfo>> account(const Address& addr) override;
    Result<evm::CodePtr> code(const Bytes32& code_hash) override;
    Result<uint256> storage(const Address& addr, const uint256& key) override;

    uint64_t chain_id() const { return point_.chain_id; }
    uint64_t block_number() const { return point_.block; }
    bool offline() const { return !rpc_; }

    // The pinned block's context: number, timestamp, gas limit, base fee,
    // coinbase, prevrandao (mixHash; the difficulty before the merge), excess
    // blob gas, chain id. Its block_hashes reads through this backend, which
    // must outlive every use of the env.
    evm::BlockEnv block_env();
    // The hash of block `number` (at most the pinned block).
    Result<Bytes32> block_hash(uint64_t number);
    // The first error a BLOCKHASH lookup hit: BlockHashFn cannot return one,
    // so it answers zero and every later read of this backend fails with it.
    std::optional<Error> deferred_error() const;

    // Set when the cache file was damaged and rebuilt empty (why).
    std::string cache_rebuilt_reason() const;
    ForkStats stats() const;

private:
    ForkBackend() = default;
    Status resolve_point(const ForkOptions& options);
    Result<std::optional<evm::AccountInfo>> fetch_account(const Address& addr);
    Result<uint256> fetch_storage(const Address& addr, const uint256& key);
    // The block object of `number`, from the maps, the cache or the node.
    Result<nlohmann::json> block_json(uint64_t number);
    Error missing(const std::string& item) const;

    struct SlotKey {
        Address addr;
        uint256 key;
        bool operator==(const SlotKey&) const = default;
    };
    struct SlotKeyHash {
        size_t operator()(const SlotKey& k) const noexcept { return AddressHash{}(k.addr) ^ Uint256Hash{}(k.key); }
    };

    mutable std::mutex mu_;
    std::unique_ptr<RpcClient> rpc_;   // null offline
    std::unique_ptr<ForkCache> cache_;  // null without a cache file
    ForkPoint point_;
    evm::BlockEnv env_;
    std::unordered_map<Address, std::optional<evm::AccountInfo>, AddressHash> accounts_;
    std::unordered_map<Bytes32, evm::CodePtr, Bytes32Hash> codes_;
    std::unordered_map<SlotKey, uint256, SlotKeyHash> slots_;
    std::unordered_map<uint64_t, Bytes32> block_hashes_;
    std::optional<Error> deferred_error_;
    ForkStats stats_;
};

}  // namespace suture::chain
