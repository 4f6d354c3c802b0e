#include "respond/outflow.hpp"

#include "core/abi_encode.hpp"

namespace suture::respond {

uint256 token_outflow(const std::vector<chain::Log>& logs, const Address& token, const Address& target) {
    // ERC-20: Transfer(address indexed from, address indexed to, uint256 value).
    static const Bytes32 transfer = abi::event_topic("Transfer(address,address,uint256)");
    uint256 total;
    for (const auto& l : logs) {
        if (l.address != token || l.topics.size() != 3 || l.topics[0] != transfer || l.data.size() != 32) continue;
        if (!std::equal(target.bytes.begin(), target.bytes.end(), l.topics[1].begin() + 12)) continue;
        Bytes32 word;
        std::copy(l.data.begin(), l.data.end(), word.begin());
        total += uint256::from_bytes32(word);
    }
    return total;
}

std::vector<OutflowHit> outflow_hits(const OutflowRule& rule, const std::vector<TxActivity>& block) {
    std::vector<OutflowHit> hits;
    uint256 block_total;
    std::optional<Bytes32> last;
    for (const auto& tx : block) {
        uint256 out = rule.token ? token_outflow(tx.logs, *rule.token, rule.target) : tx.eth_out;
        if (out == uint256(0)) continue;
        if (rule.scope == OutflowRule::Scope::transaction) {
            if (out > rule.threshold) hits.push_back({tx.hash, out});
            continue;
        }
        block_total += out;
        last = tx.hash;
    }
    if (rule.scope == OutflowRule::Scope::block && block_total > rule.threshold) hits.push_back({last, block_total});
    return hits;
}

}  // namespace suture::respond
