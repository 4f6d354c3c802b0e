// The embedded default's chain: a local state file with funded dev accounts
// (`suture devnet new`), whose keys anyone can derive, so examples and tests
// can act as those accounts with no node and no mnemonic.
//
// Dev key i (i = 0, 1, ...) is keccak256 of the ASCII text "suture-dev-" + i
// in decimal ("suture-dev-0", "suture-dev-1", ...): docs/devnet.md. Public
// test keys only: never hold anything of value with them.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chain/keys.hpp"
#include "chain/state_file.hpp"
#include "core/uint256.hpp"
#include "evm/state_backend.hpp"

namespace suture::chain {

struct DevnetOptions {
    uint32_t accounts = 10;
    uint256 balance = uint256(10'000) * uint256(1'000'000'000'000'000'000ULL);  // 10,000 ETH
    uint64_t chain_id = 1337;
    // Further addresses given `balance` (e.g. another tool's dev accounts,
    // so transaction lists written for that tool replay here unchanged).
    std::vector<Address> fund;
};

// The secret bytes of dev key `index` (public by design: printed by `devnet new`).
Bytes32 dev_secret(uint32_t index);

// Dev key `index`. Errors only for a hash outside the secp256k1 scalar range
// (probability ~2^-128; no index below 2^32 is known to hit it).
Result<SecretKey> dev_key(uint32_t index);

// A fresh devnet: the dev accounts funded, block 0 (timestamp 1,700,000,000,
// gas limit 30,000,000, base fee 1 gwei, prevrandao keccak256("suture-devnet")),
// revision Cancun.
Result<LocalState> new_devnet(const DevnetOptions& options);

// The block the next execution runs in: number + 1, timestamp + 12 (a slot).
evm::BlockEnv next_block(const evm::BlockEnv& latest);

// A message call `suture devnet exec` ran (no signature, gas price zero) and
// what it did.
struct ExecutedCall {
    Address from;
    std::optional<Address> to;  // nullopt: a creation
    uint256 value;
    Bytes data;
    int64_t gas_limit = 0;
    bool success = false;
    uint64_t gas_used = 0;
    std::optional<Address> created;
    std::vector<evm::Log> logs;
};

// Commits calls run in `block` on top of `state`: applies `diff` (their net
// change of the state) and makes `block` the latest. A state with block
// history (format 2: the in-process node's, chain/devnode) keeps it: the
// block is appended with its header (parent: the latest kept block), the
// calls as unsigned transactions (hash: unsigned_tx_hash, the sender's nonce
// before each) with their receipts, its undo record and state root, so the
// node and every reader of the history see it as they see the node's own
// blocks. `block` must then be the block after the latest kept one (its
// number); the caller runs the calls in DevChain(state).next_env(). Errors:
// a block that does not follow the history's latest.
Status commit_exec_block(LocalState& state, const evm::BlockEnv& block, const std::vector<ExecutedCall>& calls,
                         const evm::StateDiff& diff);

}  // namespace suture::chain
