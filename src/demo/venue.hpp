// The derivatives venue of issue 19 (examples/venue), deployed on a chain with a history of
// ordinary activity, and the attack on it, for `suture demo` and its tests.
//
// Everything goes through a chain::RpcClient (anvil, any node, or the in-process node's
// "state:FILE") and a chain::TxSender: signed transactions from deterministic keys, nothing
// impersonated, so the same calls build the same chain everywhere. Nothing here prints: progress
// goes to the caller's callback. Errors are values; a transaction that reverts is a chain error
// naming the step (e.g. "history round 3: user 0x.. openPosition: ... Venue: insufficient margin").
//
// What is deployed (examples/venue/README.md):
//   CollateralToken (vUSD, ERC-20 with a receive hook, minted by the deployer), PriceOracle (feed
//   admin: the keeper), PerpVenueV1 behind VenueProxy (ERC-1967, UUPS), a 2-of-3 Safe (1.4.1,
//   singleton + SafeProxyFactory from the npm package's artifacts), a TimelockController (min delay
//   > 0) whose only proposer and executor is the Safe; the venue's owner and DEFAULT_ADMIN_ROLE is
//   the timelock (upgrades, unpause), PAUSER_ROLE is the guardian's.
//
// Determinism: the same options, build and starting chain give the same transactions, in the
// same order, from the same keys (block numbers and hashes then depend on the node).
#pragma once

#include <array>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "chain/tx_sender.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "solidity/build.hpp"

