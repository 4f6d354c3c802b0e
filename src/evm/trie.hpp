// Merkle-Patricia trie root hashes (Ethereum Yellow Paper, appendix D).
//
// The trie is built in one pass from sorted entries, without storing nodes:
// Suture needs roots (state root, storage roots) for conformance checks, not
// proofs. For the "secure" trie of the state, callers pass keccak256(key) as
// the key.
#pragma once

#include <utility>
#include <vector>

#include "core/bytes.hpp"

namespace suture::evm {

// keccak256(rlp("")): the root of a trie with no entries.
inline constexpr Bytes32 kEmptyTrieRoot = {
    0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45, 0xe6, 0x92, 0xc0, 0xf8, 0x6e,
    0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c, 0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21};

// Root of the trie holding `entries` (key, value). Keys must be distinct;
// entries with an empty value are absent (that is how a trie deletes), and the
// order of the input does not matter.
Bytes32 trie_root(std::vector<std::pair<Bytes, Bytes>> entries);

}  // namespace suture::evm
