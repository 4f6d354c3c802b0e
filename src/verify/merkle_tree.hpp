// The Merkle tree of a migration's claim strategy, built exactly as
// OpenZeppelin's StandardMerkleTree (@openzeppelin/merkle-tree) builds it, so
// roots and proofs interoperate with its JS library and with MerkleProof.sol:
//   leaf  = keccak256(keccak256(abi.encode(values)))   (double hash: a leaf
//           can never be mistaken for an inner node of 64 bytes)
//   node  = keccak256(sorted(a, b))                    (commutative pairs)
//   leaves sorted by hash; a complete binary tree in an array of 2n-1 nodes,
//   leaf i at index 2n-2-i, node k's children at 2k+1 and 2k+2.
#pragma once

#include <cstddef>
#include <vector>

#include "core/abi_encode.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::verify {

// keccak256(keccak256(abi.encode(types, values))). Errors name the bad value.
Result<Bytes32> standard_leaf_hash(const std::vector<abi::AbiType>& types,
                                   const std::vector<abi::AbiValue>& values);

// keccak256 of the two hashes in ascending byte order.
Bytes32 hash_pair(const Bytes32& a, const Bytes32& b);

class MerkleTree {
public:
    // `leaves` in the caller's order (entry order); at least one. The tree
    // sorts them by hash as StandardMerkleTree does; proof(i) and
    // leaf(i) keep the caller's index.
    static Result<MerkleTree> build(std::vector<Bytes32> leaves);

    const Bytes32& root() const { return nodes_.front(); }
    size_t size() const { return tree_index_.size(); }
    const Bytes32& leaf(size_t entry) const { return nodes_[tree_index_[entry]]; }
    // Sibling hashes from the leaf up (MerkleProof.verify's order).
    std::vector<Bytes32> proof(size_t entry) const;

private:
    std::vector<Bytes32> nodes_;
    std::vector<size_t> tree_index_;  // entry -> index in nodes_
};

// MerkleProof.verify: folds `proof` into `leaf` with hash_pair.
bool verify_proof(const Bytes32& root, const Bytes32& leaf, const std::vector<Bytes32>& proof);

}  // namespace suture::verify
