// Fee and gas estimation for transactions Suture sends.
#pragma once

#include <cstdint>

#include "chain/rpc_client.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::chain {

// EIP-1559 fee caps (for a legacy transaction, gas_price = max_fee_per_gas).
struct Fees {
    uint256 max_fee_per_gas;
    uint256 max_priority_fee_per_gas;
};

struct FeeSettings {
    uint64_t history_blocks = 10;      // eth_feeHistory window
    double tip_percentile = 50;        // reward percentile taken in each block
    uint256 min_priority_fee = 0;      // floor for the tip (wei)
    // max fee = base_fee_multiplier x the next block's base fee + tip: with 2,
    // the transaction stays includable through six full blocks of +12.5% each.
    uint64_t base_fee_multiplier = 2;
};

// From eth_feeHistory: the tip is the median over the window of each block's
// `tip_percentile` reward (empty blocks, which report 0, are skipped; with no
// non-empty block eth_maxPriorityFeePerGas is asked), at least min_priority_fee;
// the max fee is base_fee_multiplier x the newest (pending) base fee + tip.
// A node without EIP-1559 (no base fees) is an error naming eth_feeHistory.
Result<Fees> estimate_fees(RpcClient& rpc, const FeeSettings& settings = {});

// Fees for a replacement of a stuck transaction: both caps raised by at least
// `percent` (nodes require >= 10%, geth and anvil reject less), and by at least 1 wei.
Fees bump_fees(const Fees& old, unsigned percent = 12);

// eth_estimateGas plus `margin_percent` (state can change between estimate and
// inclusion). A revert during estimation is a chain error with its decoded reason.
Result<uint64_t> estimate_gas_with_margin(RpcClient& rpc, const CallRequest& req, unsigned margin_percent = 20);

}  // namespace suture::chain
