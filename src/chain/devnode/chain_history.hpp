// The block history of a state file's chain: every block the in-process node
// (dev_node.hpp) or `suture devnet exec` committed, with its transactions,
// receipts and an undo record, kept in the state file (docs/state-file.md,
// format version 2) next to the latest state.
//
// Historical state is not stored as copies: block k's undo record holds the
// values, before block k, of every account field and storage slot block k
// changed. The state at block N is the latest state with the undo records of
// blocks latest..N+1 applied backwards (history_backend.hpp reads it that way
// without copying anything).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/uint256.hpp"
#include "evm/state.hpp"
#include "evm/state_backend.hpp"
#include "evm/transaction.hpp"

namespace suture::chain {

// A transaction as a block holds it.
struct ChainTx {
    evm::Transaction tx;  // as executed, sender included
    uint64_t chain_id = 0;  // of the signature (0: an unprotected legacy or an unsigned call)
    Bytes raw;            // the signed EIP-2718 encoding; empty for an unsigned call
    Bytes32 hash{};       // keccak256(raw); for an unsigned call see unsigned_tx_hash
    bool is_signed() const { return !raw.empty(); }
};

struct ChainReceipt {
    bool success = false;
    uint64_t gas_used = 0;
    uint64_t cumulative_gas_used = 0;
    uint256 effective_gas_price;
    std::optional<Address> contract_address;
    std::vector<evm::Log> logs;
};

// The values before a block of one account it changed.
struct AccountUndo {
    Address address;
    std::optional<evm::AccountInfo> info;  // nullopt: the account did not exist
    // Every slot the account had when storage_complete (the block deleted the
    // account or cleared its storage); otherwise only the slots it changed.
    // A value of zero is an unset slot.
    bool storage_complete = false;
    std::vector<std::pair<uint256, uint256>> storage;
};

// EIP-7685: the requests hash of a block without requests, sha256("").
inline constexpr Bytes32 kNoRequestsHash = {0xe3, 0xb0, 0xc4, 0x42, 0x98, 0xfc, 0x1c, 0x14, 0x9a, 0xfb, 0xf4,
                                            0xc8, 0x99, 0x6f, 0xb9, 0x24, 0x27, 0xae, 0x41, 0xe4, 0x64, 0x9b,
                                            0x93, 0x4c, 0xa4, 0x95, 0x99, 0x1b, 0x78, 0x52, 0xb8, 0x55};

struct ChainBlock {
    // The header fields (Cancun layout; the fields of later forks are zero).
    uint64_t number = 0;
    uint64_t timestamp = 0;
    uint64_t gas_limit = 0;
    uint64_t gas_used = 0;
    uint256 base_fee;
    Bytes32 prev_randao{};  // mixHash
    Address coinbase;
    uint64_t excess_blob_gas = 0;
    uint64_t blob_gas_used = 0;
    Bytes32 parent_hash{};
    Bytes32 state_root{};
    Bytes32 transactions_root{};
    Bytes32 receipts_root{};
    Bytes32 hash{};  // keccak256 of the RLP header (block_header.hpp)
    // EIP-7685 (Prague): sha256 over the block's requests; sha256("") for none.
    Bytes32 requests_hash = kNoRequestsHash;

    std::vector<ChainTx> txs;
    std::vector<ChainReceipt> receipts;  // one per transaction
    std::vector<AccountUndo> undo;       // empty for the first block kept
};

struct ChainHistory {
    // Consecutive block numbers; back() is the latest block. Empty for a
    // state file written without history (format version 1).
    std::vector<ChainBlock> blocks;
    // Code blobs that undo records name but no live account holds any more.
    std::vector<std::pair<Bytes32, evm::CodePtr>> old_codes;
};

}  // namespace suture::chain
