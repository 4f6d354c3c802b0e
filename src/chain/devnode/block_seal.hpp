// What makes a ChainBlock a block another tool recognises: its header RLP
// and hash, the transaction and receipt roots, the logs bloom, and the base
// fee of the block after it. Rules cite their EIPs in block_seal.cpp.
#pragma once

#include <array>
#include <cstdint>

#include "chain/devnode/chain_history.hpp"
#include "evm/revision.hpp"

namespace suture::chain {

using Bloom = std::array<uint8_t, 256>;

// The 2048-bit bloom of a set of logs (Yellow Paper 4.3.1).
Bloom logs_bloom(const std::vector<evm::Log>& logs);
// The union of a block's receipts' blooms.
Bloom block_bloom(const ChainBlock& block);

// EIP-2718 receipt encoding: type byte (typed transactions) ++
// rlp([status, cumulative gas, bloom, logs]).
Bytes encode_receipt(evm::TxType type, const ChainReceipt& r);

// The transaction's encoding in the transactions trie: the signed bytes, or
// for an unsigned call the RLP of its fields with the sender.
Bytes trie_encoding(const ChainTx& t);

// The hash of an unsigned call (impersonated sends, `devnet exec`):
// keccak256 of its trie encoding, so the same call from the same sender at
// the same nonce has one hash and no signed transaction shares it.
Bytes32 unsigned_tx_hash(const evm::Transaction& tx);

// The RLP header with the fields `rev` has (London: base fee; Shanghai:
// withdrawals root; Cancun: blob gas and the beacon root, zero here).
Bytes header_rlp(const ChainBlock& b, evm::Revision rev);

// EIP-7934 (Osaka): MAX_RLP_BLOCK_SIZE, the largest RLP-encoded block
// (MAX_BLOCK_SIZE 10 MiB less the 2 MiB SAFETY_MARGIN).
inline constexpr size_t kMaxRlpBlockSize = 8'388'608;

// The size of the block's RLP encoding: rlp([header, transactions, uncles
// (none), withdrawals (none, from Shanghai)]), a typed transaction as a
// byte string of its EIP-2718 bytes.
size_t block_rlp_size(const ChainBlock& b, evm::Revision rev);
// What one transaction adds to the transactions list's payload.
size_t block_tx_size(const ChainTx& t);

// A block with `env`'s header fields on `parent_hash`, no transactions yet.
ChainBlock open_block(const evm::BlockEnv& env, const Bytes32& parent_hash);

// Sets the transactions root, receipts root and hash from the block's other
// fields (the state root is the caller's).
void seal_block(ChainBlock& b, evm::Revision rev);

// EIP-1559: the base fee of the block after `parent`.
uint256 next_base_fee(const ChainBlock& parent);

// The price per gas a transaction paid in a block with `base_fee`.
uint256 effective_gas_price(const evm::Transaction& tx, const uint256& base_fee);

}  // namespace suture::chain
