// Fee and gas estimation (fees.hpp).
#include "chain/fees.hpp"

#include <algorithm>

namespace suture::chain {

Result<Fees> estimate_fees(RpcClient& rpc, const FeeSettings& settings) {
    SUTURE_TRY(h, rpc.fee_history(std::max<uint64_t>(1, settings.history_blocks), BlockTag::latest(),
                                  {settings.tip_percentile}));
    if (h.base_fee_per_gas.empty() || !h.base_fee_per_gas.back())
        return chain_error("eth_feeHistory at " + rpc.redacted_url() +
                           ": no base fee (the chain does not use EIP-1559); use legacy gas pricing");
    std::vector<uint256> tips;
    for (size_t i = 0; i < h.reward.size(); ++i) {
        bool empty_block = i < h.gas_used_ratio.size() && h.gas_used_ratio[i] == 0.0;
        if (!empty_block && !h.reward[i].empty()) tips.push_back(h.reward[i][0]);
    }
    uint256 tip;
    if (!tips.empty()) {
        std::sort(tips.begin(), tips.end());
        tip = tips[tips.size() / 2];
    } else {
        SUTURE_TRY(suggested, rpc.max_priority_fee_per_gas());
        tip = suggested;
    }
    tip = std::max(tip, settings.min_priority_fee);
    // The last entry is the base fee of the block after the newest: the one we aim for.
    const uint256& next_base = h.base_fee_per_gas.back();
    return Fees{next_base * settings.base_fee_multiplier + tip, tip};
}

Fees bump_fees(const Fees& old, unsigned percent) {
    auto bump = [percent](const uint256& v) {
        uint256 up = v + v * percent / 100;
        // Integer division rounds down: make sure the increase really is >= percent.
        if (up * 100 < v * (100 + percent)) up = up + 1;
        return std::max(up, v + 1);
    };
    return Fees{bump(old.max_fee_per_gas), bump(old.max_priority_fee_per_gas)};
}

Result<uint64_t> estimate_gas_with_margin(RpcClient& rpc, const CallRequest& req, unsigned margin_percent) {
    SUTURE_TRY(gas, rpc.estimate_gas(req));
    return gas + gas * margin_percent / 100;
}

}  // namespace suture::chain
