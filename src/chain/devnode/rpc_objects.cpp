#include "chain/devnode/rpc_objects.hpp"

#include "chain/devnode/block_seal.hpp"
#include "chain/rpc_json.hpp"
#include "chain/transaction.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "core/rlp_encode.hpp"
#include "evm/trie.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

json access_list_json(const std::vector<evm::AccessListEntry>& list) {
    json out = json::array();
    for (const auto& e : list) {
        json keys = json::array();
        for (const Bytes32& k : e.keys) keys.push_back(to_hex(k));
        out.push_back({{"address", to_hex(e.address.bytes)}, {"storageKeys", keys}});
    }
    return out;
}

bool has_fee_caps(evm::TxType t) { return t != evm::TxType::legacy && t != evm::TxType::access_list; }

uint64_t logs_before(const ChainBlock& b, size_t tx_index) {
    uint64_t n = 0;
    for (size_t i = 0; i < tx_index; ++i) n += b.receipts[i].logs.size();
    return n;
}

}  // namespace

json transaction_json(const ChainTx& t, const ChainBlock* block, size_t index) {
    const evm::Transaction& tx = t.tx;
    json o = {
        {"hash", to_hex(t.hash)},
        {"type", quantity(uint64_t(tx.type))},
        {"from", to_hex(tx.sender.bytes)},
        {"to", tx.to ? json(to_hex(tx.to->bytes)) : json(nullptr)},
        {"nonce", quantity(tx.nonce)},
        {"value", quantity(tx.value)},
        {"input", to_hex(tx.data)},
        {"gas", quantity(uint64_t(tx.gas_limit))},
        {"blockHash", block ? json(to_hex(block->hash)) : json(nullptr)},
        {"blockNumber", block ? json(quantity(block->number)) : json(nullptr)},
        {"transactionIndex", block ? json(quantity(uint64_t(index))) : json(nullptr)},
    };
    if (has_fee_caps(tx.type)) {
        o["maxFeePerGas"] = quantity(tx.max_fee_per_gas);
        o["maxPriorityFeePerGas"] = quantity(tx.max_priority_fee_per_gas);
        // Nodes report the price the transaction paid once it is mined.
        o["gasPrice"] = quantity(block ? effective_gas_price(tx, block->base_fee) : tx.max_fee_per_gas);
    } else {
        o["gasPrice"] = quantity(tx.gas_price);
    }
    if (tx.type != evm::TxType::legacy) {
        o["accessList"] = access_list_json(tx.access_list);
        o["chainId"] = quantity(t.chain_id);
    } else if (t.chain_id) {
        o["chainId"] = quantity(t.chain_id);
    }
    // The signature: from the signed bytes; an unsigned call has none (zeros, as anvil's impersonated sends).
    Signature sig;
    if (t.is_signed())
        if (auto d = decode_transaction(t.raw); d.ok()) sig = d->signature;
    o["r"] = quantity(uint256::from_bytes32(sig.r));
    o["s"] = quantity(uint256::from_bytes32(sig.s));
    if (tx.type == evm::TxType::legacy) {
        const uint64_t v = t.chain_id ? t.chain_id * 2 + 35 + sig.recovery_id : 27 + sig.recovery_id;
        o["v"] = quantity(t.is_signed() ? v : 0);
    } else {
        o["v"] = quantity(uint64_t{sig.recovery_id});
        o["yParity"] = quantity(uint64_t{sig.recovery_id});
    }
    return o;
}

json log_json(const evm::Log& log, const ChainBlock& block, size_t tx_index, uint64_t log_index) {
    json topics = json::array();
    for (const Bytes32& t : log.topics) topics.push_back(to_hex(t));
    return {{"address", to_hex(log.address.bytes)},
            {"topics", topics},
            {"data", to_hex(log.data)},
            {"blockNumber", quantity(block.number)},
            {"blockHash", to_hex(block.hash)},
            {"blockTimestamp", quantity(block.timestamp)},
            {"transactionHash", to_hex(block.txs[tx_index].hash)},
            {"transactionIndex", quantity(uint64_t(tx_index))},
            {"logIndex", quantity(log_index)},
            {"removed", false}};
}

json receipt_json(const ChainBlock& block, size_t index) {
    const ChainTx& t = block.txs[index];
    const ChainReceipt& r = block.receipts[index];
    json logs = json::array();
    uint64_t log_index = logs_before(block, index);
    for (const evm::Log& l : r.logs) logs.push_back(log_json(l, block, index, log_index++));
    const Bloom bloom = logs_bloom(r.logs);
    return {{"transactionHash", to_hex(t.hash)},
            {"transactionIndex", quantity(uint64_t(index))},
            {"blockHash", to_hex(block.hash)},
            {"blockNumber", quantity(block.number)},
            {"from", to_hex(t.tx.sender.bytes)},
            {"to", t.tx.to ? json(to_hex(t.tx.to->bytes)) : json(nullptr)},
            {"cumulativeGasUsed", quantity(r.cumulative_gas_used)},
            {"gasUsed", quantity(r.gas_used)},
            {"effectiveGasPrice", quantity(r.effective_gas_price)},
            {"contractAddress", r.contract_address ? json(to_hex(r.contract_address->bytes)) : json(nullptr)},
            {"logs", logs},
            {"logsBloom", to_hex(BytesView(bloom.data(), bloom.size()))},
            {"type", quantity(uint64_t(t.tx.type))},
            {"status", quantity(uint64_t(r.success ? 1 : 0))}};
}

json block_json(const ChainBlock& b, bool full_transactions) {
    json txs = json::array();
    for (size_t i = 0; i < b.txs.size(); ++i)
        txs.push_back(full_transactions ? transaction_json(b.txs[i], &b, i) : json(to_hex(b.txs[i].hash)));
    const Bloom bloom = block_bloom(b);
    static const std::string empty_list = to_hex(keccak256(rlp::encode_list(std::vector<Bytes>{})));
    return {{"number", quantity(b.number)},
            {"hash", to_hex(b.hash)},
            {"parentHash", to_hex(b.parent_hash)},
            {"sha3Uncles", empty_list},
            {"miner", to_hex(b.coinbase.bytes)},
            {"stateRoot", to_hex(b.state_root)},
            {"transactionsRoot", to_hex(b.transactions_root)},
            {"receiptsRoot", to_hex(b.receipts_root)},
            {"logsBloom", to_hex(BytesView(bloom.data(), bloom.size()))},
            {"difficulty", "0x0"},
            {"gasLimit", quantity(b.gas_limit)},
            {"gasUsed", quantity(b.gas_used)},
            {"timestamp", quantity(b.timestamp)},
            {"extraData", "0x"},
            {"mixHash", to_hex(b.prev_randao)},
            {"nonce", "0x0000000000000000"},
            {"baseFeePerGas", quantity(b.base_fee)},
            {"withdrawalsRoot", to_hex(evm::kEmptyTrieRoot)},
            {"withdrawals", json::array()},
            {"blobGasUsed", quantity(b.blob_gas_used)},
            {"excessBlobGas", quantity(b.excess_blob_gas)},
            {"parentBeaconBlockRoot", to_hex(Bytes32{})},
            {"uncles", json::array()},
            {"transactions", txs}};
}

}  // namespace suture::chain
