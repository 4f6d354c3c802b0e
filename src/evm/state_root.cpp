#include "evm/state_root.hpp"

#include "core/keccak.hpp"
#include "core/rlp_encode.hpp"
#include "evm/trie.hpp"

namespace suture::evm {
namespace {

Bytes to_bytes(const Bytes32& h) { return Bytes(h.begin(), h.end()); }

}  // namespace

Bytes32 storage_root(const MemoryBackend::Account& account) {
    std::vector<std::pair<Bytes, Bytes>> entries;
    entries.reserve(account.storage.size());
    for (const auto& [key, value] : account.storage) {
        if (!value) continue;
        entries.emplace_back(to_bytes(keccak256(key.to_bytes32())), rlp::encode_uint(value));
    }
    return trie_root(std::move(entries));
}

Bytes32 state_root(const MemoryBackend& state) {
    std::vector<std::pair<Bytes, Bytes>> entries;
    entries.reserve(state.accounts().size());
    for (const auto& [addr, acc] : state.accounts()) {
        const Bytes32 sroot = storage_root(acc);
        Bytes value = rlp::encode_list({rlp::encode_uint(acc.nonce), rlp::encode_uint(acc.balance),
                                        rlp::encode_bytes(sroot), rlp::encode_bytes(acc.code_hash)});
        entries.emplace_back(to_bytes(keccak256(addr.bytes)), std::move(value));
    }
    return trie_root(std::move(entries));
}

Bytes32 logs_hash(const std::vector<Log>& logs) {
    std::vector<Bytes> items;
    items.reserve(logs.size());
    for (const Log& log : logs) {
        std::vector<Bytes> topics;
        topics.reserve(log.topics.size());
        for (const auto& t : log.topics) topics.push_back(rlp::encode_bytes(t));
        items.push_back(rlp::encode_list(
            {rlp::encode_bytes(log.address.bytes), rlp::encode_list(topics), rlp::encode_bytes(log.data)}));
    }
    return keccak256(rlp::encode_list(items));
}

}  // namespace suture::evm