namespace suture::demo {

// ---- the compiled code ----

struct VenueArtifacts {
    std::string venue_build;     // solc standard JSON of examples/venue/src (CMake: build/examples/venue.json)
    std::string safe_artifacts;  // node_modules/@safe-global/safe-contracts/build/artifacts/contracts
};

struct VenueBuild {
    solidity::BuildSet venue;
    Bytes safe_singleton_code;  // Safe.sol/Safe.json creation code
    Bytes safe_factory_code;    // proxies/SafeProxyFactory.sol/SafeProxyFactory.json creation code
};

// Loads both; an error names the file (and the contract that is missing).
Result<VenueBuild> load_venue_build(const VenueArtifacts& artifacts);

// ---- the actors ----

// Every actor is a dev key (chain::dev_key, docs/devnet.md) at a fixed index, so a devnet made with
// `suture devnet new --accounts venue_account_count(users)` funds them all; elsewhere deploy_venue
// funds them from VenueOptions::funder. Public test keys: never hold anything of value with them.
inline constexpr uint32_t venue_deployer_index = 0;    // deploys everything, mints vUSD
inline constexpr uint32_t venue_keeper_index = 1;      // the oracle's feed admin
inline constexpr uint32_t venue_guardian_index = 2;    // PAUSER_ROLE
inline constexpr uint32_t venue_safe_owner_index = 3;  // 3, 4, 5: the Safe's owners
inline constexpr uint32_t venue_attacker_index = 6;
inline constexpr uint32_t venue_liquidator_index = 7;
inline constexpr uint32_t venue_treasury_index = 8;    // receives nothing in V1 (wrong fix (d) pays it)
inline constexpr uint32_t venue_first_user_index = 9;  // users 9, 10, ...

constexpr uint32_t venue_account_count(uint32_t users) { return venue_first_user_index + users; }

struct VenueAccounts {
    chain::SecretKey deployer, keeper, guardian, attacker, liquidator, treasury;
    std::array<chain::SecretKey, 3> safe_owners;
    std::vector<chain::SecretKey> users;  // liquidity providers and traders
};

Result<VenueAccounts> venue_accounts(uint32_t users);

// ---- deployment and history ----

struct VenueOptions {
    uint32_t users = 24;              // at least 4
    uint32_t rounds = 6;              // history rounds: a price move and a few actions per user each
    uint64_t seed = 1;                // drives amounts, sides, leverage and price moves
    uint64_t timelock_delay = 86'400; // TimelockController's min delay, seconds (> 0)
    uint64_t fee_bps = 10;            // the venue's trading fee (at most 100)
    // Funds (1 ETH each) every actor whose balance is below 0.5 ETH, from this key, before deploying.
    // Not owned; may be one of the actors. nullptr: the actors must be funded already (a devnet).
    const chain::SecretKey* funder = nullptr;
};

struct VenueAddresses {
    Address token;           // CollateralToken
    Address oracle;          // PriceOracle
    Address implementation;  // PerpVenueV1
    Address venue;           // VenueProxy: the address users trade with, the target of a patch
    Address timelock;        // TimelockController, the venue's owner
    Address safe;            // the 2-of-3 Safe: the timelock's proposer and executor
    Address safe_singleton;
    Address safe_factory;
};

struct HistoryStats {
    uint64_t transactions = 0;  // every transaction the history sent (funding and deployment excluded)
    uint64_t lp_deposits = 0, lp_withdrawals = 0, share_transfers = 0;
    uint64_t margin_deposits = 0, margin_withdrawals = 0;
    uint64_t positions_opened = 0, positions_closed = 0, liquidations = 0;
    uint64_t price_updates = 0;
    // The venue's books after the history (read from the chain).
    uint256 pool_assets, trader_collateral, total_shares, collateral_balance;
};

struct VenueHistory {
    uint64_t first_block = 0, last_block = 0;  // the blocks holding the history's transactions
    HistoryStats stats;
};

struct VenueDeployment {
    VenueAddresses addresses;
    uint64_t deploy_first_block = 0, deploy_last_block = 0;
    VenueHistory history;
};

// One line of progress: the step ("deploy", "history", "attack") and how far it is.
using VenueProgress = std::function<void(std::string_view step, uint64_t done, uint64_t total)>;

// Funds the actors (VenueOptions::funder), deploys and wires every contract, mints the users'
// collateral and seeds the pool. Checks what it built (roles, owners, threshold, delay) and errors
// on any mismatch.
Result<VenueAddresses> deploy_venue(chain::RpcClient& rpc, chain::TxSender& sender, const VenueBuild& build,
                                    const VenueAccounts& accounts, const VenueOptions& options,
                                    const VenueProgress& progress = {});

// The ordinary activity: per round, the keeper moves the price (seeded walk), users deposit and
// withdraw liquidity, deposit margin, open and close longs and shorts; at least one position is
// liquidated (by the liquidator) in every history of two rounds or more. Leaves open positions and
// free margin behind (traders' collateral the venue owes).
Result<VenueHistory> run_venue_history(chain::RpcClient& rpc, chain::TxSender& sender, const VenueBuild& build,
                                       const VenueAccounts& accounts, const VenueAddresses& addresses,
                                       const VenueOptions& options, const VenueProgress& progress = {});

// deploy_venue then run_venue_history.
Result<VenueDeployment> deploy_venue_with_history(chain::RpcClient& rpc, chain::TxSender& sender,
                                                  const VenueBuild& build, const VenueAccounts& accounts,
                                                  const VenueOptions& options, const VenueProgress& progress = {});

// ---- the attack ----

struct AttackOptions {
    uint256 stake = uint256(20'000) * uint256(1'000'000'000'000'000'000ULL);  // vUSD the attacker deposits
    uint32_t drain_transactions = 4;   // attack(rounds) transactions after the set-up
    uint32_t rounds_per_transaction = 2;
};

struct AttackStep {
    std::string what;            // "deploy VenueAttacker", "approve", "stake", "attack(2) #1", ...
    Address from;                // the attacker (or, in a PoC only, the owner's unpause)
    std::optional<Address> to;   // nullopt: creation
    uint256 value;
    Bytes data;
    bool drains = false;         // an attack(rounds) transaction: the ones a monitor must see
};

// The attacker's transactions from its nonce at block `at` (read from the chain): deploy
// VenueAttacker, approve it, stake, then `drain_transactions` attack(rounds) calls. The attacker must
// hold `stake` vUSD at `at` (deploy_venue mints it some as an ordinary user). Nothing is sent.
Result<std::vector<AttackStep>> venue_attack(chain::RpcClient& rpc, const VenueBuild& build,
                                             const VenueAccounts& accounts, const VenueAddresses& addresses,
                                             const AttackOptions& options,
                                             const chain::BlockTag& at = chain::BlockTag::latest());

// Sends one step, signed by the attacker. A reverted step (e.g. the venue paused) is a chain error.
Result<chain::SentTransaction> send_attack_step(chain::TxSender& sender, const VenueAccounts& accounts,
                                                const AttackStep& step);

// The attack as the exploit gate's transaction list (docs/exploit-gate.md), built like venue_attack
// from the chain at block `at`: the block the gates run on (a PoC built after the attack, for gates
// that fork a block before it, would create its contract at another address). When the venue is
// paused there (after the guardian's pause), the list starts with unpause() from the owner (the
// timelock, impersonated as the gate allows) so that the PoC reproduces on the old code.
Result<nlohmann::json> venue_poc(chain::RpcClient& rpc, const VenueBuild& build, const VenueAccounts& accounts,
                                 const VenueAddresses& addresses, const AttackOptions& options,
                                 const chain::BlockTag& at = chain::BlockTag::latest());

// ---- the fixes ----

struct VenueFix {
    std::string contract;  // a contract of the venue build
    std::string stops_at;  // the gate of `suture run` expected to fail (a manifest that replays the
                           // history, as venue_manifest writes it); "" for the right fix
    std::string what;      // one line for the narrative
    std::string finding;   // the code of the error finding it stops with
    std::string stops_at_without_replay;  // the same without a replay gate (a chain with no history)
    std::string finding_without_replay;
};

// PerpVenueV2 (passes every gate), then the four wrong fixes in pipeline order: PerpVenueV2Relayout
// (check), PerpVenueV2GuardOnly (exploit), PerpVenueV2Rounding (replay; fuzz without a replay),
// PerpVenueV2Sweep (invariants).
const std::vector<VenueFix>& venue_fixes();

}  // namespace suture::demo
