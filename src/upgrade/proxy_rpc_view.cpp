#include "upgrade/proxy_rpc_view.hpp"

#include "chain/rpc_json.hpp"
#include "core/hex.hpp"

namespace suture::upgrade {

Result<Bytes> RpcChainView::code(const Address& account) { return rpc_.get_code(account, tag_); }

Result<Bytes32> RpcChainView::storage(const Address& account, const Bytes32& slot) {
    return rpc_.get_storage_at(account, uint256::from_bytes32(slot), tag_);
}

Result<StaticCallResult> RpcChainView::call(const Address& to, BytesView data) {
    chain::CallRequest req;
    req.to = to;
    req.data.assign(data.begin(), data.end());
    SUTURE_TRY(out, rpc_.try_call(req, tag_));
    return StaticCallResult{out.reverted, std::move(out.output)};
}

Result<std::vector<LogEntry>> RpcChainView::logs(const Address& emitter, const Bytes32& topic0) {
    nlohmann::json filter = {{"address", to_hex(emitter.bytes)},
                             {"fromBlock", "0x0"},
                             {"toBlock", tag_.json()},
                             {"topics", nlohmann::json::array({to_hex(topic0)})}};
    SUTURE_TRY(res, rpc_.request("eth_getLogs", nlohmann::json::array({filter})));
    if (!res.is_array()) return chain_error("eth_getLogs at " + rpc_.redacted_url() + ": expected an array");
    std::vector<LogEntry> out;
    for (const auto& l : res) {
        LogEntry e;
        SUTURE_TRY(addr, chain::parse_addr(l.value("address", nlohmann::json()), "log.address"));
        e.address = addr;
        if (!l.contains("topics") || !l["topics"].is_array())
            return chain_error("eth_getLogs at " + rpc_.redacted_url() + ": log without topics");
        for (const auto& t : l["topics"]) {
            SUTURE_TRY(topic, chain::parse_bytes32(t, "log.topics[]"));
            e.topics.push_back(topic);
        }
        SUTURE_TRY(data, chain::parse_data(l.value("data", nlohmann::json("0x")), "log.data"));
        e.data = std::move(data);
        SUTURE_TRY(bn, chain::parse_u64(l.value("blockNumber", nlohmann::json("0x0")), "log.blockNumber"));
        e.block_number = bn;
        SUTURE_TRY(li, chain::parse_u64(l.value("logIndex", nlohmann::json("0x0")), "log.logIndex"));
        e.log_index = li;
        out.push_back(std::move(e));
    }
    return out;
}

}  // namespace suture::upgrade
