// Transactions in, receipts, transactions, blocks and logs out.
#include "chain/devnode/block_seal.hpp"
#include "chain/devnode/dev_node_methods.hpp"
#include "chain/devnode/rpc_objects.hpp"
#include "chain/rpc_json.hpp"
#include "chain/transaction.hpp"
#include "core/hex.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

json submitted(DevNode& node, ChainTx tx) {
    const Bytes32 hash = tx.hash;
    if (auto refused = node.chain().submit(std::move(tx))) fail(kServerError, refused->message);
    return to_hex(hash);
}

json send_raw_transaction(DevNode& node, const Params& p) {
    p.at_most(1);
    const Bytes raw = p.data(0, "transaction");
    auto decoded = decode_transaction(raw);
    if (!decoded.ok()) fail(kServerError, "invalid transaction: " + decoded.error().message);
    DevChain& chain = node.chain();
    if (auto s = validate_static(decoded->tx, chain.revision(), chain.chain_id()); !s.ok())
        fail(kServerError, s.error().message);
    auto tx = to_evm(*decoded);
    if (!tx.ok()) fail(kServerError, tx.error().message);
    ChainTx t;
    t.tx = std::move(tx).value();
    t.chain_id = decoded->tx.chain_id;
    t.raw = decoded->raw;
    t.hash = decoded->hash;
    return submitted(node, std::move(t));
}

