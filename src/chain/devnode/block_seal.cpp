#include "chain/devnode/block_seal.hpp"

#include <algorithm>

#include "core/keccak.hpp"
#include "core/rlp_encode.hpp"
#include "evm/trie.hpp"

namespace suture::chain {
namespace {

// keccak256(rlp([])): the ommers hash of every post-merge block.
const Bytes32& empty_list_hash() {
    static const Bytes32 h = keccak256(rlp::encode_list(std::vector<Bytes>{}));
    return h;
}

void add_to_bloom(Bloom& bloom, BytesView item) {
    // Yellow Paper 4.3.1: three 11-bit indexes from the first six bytes of the hash.
    const Bytes32 h = keccak256(item);
    for (int i = 0; i < 6; i += 2) {
        const unsigned bit = ((unsigned(h[i]) << 8) | h[i + 1]) & 2047u;
        bloom[255 - bit / 8] |= uint8_t(1u << (bit % 8));
    }
}

Bytes encode_logs(const std::vector<evm::Log>& logs) {
    std::vector<Bytes> items;
    items.reserve(logs.size());
    for (const evm::Log& l : logs) {
        std::vector<Bytes> topics;
        for (const Bytes32& t : l.topics) topics.push_back(rlp::encode_bytes(t));
        items.push_back(rlp::encode_list({rlp::encode_bytes(l.address.bytes), rlp::encode_list(topics), rlp::encode_bytes(l.data)}));
    }
    return rlp::encode_list(items);
}

Bytes32 ordered_trie_root(const std::vector<Bytes>& values) {
    std::vector<std::pair<Bytes, Bytes>> entries;
    entries.reserve(values.size());
    for (size_t i = 0; i < values.size(); ++i) entries.emplace_back(rlp::encode_uint(uint64_t(i)), values[i]);
    return evm::trie_root(std::move(entries));
}

}  // namespace

Bloom logs_bloom(const std::vector<evm::Log>& logs) {
    Bloom bloom{};
    for (const evm::Log& l : logs) {
        add_to_bloom(bloom, l.address.bytes);
        for (const Bytes32& t : l.topics) add_to_bloom(bloom, t);
    }
    return bloom;
}

Bloom block_bloom(const ChainBlock& block) {
    Bloom bloom{};
    for (const ChainReceipt& r : block.receipts) {
        const Bloom b = logs_bloom(r.logs);
        for (size_t i = 0; i < bloom.size(); ++i) bloom[i] |= b[i];
    }
    return bloom;
}

Bytes encode_receipt(evm::TxType type, const ChainReceipt& r) {
    const Bloom bloom = logs_bloom(r.logs);
    Bytes body = rlp::encode_list({rlp::encode_uint(uint64_t(r.success ? 1 : 0)), rlp::encode_uint(r.cumulative_gas_used),
                                   rlp::encode_bytes(BytesView(bloom.data(), bloom.size())), encode_logs(r.logs)});
    if (type == evm::TxType::legacy) return body;
    body.insert(body.begin(), uint8_t(type));  // EIP-2718
    return body;
}

Bytes trie_encoding(const ChainTx& t) {
    if (t.is_signed()) return t.raw;
    const evm::Transaction& tx = t.tx;
    return rlp::encode_list({rlp::encode_uint(uint64_t(tx.type)), rlp::encode_bytes(tx.sender.bytes),
                             rlp::encode_bytes(tx.to ? BytesView(tx.to->bytes) : BytesView()), rlp::encode_uint(tx.nonce),
                             rlp::encode_uint(tx.value), rlp::encode_bytes(tx.data), rlp::encode_uint(uint64_t(tx.gas_limit)),
                             rlp::encode_uint(tx.gas_price), rlp::encode_uint(tx.max_fee_per_gas),
                             rlp::encode_uint(tx.max_priority_fee_per_gas)});
}

Bytes32 unsigned_tx_hash(const evm::Transaction& tx) {
    ChainTx t;
    t.tx = tx;
    return keccak256(trie_encoding(t));
}

Bytes header_rlp(const ChainBlock& b, evm::Revision rev) {
    const Bloom bloom = block_bloom(b);
    const uint8_t zero_nonce[8] = {};
    std::vector<Bytes> f = {
        rlp::encode_bytes(b.parent_hash),
        rlp::encode_bytes(empty_list_hash()),
        rlp::encode_bytes(b.coinbase.bytes),
        rlp::encode_bytes(b.state_root),
        rlp::encode_bytes(b.transactions_root),
        rlp::encode_bytes(b.receipts_root),
        rlp::encode_bytes(BytesView(bloom.data(), bloom.size())),
        rlp::encode_uint(uint64_t{0}),  // difficulty: 0 after the merge (EIP-3675)
        rlp::encode_uint(b.number),
        rlp::encode_uint(b.gas_limit),
        rlp::encode_uint(b.gas_used),
        rlp::encode_uint(b.timestamp),
        rlp::encode_bytes(BytesView()),  // extra data
        rlp::encode_bytes(b.prev_randao),  // mixHash carries PREVRANDAO (EIP-4399)
        rlp::encode_bytes(BytesView(zero_nonce, 8)),
    };
    if (rev >= evm::Revision::london) f.push_back(rlp::encode_uint(b.base_fee));  // EIP-1559
    if (rev >= evm::Revision::shanghai) f.push_back(rlp::encode_bytes(evm::kEmptyTrieRoot));  // EIP-4895: no withdrawals
    if (rev >= evm::Revision::cancun) {  // EIP-4844, EIP-4788
        f.push_back(rlp::encode_uint(b.blob_gas_used));
        f.push_back(rlp::encode_uint(b.excess_blob_gas));
        f.push_back(rlp::encode_bytes(Bytes32{}));
    }
    if (rev >= evm::Revision::prague) f.push_back(rlp::encode_bytes(b.requests_hash));  // EIP-7685
    return rlp::encode_list(f);
}

size_t block_tx_size(const ChainTx& t) {
    const Bytes e = trie_encoding(t);
    // A legacy transaction is its RLP list; a typed one a byte string of it.
    return t.tx.type == evm::TxType::legacy ? e.size() : rlp::encode_bytes(e).size();
}

size_t block_rlp_size(const ChainBlock& b, evm::Revision rev) {
    size_t txs = 0;
    for (const ChainTx& t : b.txs) txs += block_tx_size(t);
    auto list_size = [](size_t payload) { return payload + (payload < 56 ? 1 : 1 + (payload < 256 ? 1 : payload < 65536 ? 2 : payload < (1u << 24) ? 3 : 4)); };
    size_t body = header_rlp(b, rev).size() + list_size(txs) + list_size(0);
    if (rev >= evm::Revision::shanghai) body += list_size(0);
    return list_size(body);
}

ChainBlock open_block(const evm::BlockEnv& env, const Bytes32& parent_hash) {
    ChainBlock b;
    b.number = uint64_t(env.number);
    b.timestamp = uint64_t(env.timestamp);
    b.gas_limit = uint64_t(env.gas_limit);
    b.base_fee = env.base_fee;
    b.prev_randao = env.prev_randao.to_bytes32();
    b.coinbase = env.coinbase;
    b.excess_blob_gas = env.excess_blob_gas;
    b.parent_hash = parent_hash;
    return b;
}

void seal_block(ChainBlock& b, evm::Revision rev) {
    std::vector<Bytes> txs, receipts;
    for (size_t i = 0; i < b.txs.size(); ++i) {
        txs.push_back(trie_encoding(b.txs[i]));
        receipts.push_back(encode_receipt(b.txs[i].tx.type, b.receipts[i]));
    }
    b.transactions_root = ordered_trie_root(txs);
    b.receipts_root = ordered_trie_root(receipts);
    b.hash = keccak256(header_rlp(b, rev));
}

uint256 next_base_fee(const ChainBlock& parent) {
    // EIP-1559: the target is half the gas limit; the fee moves by at most 1/8
    // of itself, in proportion to how far the parent was from the target.
    const uint64_t target = parent.gas_limit / 2;
    if (target == 0 || parent.gas_used == target) return parent.base_fee;
    if (parent.gas_used > target) {
        const uint256 delta = parent.base_fee * uint256(parent.gas_used - target) / uint256(target) / uint256(8);
        return parent.base_fee + std::max(delta, uint256(1));
    }
    const uint256 delta = parent.base_fee * uint256(target - parent.gas_used) / uint256(target) / uint256(8);
    return parent.base_fee - delta;
}

uint256 effective_gas_price(const evm::Transaction& tx, const uint256& base_fee) {
    if (tx.type == evm::TxType::legacy || tx.type == evm::TxType::access_list) return tx.gas_price;
    const uint256 tip_cap = base_fee + tx.max_priority_fee_per_gas;
    return std::min(tx.max_fee_per_gas, tip_cap);
}

}  // namespace suture::chain
