#include "chain/rpc_history.hpp"

#include <limits>
#include <unordered_map>

#include "chain/rpc_json.hpp"
#include "core/hex.hpp"

namespace suture::chain {
namespace {

using nlohmann::json;

Result<evm::AccessListEntry> parse_access_entry(const json& j, std::string_view) {
    evm::AccessListEntry e;
    SUTURE_CHECK(FieldReader(j).field("address", e.address, parse_addr).array("storageKeys", e.keys, parse_bytes32).status());
    return e;
}

// EIP-7702 tuples as nodes send them; older nodes name the parity "v".
Result<evm::Authorization> parse_authorization(const json& j, std::string_view) {
    evm::Authorization a;
    const char* parity = j.is_object() && j.contains("yParity") ? "yParity" : "v";
    SUTURE_CHECK(FieldReader(j)
                     .field("chainId", a.chain_id, parse_u256)
                     .field("address", a.address, parse_addr)
                     .field("nonce", a.nonce, parse_u64)
                     .field(parity, a.y_parity, parse_u256)
                     .field("r", a.r, parse_u256)
                     .field("s", a.s, parse_u256)
                     .status());
    return a;
}

Result<evm::TxType> parse_tx_type(const json& j, std::string_view field) {
    SUTURE_TRY(t, parse_u64(j, field));
    if (t > 4) return chain_error("field " + std::string(field) + ": transaction type " + std::to_string(t) + " is not one the EVM executes");
    return evm::TxType(t);
}

std::string tx_label(const json& tx, size_t index) {
    std::string label = "transaction " + std::to_string(index);
    if (tx.is_object() && tx.contains("hash") && tx["hash"].is_string()) label += " (" + tx["hash"].get<std::string>() + ")";
    return label;
}

}  // namespace

Status parse_block_env(const json& j, evm::BlockEnv& env) {
    uint64_t number = 0, timestamp = 0, gas_limit = 0;
    std::optional<uint256> base_fee, difficulty;
    std::optional<Bytes32> mix_hash;
    std::optional<uint64_t> excess_blob_gas;
    SUTURE_CHECK(FieldReader(j)
                     .field("number", number, parse_u64)
                     .field("timestamp", timestamp, parse_u64)
                     .field("gasLimit", gas_limit, parse_u64)
                     .field("miner", env.coinbase, parse_addr)
                     .optional_field("baseFeePerGas", base_fee, parse_u256)
                     .optional_field("mixHash", mix_hash, parse_bytes32)
                     .optional_field("difficulty", difficulty, parse_u256)
                     .optional_field("excessBlobGas", excess_blob_gas, parse_u64)
                     .optional_field("parentBeaconBlockRoot", env.parent_beacon_root, parse_bytes32)
                     .status());
    env.number = int64_t(number);
    env.timestamp = int64_t(timestamp);
    env.gas_limit = int64_t(gas_limit);
    env.base_fee = base_fee.value_or(uint256{});
    env.excess_blob_gas = excess_blob_gas.value_or(0);
    // EIP-4399: after the merge DIFFICULTY reads PREVRANDAO, which the header
    // carries in mixHash (difficulty is 0); before it, the difficulty.
    if (difficulty && *difficulty)
        env.prev_randao = *difficulty;
    else if (mix_hash)
        env.prev_randao = uint256::from_bytes32(*mix_hash);
    return {};
}

Result<evm::Transaction> parse_rpc_transaction(const json& j) {
    if (!j.is_object()) return chain_error("expected a transaction object (the block was fetched without full transactions?)");
    evm::Transaction tx;
    uint64_t gas = 0;
    evm::TxType type = evm::TxType::legacy;
    SUTURE_CHECK(FieldReader(j)
                     .optional_field("type", type, parse_tx_type)
                     .field("from", tx.sender, parse_addr)
                     .optional_field("to", tx.to, parse_addr)
                     .field("nonce", tx.nonce, parse_u64)
                     .field("value", tx.value, parse_u256)
                     .field("input", tx.data, parse_data)
                     .field("gas", gas, parse_u64)
                     .status());
    tx.type = type;
    if (gas > uint64_t(std::numeric_limits<int64_t>::max())) return chain_error("field gas: beyond the EVM's range");
    tx.gas_limit = int64_t(gas);
    FieldReader fees(j);
    if (type == evm::TxType::legacy || type == evm::TxType::access_list) {
        fees.field("gasPrice", tx.gas_price, parse_u256);
    } else {
        // EIP-1559: nodes also send gasPrice (the effective price), which is not a field of the transaction.
        fees.field("maxFeePerGas", tx.max_fee_per_gas, parse_u256)
            .field("maxPriorityFeePerGas", tx.max_priority_fee_per_gas, parse_u256);
    }
    if (type != evm::TxType::legacy) fees.optional_array("accessList", tx.access_list, parse_access_entry);
    if (type == evm::TxType::blob)
        fees.field("maxFeePerBlobGas", tx.max_fee_per_blob_gas, parse_u256)
            .array("blobVersionedHashes", tx.blob_hashes, parse_bytes32);
    if (type == evm::TxType::set_code) fees.array("authorizationList", tx.authorization_list, parse_authorization);
    SUTURE_CHECK(fees.status());
    return tx;
}

Result<HistoryBlock> parse_history_block(const json& block, const json& receipts) {
    if (!block.is_object()) return chain_error("expected a block object");
    HistoryBlock b;
    SUTURE_CHECK(FieldReader(block).field("number", b.number, parse_u64).field("hash", b.hash, parse_bytes32).status());
    const std::string where = "block " + std::to_string(b.number);
    if (auto s = parse_block_env(block, b.env); !s) return chain_error(where + ": " + s.error().message);
    auto txs = member(block, "transactions");
    if (!txs || !(*txs)->is_array()) return chain_error(where + ": no transactions array");
    if (!receipts.is_array()) return chain_error(where + ": receipts: expected an array");

    std::unordered_map<Bytes32, Receipt, Bytes32Hash> by_hash;
    for (const json& r : receipts) {
        auto parsed = parse_receipt(r);
        if (!parsed) return chain_error(where + ": receipt: " + parsed.error().message);
        by_hash.emplace(parsed->transaction_hash, std::move(*parsed));
    }
    size_t index = 0;
    for (const json& t : **txs) {
        const std::string label = where + " " + tx_label(t, index);
        HistoryTx h;
        auto tx = parse_rpc_transaction(t);
        if (!tx) return chain_error(label + ": " + tx.error().message);
        h.tx = std::move(*tx);
        if (auto s = FieldReader(t).field("hash", h.hash, parse_bytes32).status(); !s) return chain_error(label + ": " + s.error().message);
        auto r = by_hash.find(h.hash);
        if (r == by_hash.end()) return chain_error(label + ": the node gave no receipt for it");
        h.receipt = std::move(r->second);
        if (h.receipt.block_number != b.number || h.receipt.transaction_index != index)
            return chain_error(label + ": its receipt places it at block " + std::to_string(h.receipt.block_number) +
                               " index " + std::to_string(h.receipt.transaction_index) +
                               ": the node left a transaction out or reordered them");
        b.txs.push_back(std::move(h));
        ++index;
    }
    if (by_hash.size() != b.txs.size())
        return chain_error(where + ": " + std::to_string(by_hash.size()) + " receipts for " + std::to_string(b.txs.size()) +
                           " transactions");
    // A transaction left out of the answer still used gas in the block.
    uint64_t gas_used = 0;
    SUTURE_CHECK(FieldReader(block).field("gasUsed", gas_used, parse_u64).status());
    uint64_t receipts_gas = 0;
    for (const HistoryTx& t : b.txs) receipts_gas += t.receipt.gas_used;
    if (gas_used != receipts_gas)
        return chain_error(where + ": the block used " + std::to_string(gas_used) + " gas, its " +
                           std::to_string(b.txs.size()) + " transactions " + std::to_string(receipts_gas) +
                           ": the node left a transaction out");
    return b;
}

}  // namespace suture::chain
