// The chain the in-process node serves: the latest state, the kept blocks
// with their receipts and undo records, the pool of pending transactions,
// and the test-node controls (time, automine, snapshots, balances).
//
// Blocks: each mined block runs its transactions through the real EVM
// (evm::execute_transaction) on the latest state, records the undo record,
// computes the state root and seals the header (block_seal.hpp): real hashes
// with parent hashes chained, EIP-1559 base fees, BLOCKHASH answered from the
// kept blocks. Timestamps are deterministic: parent + 12 s (a slot), plus
// whatever evm_increaseTime added, or the evm_setNextBlockTimestamp value.
//
// Transactions are validated as a node does before they enter the pool
// (chain id, nonce, fee caps against the next base fee, balance for the
// maximum cost, intrinsic gas, gas limit); a refusal is a TxRefusal naming
// the rule. With automine (the default) every accepted transaction is mined
// at once in a block of its own; without it, mine() takes the pool in
// order of effective tip (highest first), each sender's nonces in order.
//
// Not thread-safe: DevNode serialises every call.
#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "chain/devnode/chain_history.hpp"
#include "chain/state_file.hpp"
#include "core/result.hpp"

namespace suture::chain {

// A transaction the node refuses, with the geth-style message a client
// recognises ("nonce too low", "already known", "insufficient funds ...").
struct TxRefusal {
    std::string message;
};

class DevChain {
public:
    // A state without block history starts its history at its latest block,
    // sealed as it stands (the first block kept).
    explicit DevChain(LocalState state);

    const LocalState& state() const { return state_; }
    LocalState& mutable_state() { return state_; }
    uint64_t chain_id() const { return state_.block.chain_id.low64(); }
    evm::Revision revision() const { return state_.revision; }
    const ChainBlock& latest() const { return state_.history.blocks.back(); }
    uint64_t first_kept() const { return state_.history.blocks.front().number; }
    // nullptr when the block is not kept (before the first kept, after the latest).
    const ChainBlock* block(uint64_t number) const;
    const ChainBlock* block_by_hash(const Bytes32& hash) const;

    struct TxPlace {
        const ChainBlock* block;
        size_t index;
    };
    std::optional<TxPlace> find_transaction(const Bytes32& hash) const;
    const ChainTx* find_pending(const Bytes32& hash) const;
    const std::vector<ChainTx>& pending() const { return pool_; }
    // Pool transactions added since `cursor` (a count of arrivals), and the new cursor.
    std::vector<Bytes32> arrivals_since(uint64_t cursor) const;
    uint64_t arrival_count() const { return arrivals_.size(); }

    // The state after block `number` (kept) as a backend valid until the
    // chain changes; the block's execution context, BLOCKHASH included.
    std::unique_ptr<evm::StateBackend> state_at(uint64_t number);
    evm::BlockEnv env_of(const ChainBlock& b) const;
    // The context of the next block to be mined.
    evm::BlockEnv next_env() const;
    // The nonce of `a` after the pool's transactions from it (tag "pending").
    uint64_t pending_nonce(const Address& a);

    // Validates and pools (automine: and mines) a transaction. `tx.hash` set.
    std::optional<TxRefusal> submit(ChainTx tx);
    // Mines `count` blocks from the pool (the first at `timestamp` when given).
    Status mine(uint64_t count, std::optional<uint64_t> timestamp = {});

    // Test-node controls.
    void set_automine(bool on) { automine_ = on; }
    bool automine() const { return automine_; }
    void increase_time(uint64_t seconds) { time_offset_ += seconds; }
    uint64_t time_offset() const { return time_offset_; }
    void set_next_timestamp(uint64_t t) { next_timestamp_ = t; }
    // A change to the latest state outside any transaction (anvil_setBalance,
    // anvil_setCode, anvil_setNonce, anvil_setStorageAt): kept in the latest
    // block's undo record, so earlier blocks still read their own values.
    void set_account(const evm::AccountChange& change);
    void impersonate(const Address& a, bool on);
    bool impersonating(const Address& a) const { return impersonated_.count(a) != 0; }
    uint64_t snapshot();
    bool revert(uint64_t id);  // false for an unknown id; the snapshot is used up (anvil)

    // Blocks mined since the last mark_flushed(): what a crash would lose.
    uint64_t unflushed_blocks() const { return unflushed_; }
    void mark_flushed() { unflushed_ = 0; }

private:
    std::optional<TxRefusal> validate(const ChainTx& tx);
    void mine_block(std::optional<uint64_t> timestamp, size_t max_txs);
    bool has_ready_transaction();
    void push_block(ChainBlock b);

    LocalState state_;
    std::vector<ChainTx> pool_;
    std::vector<Bytes32> arrivals_;  // hashes in the order the pool took them
    std::map<Bytes32, std::pair<uint64_t, size_t>> tx_index_;  // hash -> (block, index)
    std::set<Address> impersonated_;
    bool automine_ = true;
    uint64_t time_offset_ = 0;
    std::optional<uint64_t> next_timestamp_;
    uint64_t unflushed_ = 0;

    struct Snapshot {
        evm::MemoryBackend accounts;
        evm::BlockEnv block;
        std::vector<AccountUndo> latest_undo;
        size_t block_count;
        std::vector<ChainTx> pool;
        uint64_t time_offset;
        std::optional<uint64_t> next_timestamp;
        bool automine;
    };
    std::map<uint64_t, Snapshot> snapshots_;
    uint64_t next_snapshot_ = 1;
};

}  // namespace suture::chain
