#include "evm/trie.hpp"

#include <algorithm>

#include "core/keccak.hpp"
#include "core/rlp_encode.hpp"

namespace suture::evm {
namespace {

struct Entry {
    Bytes nibbles;  // the key, one nibble per byte
    const Bytes* value;
};

// Hex-prefix encoding (appendix C) of nibbles, with the leaf/extension flag.
Bytes hex_prefix(const uint8_t* nib, size_t n, bool leaf) {
    Bytes out;
    out.reserve(n / 2 + 1);
    const uint8_t flag = uint8_t((leaf ? 2 : 0) | (n & 1));
    size_t i = 0;
    if (n & 1) {
        out.push_back(uint8_t(flag << 4 | nib[0]));
        i = 1;
    } else {
        out.push_back(uint8_t(flag << 4));
    }
    for (; i < n; i += 2) out.push_back(uint8_t(nib[i] << 4 | nib[i + 1]));
    return out;
}

// How a node appears inside its parent: embedded when its encoding is shorter
// than 32 bytes, otherwise by its hash.
Bytes reference(Bytes node) {
    if (node.size() < 32) return node;
    return rlp::encode_bytes(keccak256(node));
}

// The encoding of the node holding entries [lo, hi), all sharing the first
// `depth` nibbles, sorted by key.
Bytes build(const std::vector<Entry>& e, size_t lo, size_t hi, size_t depth) {
    if (hi - lo == 1) {
        const Bytes& k = e[lo].nibbles;
        return rlp::encode_list({rlp::encode_bytes(hex_prefix(k.data() + depth, k.size() - depth, true)),
                                 rlp::encode_bytes(*e[lo].value)});
    }
    // Sorted keys: the common prefix of all is that of the first and the last.
    const Bytes& first = e[lo].nibbles;
    const Bytes& last = e[hi - 1].nibbles;
    size_t common = 0;
    while (depth + common < first.size() && depth + common < last.size() &&
           first[depth + common] == last[depth + common])
        ++common;
    if (common > 0) {
        Bytes child = build(e, lo, hi, depth + common);
        return rlp::encode_list({rlp::encode_bytes(hex_prefix(first.data() + depth, common, false)),
                                 reference(std::move(child))});
    }
    std::vector<Bytes> items;
    items.reserve(17);
    size_t i = lo;
    Bytes value = rlp::encode_bytes({});
    if (e[i].nibbles.size() == depth) value = rlp::encode_bytes(*e[i++].value);  // a key ending here
    for (uint8_t nib = 0; nib < 16; ++nib) {
        size_t j = i;
        while (j < hi && e[j].nibbles[depth] == nib) ++j;
        items.push_back(j == i ? rlp::encode_bytes({}) : reference(build(e, i, j, depth + 1)));
        i = j;
    }
    items.push_back(std::move(value));
    return rlp::encode_list(items);
}

}  // namespace

Bytes32 trie_root(std::vector<std::pair<Bytes, Bytes>> entries) {
    std::vector<Entry> e;
    e.reserve(entries.size());
    for (const auto& [key, value] : entries) {
        if (value.empty()) continue;
        Entry x;
        x.nibbles.reserve(key.size() * 2);
        for (uint8_t b : key) {
            x.nibbles.push_back(b >> 4);
            x.nibbles.push_back(b & 0x0f);
        }
        x.value = &value;
        e.push_back(std::move(x));
    }
    if (e.empty()) return kEmptyTrieRoot;
    std::sort(e.begin(), e.end(), [](const Entry& a, const Entry& b) { return a.nibbles < b.nibbles; });
    return keccak256(build(e, 0, e.size(), 0));
}

}  // namespace suture::evm
