// RpcClient's typed eth_* helpers: JSON in and out of Suture types.
#include <cmath>

#include "chain/call_outcome.hpp"
#include "chain/rpc_client.hpp"
#include "chain/rpc_json.hpp"
#include "core/hex.hpp"

namespace suture::chain {

using nlohmann::json;

BlockTag BlockTag::number(uint64_t n) { return BlockTag(quantity(n)); }

json call_object(const CallRequest& r) {
    json o = json::object();
    if (r.from) o["from"] = to_hex(r.from->bytes);
    if (r.to) o["to"] = to_hex(r.to->bytes);
    if (r.gas) o["gas"] = quantity(*r.gas);
    if (r.gas_price) o["gasPrice"] = quantity(*r.gas_price);
    if (r.max_fee_per_gas) o["maxFeePerGas"] = quantity(*r.max_fee_per_gas);
    if (r.max_priority_fee_per_gas) o["maxPriorityFeePerGas"] = quantity(*r.max_priority_fee_per_gas);
    if (r.value) o["value"] = quantity(*r.value);
    // geth reads "input", older nodes "data"; anvil accepts both.
    o["input"] = to_hex(r.data);
    return o;
}

namespace {

Result<Log> parse_log(const json& j, std::string_view) {
    Log l;
    SUTURE_CHECK(FieldReader(j)
                     .field("address", l.address, parse_addr)
                     .field("data", l.data, parse_data)
                     .optional_field("logIndex", l.log_index, parse_u64)
                     .array("topics", l.topics, parse_bytes32)
                     .status());
    return l;
}

}  // namespace

Result<Receipt> parse_receipt(const json& j) {
    Receipt r;
    uint64_t status = 0;  // EIP-658; pre-Byzantium receipts carry a state root instead
    SUTURE_CHECK(FieldReader(j)
                     .field("transactionHash", r.transaction_hash, parse_bytes32)
                     .field("blockHash", r.block_hash, parse_bytes32)
                     .field("blockNumber", r.block_number, parse_u64)
                     .field("transactionIndex", r.transaction_index, parse_u64)
                     .field("from", r.from, parse_addr)
                     .field("gasUsed", r.gas_used, parse_u64)
                     .field("cumulativeGasUsed", r.cumulative_gas_used, parse_u64)
                     .optional_field("effectiveGasPrice", r.effective_gas_price, parse_u256)
                     .optional_field("to", r.to, parse_addr)
                     .optional_field("contractAddress", r.contract_address, parse_addr)
                     .field("status", status, parse_u64)
                     .optional_array("logs", r.logs, parse_log)
                     .status());
    r.status = status == 1;
    return r;
}

namespace {

// Without full transactions a block lists their hashes; with them, objects.
Result<Bytes32> parse_transaction_hash(const json& t, std::string_view field) {
    return parse_bytes32(t.is_object() && t.contains("hash") ? t["hash"] : t, field);
}

Result<BlockHeader> parse_block(const json& j) {
    BlockHeader b;
    SUTURE_CHECK(FieldReader(j)
                     .field("number", b.number, parse_u64)
                     .field("hash", b.hash, parse_bytes32)
                     .field("parentHash", b.parent_hash, parse_bytes32)
                     .field("timestamp", b.timestamp, parse_u64)
                     .field("gasLimit", b.gas_limit, parse_u64)
                     .field("gasUsed", b.gas_used, parse_u64)
                     .optional_field("baseFeePerGas", b.base_fee_per_gas, parse_u256)
                     .optional_array("transactions", b.transaction_hashes, parse_transaction_hash)
                     .status());
    return b;
}

// eth_feeHistory's gasUsedRatio entries; a node sending something other than
// a number there gets no say in fee estimation (0).
Result<double> parse_ratio(const json& x, std::string_view) { return x.is_number() ? x.get<double>() : 0.0; }

// One block's rewards, a quantity per requested percentile.
Result<std::vector<uint256>> parse_rewards(const json& row, std::string_view field) {
    std::vector<uint256> r;
    SUTURE_CHECK(parse_array(row, field, r, parse_u256));
    return r;
}

Result<FeeHistory> parse_fee_history(const json& j, std::string_view) {
    FeeHistory h;
    SUTURE_CHECK(FieldReader(j)
                     .field("oldestBlock", h.oldest_block, parse_u64)
                     .array("baseFeePerGas", h.base_fee_per_gas, parse_u256)
                     .optional_array("gasUsedRatio", h.gas_used_ratio, parse_ratio)
                     .optional_array("reward", h.reward, parse_rewards)
                     .status());
    return h;
}

// The node's answer, when it does not decode, as an error naming the method and
// the endpoint, so "missing field blockHash" says where it came from.
template <typename T>
Result<T> in_answer(Result<T> parsed, const RpcClient& rpc, std::string_view method) {
    if (parsed.ok()) return parsed;
    return std::move(parsed).error().context(std::string(method) + " at " + rpc.redacted_url() + ": malformed answer");
}

// `method` with `params`, its result decoded by parse(result, "result").
template <typename F>
auto ask(RpcClient& rpc, std::string_view method, json params, F parse) -> decltype(parse(json(), "result")) {
    SUTURE_TRY(j, rpc.request(method, std::move(params)));
    return in_answer(parse(j, "result"), rpc, method);
}

}  // namespace

Result<uint64_t> RpcClient::chain_id() {
    return ask(*this, "eth_chainId", json::array(), parse_u64);
}

Result<uint64_t> RpcClient::block_number() {
    return ask(*this, "eth_blockNumber", json::array(), parse_u64);
}

Result<uint256> RpcClient::get_balance(const Address& a, const BlockTag& tag) {
    return ask(*this, "eth_getBalance", {to_hex(a.bytes), tag.json()}, parse_u256);
}

Result<uint64_t> RpcClient::get_transaction_count(const Address& a, const BlockTag& tag) {
    return ask(*this, "eth_getTransactionCount", {to_hex(a.bytes), tag.json()}, parse_u64);
}

Result<Bytes> RpcClient::get_code(const Address& a, const BlockTag& tag) {
    return ask(*this, "eth_getCode", {to_hex(a.bytes), tag.json()}, parse_data);
}

Result<Bytes32> RpcClient::get_storage_at(const Address& a, const uint256& slot, const BlockTag& tag) {
    SUTURE_TRY(j, request("eth_getStorageAt", {to_hex(a.bytes), quantity(slot), tag.json()}));
    // Nodes answer with a 32-byte word; be lenient about shorter minimal forms.
    SUTURE_TRY(v, in_answer(parse_data(j, "result"), *this, "eth_getStorageAt"));
    if (v.size() > 32) return chain_error("eth_getStorageAt at " + redacted_url() + ": answer longer than 32 bytes");
    return uint256::from_be(BytesView(v)).to_bytes32();
}

Result<CallOutcome> RpcClient::try_call(const CallRequest& req, const BlockTag& tag, const abi::ContractAbi* abi) {
    SUTURE_TRY(resp, request_raw("eth_call", {call_object(req), tag.json()}));
    CallOutcome out;
    if (resp.error) {
        auto reverted = revert_outcome(*resp.error, abi);
        if (!reverted) return node_error("eth_call", *resp.error, abi);
        return std::move(*reverted);
    }
    SUTURE_TRY(v, in_answer(parse_data(resp.result, "result"), *this, "eth_call"));
    out.output = std::move(v);
    return out;
}

Result<Bytes> RpcClient::call(const CallRequest& req, const BlockTag& tag) {
    return ask(*this, "eth_call", {call_object(req), tag.json()}, parse_data);
}

Result<uint64_t> RpcClient::estimate_gas(const CallRequest& req, const BlockTag& tag) {
    return ask(*this, "eth_estimateGas", {call_object(req), tag.json()}, parse_u64);
}

Result<FeeHistory> RpcClient::fee_history(uint64_t block_count, const BlockTag& newest,
                                          const std::vector<double>& reward_percentiles) {
    return ask(*this, "eth_feeHistory", {quantity(block_count), newest.json(), reward_percentiles}, parse_fee_history);
}

Result<uint256> RpcClient::gas_price() {
    return ask(*this, "eth_gasPrice", json::array(), parse_u256);
}

Result<uint256> RpcClient::max_priority_fee_per_gas() {
    return ask(*this, "eth_maxPriorityFeePerGas", json::array(), parse_u256);
}

Result<Bytes32> RpcClient::send_raw_transaction(BytesView signed_tx) {
    return ask(*this, "eth_sendRawTransaction", {to_hex(signed_tx)}, parse_bytes32);
}

Result<std::optional<Receipt>> RpcClient::get_transaction_receipt(const Bytes32& tx_hash) {
    SUTURE_TRY(j, request("eth_getTransactionReceipt", {to_hex(tx_hash)}));
    if (j.is_null()) return std::optional<Receipt>{};
    // Some nodes return a receipt without a block while the tx is pending.
    if (j.is_object() && (!j.contains("blockHash") || j["blockHash"].is_null())) return std::optional<Receipt>{};
    SUTURE_TRY(r, in_answer(parse_receipt(j), *this, "eth_getTransactionReceipt"));
    return std::optional<Receipt>(std::move(r));
}

Result<std::optional<BlockHeader>> RpcClient::get_block_by_number(const BlockTag& tag) {
    SUTURE_TRY(j, request("eth_getBlockByNumber", {tag.json(), false}));
    if (j.is_null()) return std::optional<BlockHeader>{};
    SUTURE_TRY(b, in_answer(parse_block(j), *this, "eth_getBlockByNumber"));
    return std::optional<BlockHeader>(std::move(b));
}

}  // namespace suture::chain
