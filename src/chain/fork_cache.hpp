// The on-disk cache of a fork: what a ForkBackend read from a node, so that a
// second run needs no node (offline) and no round trips.
//
// One SQLite file, items keyed by chain id + block + item: an account
// (nonce, balance, code hash, has_storage, or "absent"), a storage slot, a
// block (the node's eth_getBlockByNumber object, for the block context and
// BLOCKHASH), a replayed block of history (full transactions and receipts);
// code is content-addressed (keyed by its hash alone, which names
// the same bytes on every chain and block).
//
// Atomicity: every put is one SQLite transaction in WAL mode, so a run killed
// mid-write leaves the cache as it was before that put (SQLite rolls the WAL
// back on the next open). synchronous=NORMAL: a power loss may lose the last
// puts, never corrupt the file, and a cache can always be refilled.
//
// A file damaged some other way (truncated by a copy, a full disk) is found
// at open by PRAGMA quick_check and rebuilt empty; open_info() says why.
// A file that is not a Suture fork cache is never deleted: open fails.
//
// Not thread-safe: ForkBackend serialises its calls under its own mutex.
// Several processes may share a file (SQLite's locking, a busy timeout).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "evm/state_backend.hpp"

struct sqlite3;

namespace suture::chain {

// Which chain state an item belongs to.
struct ForkPoint {
    uint64_t chain_id = 0;
    uint64_t block = 0;
};

// An account as cached: `info` is nullopt when the account does not exist at
// that block (cached so that offline runs can answer "absent" too).
struct CachedAccount {
    std::optional<evm::AccountInfo> info;
};

struct ForkCacheOpenInfo {
    bool created = false;        // the file did not exist or was rebuilt
    std::string rebuilt_reason;  // set when a damaged file was replaced: what was wrong
};

class ForkCache {
public:
    // Opens (creating when missing) the cache at `path`.
    static Result<std::unique_ptr<ForkCache>> open(const std::string& path);
    ~ForkCache();
    ForkCache(const ForkCache&) = delete;
    ForkCache& operator=(const ForkCache&) = delete;

    const std::string& path() const { return path_; }
    const ForkCacheOpenInfo& open_info() const { return info_; }

    // Each get answers nullopt when the item is not cached.
    Result<std::optional<CachedAccount>> account(const ForkPoint& at, const Address& addr);
    // Stores the account and, when it has code, the code (one transaction).
    Status put_account(const ForkPoint& at, const Address& addr, const CachedAccount& account,
                       const evm::CodePtr& code);
    Result<std::optional<Bytes>> code(const Bytes32& code_hash);
    Result<std::optional<uint256>> storage(const ForkPoint& at, const Address& addr, const uint256& slot);
    Status put_storage(const ForkPoint& at, const Address& addr, const uint256& slot, const uint256& value);
    // The node's block object (JSON text) of block `number` on chain `chain_id`.
    Result<std::optional<std::string>> block(uint64_t chain_id, uint64_t number);
    Status put_block(uint64_t chain_id, uint64_t number, const std::string& json);
    // A block of history for a replay (verify/replay_source.hpp): the block
    // with full transactions and their receipts, as one JSON text.
    Result<std::optional<std::string>> history_block(uint64_t chain_id, uint64_t number);
    Status put_history_block(uint64_t chain_id, uint64_t number, const std::string& json);

    // For offline runs that did not name the chain or the block.
    Result<std::vector<uint64_t>> cached_chains();
    Result<std::vector<uint64_t>> cached_blocks(uint64_t chain_id);

private:
    explicit ForkCache(std::string path) : path_(std::move(path)) {}
    Status init(bool fresh);
    Error error(std::string_view what) const;

    std::string path_;
    sqlite3* db_ = nullptr;
    ForkCacheOpenInfo info_;
};

}  // namespace suture::chain
