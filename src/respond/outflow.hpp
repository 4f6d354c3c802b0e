// The value-outflow detector's arithmetic: how much left a target, per
// transaction and per block, in ETH or in one ERC-20 (its Transfer logs
// with the target as `from`), against a threshold. Pure: the monitor hands
// it each block's transactions with their logs and the ETH each moved out
// of the target (which needs a call trace: internal transfers leave no log).
#pragma once

#include <optional>
#include <vector>

#include "chain/rpc_types.hpp"
#include "core/address.hpp"
#include "core/uint256.hpp"

namespace suture::respond {

struct OutflowRule {
    Address target;
    std::optional<Address> token;  // nullopt: ETH
    uint256 threshold;             // fires when the outflow is strictly above it
    enum class Scope { transaction, block } scope = Scope::transaction;
};

// One transaction of a block, as the detector sees it.
struct TxActivity {
    Bytes32 hash{};
    std::vector<chain::Log> logs;
    uint256 eth_out;  // wei sent by the target during the transaction
};

struct OutflowHit {
    std::optional<Bytes32> tx;  // the transaction (scope transaction), or the block's last contributing one
    uint256 amount;             // what left, in wei or token units
};

// What `rule` finds in one block's transactions (in block order): a hit per
// transaction above the threshold, or one hit for the block.
std::vector<OutflowHit> outflow_hits(const OutflowRule& rule, const std::vector<TxActivity>& block);

// What left `target` in `token` in one transaction's logs (Transfer events
// from the target emitted by the token; malformed ones are skipped).
uint256 token_outflow(const std::vector<chain::Log>& logs, const Address& token, const Address& target);

}  // namespace suture::respond
