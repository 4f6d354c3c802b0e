// The journaled world state of one transaction (or message call).
//
// State caches what a transaction reads from its StateBackend and records
// every change in a journal, so a failed call frame is undone by reverting to
// a snapshot (a journal length). It tracks what the consensus rules look at
// beyond plain values: original (tx-start) storage for EIP-2200 SSTORE gas,
// transient storage (EIP-1153), warm accounts and slots (EIP-2929, reverted
// with the journal), logs, SELFDESTRUCT registrations, touched accounts
// (EIP-161) and accounts created in this transaction (EIP-6780).
//
// One State serves one transaction: finalize() applies the end-of-transaction
// rules and returns the net change; the owner applies it to its backend and
// builds a new State for the next transaction. Not thread-safe.
//
// Its entries, slots and journal live in an arena that starts inside the
// object (a typical call allocates nothing) and is freed with it.
#pragma once

#include <cstddef>
#include <memory_resource>
#include <optional>
#include <unordered_map>
#include <vector>

#include "evm/host.hpp"
#include "evm/revision.hpp"
#include "evm/state_backend.hpp"

namespace suture::evm {

struct Log {
    Address address;
    std::vector<Bytes32> topics;
    Bytes data;
};

class State {
public:
    State(StateBackend& backend, Revision rev);
    State(const State&) = delete;
    State& operator=(const State&) = delete;

    Revision revision() const { return rev_; }

    // The first backend read error. Reads after an error answer as for a
    // missing account; the transaction must then be reported as failed.
    const std::optional<Error>& error() const { return error_; }

    bool exists(const Address& addr);
    // EIP-161: no code, zero nonce, zero balance (true for a missing account).
    bool is_empty(const Address& addr);
    uint64_t nonce(const Address& addr);
    uint256 balance(const Address& addr);
    Bytes32 code_hash(const Address& addr);   // kEmptyCodeHash when missing
    BytesView code(const Address& addr);      // valid until the next code change
    // CREATE address collision (EIP-684, EIP-7610): non-zero nonce, code or storage.
    bool has_collision(const Address& addr);

    void set_nonce(const Address& addr, uint64_t nonce);
    void add_balance(const Address& addr, const uint256& amount);   // touches addr
    void sub_balance(const Address& addr, const uint256& amount);   // caller checked the balance
    void set_code(const Address& addr, Bytes code);
    void touch(const Address& addr);
    // Turns addr into a fresh contract account of this transaction: keeps its
    // balance, nonce 1 from Spurious Dragon (EIP-161), marks it created (EIP-6780).
    void create_contract(const Address& addr);

    uint256 get_storage(const Address& addr, const uint256& key);
    // Writes and classifies the write against the original and current values.
    StorageStatus set_storage(const Address& addr, const uint256& key, const uint256& value);
    uint256 get_transient(const Address& addr, const uint256& key);
    void set_transient(const Address& addr, const uint256& key, const uint256& value);

    // EIP-2929: mark warm; return the status before.
    AccessStatus access_account(const Address& addr);
    // EIP-2929: from now on the revision's precompiles answer warm, by their
    // address alone: they get no entry (so are neither read nor touched).
    // Not journaled: a transaction calls it before its first frame.
    void warm_precompiles() { precompiles_warm_ = true; }
    AccessStatus access_storage(const Address& addr, const uint256& key);

    // SELFDESTRUCT with the rules of the revision (EIP-6780 from Cancun).
    // Returns true when addr was newly registered for destruction.
    bool selfdestruct(const Address& addr, const Address& beneficiary);

    void add_log(Log log);
    const std::vector<Log>& logs() const { return logs_; }
    // The logs, moved out (at the end of a transaction).
    std::vector<Log> take_logs() { return std::move(logs_); }

    size_t snapshot() const { return journal_.size(); }
    void revert(size_t snapshot);

    // End of transaction: removes destructed accounts and (from Spurious
    // Dragon) touched empty accounts, and returns the net change against the
    // backend: the accounts deleted and those with a change made (even one
    // undone later), not those only read or touched. The State must not be
    // used afterwards.
    StateDiff finalize();

private:
    struct Slot {
        uint256 original;
        uint256 current;
        bool loaded = false;
        bool warm = false;
    };
    struct Account {
        explicit Account(std::pmr::memory_resource* arena) : storage(arena), transient(arena) {}
        AccountInfo info;
        CodePtr code;
        bool loaded = false;
        bool exists = false;
        bool code_changed = false;
        bool touched = false;
        bool destructed = false;
        bool created = false;  // by CREATE/CREATE2 in this transaction
        bool warm = false;
        bool changed = false;  // a value was set (finalize reports it)
        std::pmr::unordered_map<uint256, Slot, Uint256Hash> storage;
        std::pmr::unordered_map<uint256, uint256, Uint256Hash> transient;
    };
    enum class Change : uint8_t {
        balance, nonce, code, storage, transient, exists, touched, destructed, created,
        warm_account, warm_slot, log,
    };
    struct JournalEntry {
        Change kind;
        Account* acc;       // stable: unordered_map nodes do not move
        void* target;       // the Slot/transient value a storage change restores
        uint256 prev;       // previous balance, nonce or value
    };

    Account& entry(const Address& addr);          // cached entry, maybe not loaded
    Account& load(const Address& addr);           // loaded from the backend if needed
    Slot& slot(const Address& addr, Account& acc, const uint256& key, bool read);
    void set_flag(Account& acc, bool Account::*flag, Change kind);
    void record_error(Error e);
    static bool empty(const Account& a) {
        return a.info.nonce == 0 && !a.info.balance && a.info.code_hash == kEmptyCodeHash;
    }

    StateBackend& backend_;
    Revision rev_;
    alignas(std::max_align_t) std::byte arena_start_[8192];
    std::pmr::monotonic_buffer_resource arena_;
    std::pmr::unordered_map<Address, Account, AddressHash> accounts_;
    std::pmr::vector<JournalEntry> journal_;
    std::vector<Log> logs_;
    std::optional<Error> error_;
    bool precompiles_warm_ = false;
};

}  // namespace suture::evm
