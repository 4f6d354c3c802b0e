// Commitments the consensus rules define over state and receipts: the state
// root (secure Merkle-Patricia trie of accounts, each with its storage root)
// and the logs hash state tests check.
#pragma once

#include <vector>

#include "evm/state.hpp"
#include "evm/state_memory.hpp"

namespace suture::evm {

// Secure trie keccak(slot) -> rlp(trimmed value) of one account's storage.
Bytes32 storage_root(const MemoryBackend::Account& account);

// Secure trie keccak(address) -> rlp([nonce, balance, storage root, code hash]).
Bytes32 state_root(const MemoryBackend& state);

// keccak256(rlp([[address, [topics...], data]...])).
Bytes32 logs_hash(const std::vector<Log>& logs);

}  // namespace suture::evm
