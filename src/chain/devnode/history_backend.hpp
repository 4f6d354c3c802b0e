// Historical state from undo records (chain_history.hpp), and the recorder
// that writes those records while a block's changes are applied.
//
// HistoryBackend shows the state at one kept block without copying: a read
// looks for the first block after it whose undo record names the account or
// slot, and answers with the value recorded there; when no later block
// changed it, the latest state answers. Its cost is one binary search per
// later block (undo records are sorted by address, their slots by key).
#pragma once

#include <unordered_map>

#include "chain/devnode/chain_history.hpp"
#include "evm/state_memory.hpp"

namespace suture::chain {

class HistoryBackend final : public evm::StateBackend {
public:
    // The state after history.blocks[index]. Both references must outlive
    // the backend, unchanged.
    HistoryBackend(evm::MemoryBackend& latest, const ChainHistory& history, size_t index)
        : latest_(latest), history_(history), index_(index) {}

    Result<std::optional<evm::AccountInfo>> account(const Address& addr) override;
    Result<evm::CodePtr> code(const Bytes32& code_hash) override;
    Result<uint256> storage(const Address& addr, const uint256& key) override;

private:
    evm::MemoryBackend& latest_;
    const ChainHistory& history_;
    size_t index_;
};

// The undo record of an account in a block's (sorted) record; null when the
// block did not change it.
const AccountUndo* find_undo(const std::vector<AccountUndo>& undo, const Address& addr);

// Applies state diffs to `state`, keeping the first value each account field
// and slot had: the undo record of everything applied through it.
// Code a block's undo record names but `state` (after the block) no longer
// holds stays readable at the blocks before it, also after the file is
// reloaded (which keeps only live accounts' code): kept in history.old_codes.
void keep_old_codes(ChainHistory& history, evm::MemoryBackend& state, const std::vector<AccountUndo>& undo);

class UndoRecorder {
public:
    // `existing`: a record to extend (the latest block's, for a test-node
    // change made after the block was sealed).
    explicit UndoRecorder(evm::MemoryBackend& state, std::vector<AccountUndo> existing = {});
    void apply(const evm::StateDiff& diff);
    // The record, sorted by address with each account's slots by key.
    std::vector<AccountUndo> take();

private:
    struct Pending {
        AccountUndo undo;
        std::unordered_map<uint256, uint256, Uint256Hash> slots;
    };
    Pending& entry(const Address& addr);

    evm::MemoryBackend& state_;
    std::unordered_map<Address, Pending, AddressHash> entries_;
};

}  // namespace suture::chain
