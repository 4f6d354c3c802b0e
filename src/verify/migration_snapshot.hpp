// `suture migrate snapshot`: the state of an immutable contract that a
// migration must move, read at a pinned block (issue 16, DESIGN.md route
// `migrate`).
//
// Holders come from declared event logs (an argument of each event is the key,
// a second argument the inner key of a nested mapping); for each key the
// declared mappings are read from storage at the slot the storage layout gives
// (keccak256(key . slot), nested mappings, struct members at their offsets,
// dynamic arrays of elementary values), and declared totals are compared with
// the sum of their column. When the contract's whole storage is known (a state
// file), every non-zero slot the snapshot does not explain is a coverage gap:
// named by holder and field when a known address reaches it, by slot otherwise.
// Nothing the events miss is dropped silently.
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <unordered_map>
#include <vector>

#include "core/abi_type.hpp"
#include "core/abi_value.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "evm/state.hpp"
#include "evm/state_backend.hpp"
#include "solidity/storage_layout.hpp"

namespace suture::verify {

// One table of entries: who is keyed by which events, and what is read per key.
struct SnapshotTableSpec {
    std::string name;                 // "accounts", "positions"
    std::vector<std::string> events;  // "Deposit(address indexed account, uint256 amount)"
    std::vector<std::string> keys;    // argument names, outer mapping key first ("account", "id")
    std::vector<std::string> fields;  // state variables: mappings nested keys.size() deep
    // false: recorded in the snapshot (its slots are explained) but not moved
    // to the new contract, so migrate verify does not look for it there.
    bool moved = true;
};

// A state variable (elementary) that must equal the sum of one column.
struct SnapshotTotalSpec {
    std::string variable;  // "totalDeposits"
    std::string sum;       // "accounts.deposits"
};

struct MigrationSpec {
    Address contract;
    std::vector<SnapshotTableSpec> tables;
    std::vector<SnapshotTotalSpec> totals;
};

struct SnapshotColumn {
    std::string name;  // "deposits", "positions.amount", "tags[]"
    abi::AbiType type;
};

struct SnapshotEntry {
    std::vector<abi::AbiValue> key;     // one per table key
    std::vector<abi::AbiValue> values;  // one per column
};

struct SnapshotTable {
    std::string name;
    std::vector<SnapshotColumn> keys, columns;
    std::vector<SnapshotEntry> entries;  // sorted by key
};

struct SnapshotTotal {
    std::string variable, sum;
    uint256 on_chain, summed;
};

struct CoverageGap {
    std::string table, field;     // empty when no known key reaches the slot
    std::vector<abi::AbiValue> key;
    uint256 slot, value;
    std::string message;          // one line naming holder and field, or the slot
};

struct MigrationSnapshot {
    Address contract;
    uint64_t block = 0;
    std::vector<SnapshotTable> tables;
    std::vector<SnapshotTotal> totals;
    std::vector<CoverageGap> gaps;
    bool coverage_checked = false;  // false when the storage could not be enumerated (a node)
    // On a node: how many candidate addresses were probed as keys instead.
    size_t coverage_probed_keys = 0;

    const SnapshotTable* table(std::string_view name) const;
    size_t entry_count() const;
};

// Where the snapshot reads from.
struct SnapshotSource {
    evm::StateBackend* state = nullptr;
    uint64_t block = 0;
    std::span<const evm::Log> logs;  // the contract's logs up to `block` (others are ignored)
    // Every non-zero slot of the contract, when the backend can enumerate it
    // (a state file); null on a fork.
    const std::unordered_map<uint256, uint256, Uint256Hash>* storage = nullptr;
    // Addresses tried as keys of unexplained slots (e.g. every account of the
    // state file); without `storage`, probed as keys of the declared one-key
    // tables and of undeclared mappings keyed by address (probe_gaps).
    std::vector<Address> candidate_keys;
};

// The first topics of the declared events of every table (what to ask a node's eth_getLogs for).
Result<std::vector<Bytes32>> snapshot_event_topics(const MigrationSpec& spec);

Result<MigrationSnapshot> take_snapshot(const MigrationSpec& spec, const solidity::ContractStorage& layout,
                                        const SnapshotSource& source);

// Reads the entries of `keys` (one value per key of `spec`) from `contract`:
// the same slot computation as the snapshot (migrate verify reads the new
// contract with it). The snapshot's own keys come from the events instead.
Result<SnapshotTable> read_table(const SnapshotTableSpec& spec, const solidity::ContractStorage& layout,
                                 evm::StateBackend& state, const Address& contract,
                                 std::vector<std::vector<abi::AbiValue>> keys);
// An elementary state variable's value (integers as is, bool 0/1, address as a number).
Result<uint256> read_variable(const solidity::ContractStorage& layout, evm::StateBackend& state,
                              const Address& contract, std::string_view variable);

// The canonical JSON text (sorted keys, no spaces, integers as decimal
// strings, addresses checksummed): what the snapshot hash is computed over.
std::string snapshot_json(const MigrationSnapshot& s);
Bytes32 snapshot_hash(std::string_view canonical_json);
// Reads a snapshot file back (the inverse of snapshot_json). Errors name the field.
Result<MigrationSnapshot> parse_snapshot(std::string_view text);

}  // namespace suture::verify
