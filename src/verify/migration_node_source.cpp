// A snapshot's logs and candidate keys on a node (migration_node_source.hpp).
#include "verify/migration_node_source.hpp"

#include <algorithm>

#include "chain/rpc_json.hpp"
#include "core/hex.hpp"

namespace suture::verify {
namespace {

void sort_unique(std::vector<Address>& v) {
    std::sort(v.begin(), v.end(), [](const Address& a, const Address& b) { return a.bytes < b.bytes; });
    v.erase(std::unique(v.begin(), v.end()), v.end());
}

}  // namespace

void collect_address_words(BytesView data, size_t offset, std::vector<Address>& out) {
    for (size_t at = offset; at + 32 <= data.size(); at += 32) {
        const auto* w = data.data() + at;
        if (!std::all_of(w, w + 12, [](uint8_t b) { return b == 0; })) continue;
        if (std::all_of(w + 12, w + 32, [](uint8_t b) { return b == 0; })) continue;
        Address a;
        std::copy(w + 12, w + 32, a.bytes.begin());
        out.push_back(a);
    }
}

Result<std::vector<evm::Log>> contract_logs(chain::RpcClient& rpc, const Address& contract,
                                            const std::vector<Bytes32>& topics0, uint64_t from_block, uint64_t to_block) {
    nlohmann::json any = nlohmann::json::array();
    for (const auto& t : topics0) any.push_back(to_hex(t));
    const nlohmann::json filter = {{"address", to_hex(contract.bytes)},
                                   {"fromBlock", chain::BlockTag::number(from_block).json()},
                                   {"toBlock", chain::BlockTag::number(to_block).json()},
                                   {"topics", nlohmann::json::array({any})}};
    SUTURE_TRY(res, rpc.request("eth_getLogs", nlohmann::json::array({filter})));
    const std::string where = "eth_getLogs of " + to_checksum(contract);
    if (!res.is_array()) return chain_error(where + ": expected an array");
    std::vector<evm::Log> out;
    out.reserve(res.size());
    for (const auto& l : res) {
        evm::Log log;
        SUTURE_TRY(addr, chain::parse_addr(l.value("address", nlohmann::json()), where + ": log.address"));
        log.address = addr;
        if (!l.contains("topics") || !l["topics"].is_array()) return chain_error(where + ": a log without topics");
        for (const auto& t : l["topics"]) {
            SUTURE_TRY(topic, chain::parse_bytes32(t, where + ": log.topics[]"));
            log.topics.push_back(topic);
        }
        SUTURE_TRY(data, chain::parse_data(l.value("data", nlohmann::json("0x")), where + ": log.data"));
        log.data = std::move(data);
        out.push_back(std::move(log));
    }
    return out;
}

Result<std::vector<Address>> addresses_named_by_transactions(chain::RpcClient& rpc, const Address& contract,
                                                             uint64_t from_block, uint64_t to_block) {
    std::vector<Address> out;
    constexpr uint64_t kBatch = 200;
    for (uint64_t first = from_block; first <= to_block; first += kBatch) {
        std::vector<chain::RpcCall> calls;
        for (uint64_t b = first; b <= std::min(to_block, first + kBatch - 1); ++b)
            calls.push_back({"eth_getBlockByNumber", nlohmann::json::array({chain::BlockTag::number(b).json(), true})});
        SUTURE_TRY(answers, rpc.batch(calls));
        for (size_t i = 0; i < answers.size(); ++i) {
            const auto& a = answers[i];
            const std::string where = "eth_getBlockByNumber " + std::to_string(first + i);
            if (a.error) return chain_error(where + ": " + a.error->message);
            if (!a.result.is_object() || !a.result.contains("transactions")) continue;
            for (const auto& tx : a.result["transactions"]) {
                if (!tx.is_object() || !tx.contains("to") || tx["to"].is_null()) continue;
                SUTURE_TRY(to, chain::parse_addr(tx["to"], where + ": transaction.to"));
                if (to != contract) continue;
                SUTURE_TRY(from, chain::parse_addr(tx.value("from", nlohmann::json()), where + ": transaction.from"));
                out.push_back(from);
                SUTURE_TRY(input, chain::parse_data(tx.value("input", nlohmann::json("0x")), where + ": transaction.input"));
                collect_address_words(input, 4, out);
            }
        }
    }
    sort_unique(out);
    return out;
}

}  // namespace suture::verify