// An unsigned transaction from an impersonated account (anvil_impersonateAccount).
json send_transaction(DevNode& node, const Params& p) {
    p.at_most(1);
    const CallFields c = p.call(0, "transaction");
    if (!c.from) p.bad(0, "transaction.from", "missing");
    DevChain& chain = node.chain();
    if (!chain.impersonating(*c.from))
        fail(kServerError, "unknown account " + to_checksum(*c.from) +
                               ": the in-process node holds no keys; sign the transaction or impersonate the account first");
    evm::Transaction tx;
    tx.sender = *c.from;
    tx.to = c.to;
    tx.value = c.value.value_or(uint256{});
    tx.data = c.data;
    tx.nonce = c.nonce ? *c.nonce : chain.pending_nonce(*c.from);
    if (c.gas_price) {
        tx.type = evm::TxType::legacy;
        tx.gas_price = *c.gas_price;
    } else {
        tx.type = evm::TxType::dynamic_fee;
        tx.max_priority_fee_per_gas = c.max_priority_fee_per_gas.value_or(uint256(1'000'000'000));
        tx.max_fee_per_gas = c.max_fee_per_gas.value_or(chain.next_env().base_fee * uint256(2) + tx.max_priority_fee_per_gas);
    }
    tx.gas_limit = int64_t(c.gas ? *c.gas : estimate_gas(chain, c, BlockRef{std::nullopt, "pending", std::nullopt}));
    ChainTx t;
    t.tx = std::move(tx);
    t.chain_id = chain.chain_id();
    t.hash = unsigned_tx_hash(t.tx);
    return submitted(node, std::move(t));
}

json get_transaction_receipt(DevNode& node, const Params& p) {
    p.at_most(1);
    auto place = node.chain().find_transaction(p.bytes32(0, "hash"));
    if (!place) return nullptr;
    return receipt_json(*place->block, place->index);
}

json get_transaction_by_hash(DevNode& node, const Params& p) {
    p.at_most(1);
    const Bytes32 hash = p.bytes32(0, "hash");
    if (auto place = node.chain().find_transaction(hash)) return transaction_json(place->block->txs[place->index], place->block, place->index);
    if (const ChainTx* pending = node.chain().find_pending(hash)) return transaction_json(*pending, nullptr, 0);
    return nullptr;
}

json block_or_null(DevNode& node, const BlockRef& ref, bool full) {
    DevChain& chain = node.chain();
    const ChainBlock* b = ref.hash ? chain.block_by_hash(*ref.hash) : ref.number ? chain.block(*ref.number) : nullptr;
    if (!ref.hash && !ref.number) b = &resolve_block(chain, ref);
    return b ? block_json(*b, full) : json(nullptr);
}

json get_block_by_number(DevNode& node, const Params& p) {
    p.at_most(2);
    p.at(0, "block");
    const bool full = p.has(1) ? p.boolean(1, "fullTransactions") : false;
    return block_or_null(node, p.block(0, "block"), full);
}

json get_block_by_hash(DevNode& node, const Params& p) {
    p.at_most(2);
    const bool full = p.has(1) ? p.boolean(1, "fullTransactions") : false;
    return block_or_null(node, BlockRef{std::nullopt, "", p.bytes32(0, "hash")}, full);
}

json get_block_receipts(DevNode& node, const Params& p) {
    p.at_most(1);
    const ChainBlock& b = resolve_block(node.chain(), p.block(0, "block"));
    json out = json::array();
    for (size_t i = 0; i < b.txs.size(); ++i) out.push_back(receipt_json(b, i));
    return out;
}

// eth_getLogs' filter: a range or one block hash, addresses, and topics
// (position i: null = any, a hash, or an array of alternatives).
struct LogFilter {
    uint64_t from = 0, to = 0;
    std::vector<Address> addresses;
    std::vector<std::vector<Bytes32>> topics;
};

LogFilter read_filter(DevNode& node, const Params& p) {
    const json& f = p.object(0, "filter");
    LogFilter out;
    auto param = [&](const char* key) { return Params(json::array({f.contains(key) ? f[key] : json(nullptr)}), "eth_getLogs"); };
    if (f.contains("blockHash") && !f["blockHash"].is_null()) {
        if (f.contains("fromBlock") || f.contains("toBlock")) p.bad(0, "filter.blockHash", "give blockHash or a range, not both");
        const Bytes32 h = param("blockHash").bytes32(0, "filter.blockHash");
        const ChainBlock* b = node.chain().block_by_hash(h);
        if (!b) fail(kServerError, "unknown block " + to_hex(h));
        out.from = out.to = b->number;
    } else {
        out.from = resolve_block(node.chain(), param("fromBlock").block(0, "filter.fromBlock")).number;
        out.to = resolve_block(node.chain(), param("toBlock").block(0, "filter.toBlock")).number;
        if (out.from > out.to) p.bad(0, "filter", "fromBlock " + std::to_string(out.from) + " is after toBlock " + std::to_string(out.to));
    }
    if (f.contains("address") && !f["address"].is_null()) {
        const json& a = f["address"];
        const json list = a.is_array() ? a : json::array({a});
        for (size_t i = 0; i < list.size(); ++i)
            out.addresses.push_back(Params(json::array({list[i]}), "eth_getLogs").address(0, "filter.address"));
    }
    if (f.contains("topics") && !f["topics"].is_null()) {
        const json& t = f["topics"];
        if (!t.is_array() || t.size() > 4) p.bad(0, "filter.topics", "expected an array of at most 4 entries");
        for (const json& pos : t) {
            std::vector<Bytes32> alternatives;
            const json list = pos.is_null() ? json::array() : pos.is_array() ? pos : json::array({pos});
            for (const json& x : list) alternatives.push_back(Params(json::array({x}), "eth_getLogs").bytes32(0, "filter.topics"));
            out.topics.push_back(std::move(alternatives));
        }
    }
    return out;
}

bool matches(const LogFilter& f, const evm::Log& l) {
    if (!f.addresses.empty() && std::find(f.addresses.begin(), f.addresses.end(), l.address) == f.addresses.end()) return false;
    for (size_t i = 0; i < f.topics.size(); ++i) {
        if (f.topics[i].empty()) continue;
        if (i >= l.topics.size()) return false;
        if (std::find(f.topics[i].begin(), f.topics[i].end(), l.topics[i]) == f.topics[i].end()) return false;
    }
    return true;
}

json get_logs(DevNode& node, const Params& p) {
    p.at_most(1);
    const LogFilter f = read_filter(node, p);
    json out = json::array();
    for (uint64_t n = f.from; n <= f.to; ++n) {
        const ChainBlock& b = *node.chain().block(n);
        uint64_t log_index = 0;
        for (size_t i = 0; i < b.txs.size(); ++i)
            for (const evm::Log& l : b.receipts[i].logs) {
                if (matches(f, l)) out.push_back(log_json(l, b, i, log_index));
                ++log_index;
            }
    }
    return out;
}

json block_transaction_count(DevNode& node, const Params& p) {
    p.at_most(1);
    return quantity(uint64_t(resolve_block(node.chain(), p.block(0, "block")).txs.size()));
}

constexpr Method kMethods[] = {
    {"eth_sendRawTransaction", send_raw_transaction},
    {"eth_sendTransaction", send_transaction},
    {"eth_getTransactionReceipt", get_transaction_receipt},
    {"eth_getTransactionByHash", get_transaction_by_hash},
    {"eth_getBlockByNumber", get_block_by_number},
    {"eth_getBlockByHash", get_block_by_hash},
    {"eth_getBlockReceipts", get_block_receipts},
    {"eth_getBlockTransactionCountByNumber", block_transaction_count},
    {"eth_getLogs", get_logs},
};

}  // namespace

std::span<const Method> chain_methods() { return kMethods; }

}  // namespace suture::chain
