#include "verify/merkle_tree.hpp"

#include <algorithm>
#include <numeric>

#include "core/keccak.hpp"

namespace suture::verify {

Result<Bytes32> standard_leaf_hash(const std::vector<abi::AbiType>& types,
                                   const std::vector<abi::AbiValue>& values) {
    SUTURE_TRY(encoded, abi::encode(types, values));
    const Bytes32 inner = keccak256(BytesView(encoded));
    return keccak256(BytesView(inner));
}

Bytes32 hash_pair(const Bytes32& a, const Bytes32& b) {
    uint8_t buf[64];
    const bool a_first = a <= b;
    std::copy(a.begin(), a.end(), buf + (a_first ? 0 : 32));
    std::copy(b.begin(), b.end(), buf + (a_first ? 32 : 0));
    return keccak256(BytesView(buf, sizeof buf));
}

Result<MerkleTree> MerkleTree::build(std::vector<Bytes32> leaves) {
    if (leaves.empty()) return input_error("merkle tree: no leaves (an empty snapshot has no root)");
    const size_t n = leaves.size();
    // Entry order sorted by leaf hash (stable, like Array.prototype.sort).
    std::vector<size_t> order(n);
    std::iota(order.begin(), order.end(), size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](size_t x, size_t y) { return leaves[x] < leaves[y]; });

    MerkleTree t;
    t.nodes_.resize(2 * n - 1);
    t.tree_index_.resize(n);
    const size_t last = t.nodes_.size() - 1;
    for (size_t sorted = 0; sorted < n; ++sorted) {
        t.nodes_[last - sorted] = leaves[order[sorted]];
        t.tree_index_[order[sorted]] = last - sorted;
    }
    for (size_t k = n - 1; k-- > 0;) t.nodes_[k] = hash_pair(t.nodes_[2 * k + 1], t.nodes_[2 * k + 2]);
    return t;
}

std::vector<Bytes32> MerkleTree::proof(size_t entry) const {
    std::vector<Bytes32> out;
    for (size_t k = tree_index_.at(entry); k > 0; k = (k - 1) / 2)
        out.push_back(nodes_[k % 2 ? k + 1 : k - 1]);
    return out;
}

bool verify_proof(const Bytes32& root, const Bytes32& leaf, const std::vector<Bytes32>& proof) {
    Bytes32 h = leaf;
    for (const auto& p : proof) h = hash_pair(h, p);
    return h == root;
}

}  // namespace suture::verify
