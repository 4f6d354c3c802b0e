// A writable layer over a read-only StateBackend, with cheap snapshots.
//
// Gates run the same scenario against old and new code from one starting
// state, and a fuzzer forks a state per sequence. Copying a fork (an RPC
// node behind an on-disk cache) or a state file for each run would cost more
// than the run, so each run gets an OverlayBackend: every write (a committed
// transaction's StateDiff, or a direct setter used for setup or a cheatcode)
// stays in the overlay, and every read the overlay cannot answer falls through
// to the base, which is never written.
//
// Snapshots are journal positions: snapshot() is O(1), revert_to() undoes the
// writes made since, in reverse order. While no snapshot is held nothing is
// journaled, so a long run without snapshots does not grow a journal.
//
// Thread safety: an OverlayBackend is not thread-safe (one per thread). Any
// number of overlays, on any threads, may share one base as long as the base's
// reads are safe to call concurrently: MemoryBackend's reads do not mutate it
// (so it is safe while nobody writes it), chain::ForkBackend locks internally.
// Overlays may be stacked (an overlay over an overlay), and an overlay may be
// copied to fork its state (the copy shares the base and starts with the same
// snapshots).
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <unordered_map>
#include <vector>

#include "evm/state_backend.hpp"

namespace suture::evm {

class OverlayBackend final : public StateBackend {
public:
    using SnapshotId = uint64_t;

    // `base` must outlive the overlay (and its copies).
    explicit OverlayBackend(StateBackend& base);
    // Keeps `base` alive for as long as the overlay (or a copy) exists.
    explicit OverlayBackend(std::shared_ptr<StateBackend> base);

    StateBackend& base() const { return *base_; }

    // ---- StateBackend: the overlay's writes, else the base ----
    Result<std::optional<AccountInfo>> account(const Address& addr) override;
    Result<CodePtr> code(const Bytes32& code_hash) override;
    Result<uint256> storage(const Address& addr, const uint256& key) override;

    // Commits a transaction's net effect, with MemoryBackend::apply's
    // semantics: `deleted` removes the account and its storage (base storage
    // included), `storage_cleared` drops all storage before `storage` is
    // applied, `code` (when set) replaces the code.
    void apply(const StateDiff& diff);

    // ---- direct writes (setup, cheatcodes) ----
    // Each creates the account when it does not exist (with the other fields
    // zero) and keeps the fields it does not set. Only a base read can fail.
    Status set_balance(const Address& addr, const uint256& balance);
    Status set_nonce(const Address& addr, uint64_t nonce);
    // Empty code removes the code.
    Status set_code(const Address& addr, Bytes code);
    Status set_storage(const Address& addr, const uint256& key, const uint256& value);

    // ---- snapshots ----
    SnapshotId snapshot();
    // Restores the state at `id`. The snapshot stays valid (revert again to
    // it later); snapshots taken after it are dropped. False for an unknown
    // or dropped id (nothing changes then).
    bool revert_to(SnapshotId id);
    // Forgets a snapshot (its journal is dropped once no snapshot needs it).
    void release(SnapshotId id);

    // Everything the overlay holds, as one diff against its base: applied to
    // a MemoryBackend that equals the base (MemoryBackend::apply), it gives
    // the overlay's state, e.g. to commit a run into a state file. Reads the
    // base only for code the overlay did not write (so a code hash always
    // travels with its code).
    Result<StateDiff> net_diff();

    // Addresses the overlay holds writes for (deleted accounts included), for
    // callers that report or persist what a run changed.
    std::vector<Address> written_accounts() const;

private:
    // One account as the overlay sees it. `storage` holds every slot written
    // in the overlay, zero values included (a zero hides the base's value).
    struct Entry {
        bool exists = true;
        bool hides_base_storage = false;  // deleted or storage_cleared: base slots read as zero
        uint64_t nonce = 0;
        uint256 balance;
        Bytes32 code_hash = kEmptyCodeHash;
        size_t nonzero_slots = 0;
        std::unordered_map<uint256, uint256, Uint256Hash> storage;
    };
    // The fields of an Entry besides its storage, saved before a change.
    struct Header {
        bool exists;
        bool hides_base_storage;
        uint64_t nonce;
        uint256 balance;
        Bytes32 code_hash;
    };
    enum class UndoKind : uint8_t { entry_added, header, slot, storage };
    struct Undo {
        Undo(UndoKind k, const Address& a) : kind(k), addr(a) {}
        UndoKind kind;
        Address addr;
        Header header{};                     // header
        uint256 key;                         // slot
        std::optional<uint256> prev_value;   // slot: nullopt when the overlay did not hold it
        std::unordered_map<uint256, uint256, Uint256Hash> prev_storage;  // storage
        size_t prev_nonzero = 0;             // storage
    };

    // The overlay entry of addr, created from the base account when missing.
    Result<Entry*> materialize(const Address& addr);
    // The overlay entry of addr, created empty (no base read) when missing.
    Entry& entry_for_write(const Address& addr);
    void save_header(const Address& addr, const Entry& e);
    void write_slot(const Address& addr, Entry& e, const uint256& key, const uint256& value);
    void clear_storage(const Address& addr, Entry& e);
    void undo(Undo& u);
    bool journaling() const { return !snapshots_.empty(); }

    std::shared_ptr<StateBackend> owned_base_;  // null when the caller owns the base
    StateBackend* base_;
    std::unordered_map<Address, Entry, AddressHash> entries_;
    std::unordered_map<Bytes32, CodePtr, Bytes32Hash> codes_;
    std::vector<Undo> journal_;
    std::vector<std::pair<SnapshotId, size_t>> snapshots_;  // (id, journal length), ids ascending
    SnapshotId next_snapshot_ = 1;
};

}  // namespace suture::evm
