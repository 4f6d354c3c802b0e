// What the attacker walked away with: balance deltas of the attacker
// addresses in ETH and in named ERC-20 tokens, read from the state before and
// after a proof of concept ran. "Reproduces" without a gain figure leaves the
// reviewer to guess how bad it was; "blocked" with a gain of zero says the fix
// protects the money, not just that something reverted.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "evm/state.hpp"
#include "evm/state_backend.hpp"
#include "evm/transaction.hpp"

namespace suture::verify {

// An asset whose balance is tracked: ETH when `token` is empty.
struct TrackedAsset {
    std::string name;  // "ETH", "USDC"
    std::optional<Address> token;
    uint256 min_gain;  // a gain counts only above this many base units (rounding dust is no exploit)
};

// balances[holder][asset], in the order given.
using BalanceSheet = std::vector<std::vector<uint256>>;

// Reads every holder's balance of every asset (ERC-20 `balanceOf` as a
// message call that is not committed; zero while the token has no code, as
// when the PoC deploys it). A token call that reverts or returns fewer than
// 32 bytes is an input error naming the token.
Result<BalanceSheet> read_balances(evm::StateBackend& state, evm::Revision rev, const evm::BlockEnv& block,
                                   const std::vector<Address>& holders, const std::vector<TrackedAsset>& assets);

// The same, read inside a running transaction's state (a Foundry test between
// setUp() and the test function): token calls run as static calls on `state`
// and are undone, so the test continues unaffected.
Result<BalanceSheet> read_balances_in(evm::State& state, const evm::BlockEnv& block,
                                      const std::vector<Address>& holders, const std::vector<TrackedAsset>& assets);

struct BalanceDelta {
    Address holder;
    std::string asset;
    bool loss = false;   // the holder ended with less
    uint256 amount;      // |after - before|
};

// The non-zero deltas between two sheets of the same holders and assets.
std::vector<BalanceDelta> balance_deltas(const std::vector<Address>& holders, const std::vector<TrackedAsset>& assets,
                                         const BalanceSheet& before, const BalanceSheet& after);

// Whether any holder gained more of an asset than its min_gain.
bool any_gain(const std::vector<BalanceDelta>& deltas, const std::vector<TrackedAsset>& assets);

}  // namespace suture::verify
