// What one replayed transaction did, in the terms the replay gate compares,
// and the comparison of two such records (old implementation vs new).
//
// Observable effects: the outcome (status with return or revert data, or the
// EVM refusing the transaction), the logs, every storage write (all
// contracts), ETH balance changes net of gas (the sender's fee and the
// coinbase's tip are added back: gas is reported, never a difference), and
// ERC-20 balance changes read from Transfer(address,address,uint256) logs.
// Gas used is kept for the report.
//
// The comparison lists every differing item, most telling first (outcome,
// ETH, tokens, logs, storage), each in words through the build's ABIs.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "chain/rpc_types.hpp"
#include "core/abi_encode.hpp"
#include "core/result.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"
#include "verify/abi_text.hpp"

namespace suture::verify {

struct StorageWrite {
    Address address;
    uint256 slot;
    uint256 value;
    uint256 prior;  // the slot's value before the transaction
};

// A net balance change; `delta` is two's complement (negative: top bit set).
struct AmountChange {
    std::optional<Address> token;  // nullopt: ETH
    Address holder;
    uint256 delta;
};

struct TxEffects {
    bool executed = false;       // false: the EVM refused the transaction (invalid in this state)
    std::string refused;         // why
    evm::StatusCode status = evm::StatusCode::failure;
    Bytes output;
    std::vector<evm::Log> logs;
    int64_t gas_used = 0;
    std::optional<Address> created;
    std::vector<StorageWrite> storage;   // by address, then slot
    std::vector<AmountChange> balances;  // nonzero only: ETH first, then tokens; by token, then holder
    // From TargetTouchInspector.
    bool touched = false;
    bool reentered = false;
    std::vector<abi::Selector> entered;
};

// The effects of `outcome` (executed over `before`, not yet applied to it).
// Reads the balances before from `before`; only a backend read can fail.
Result<TxEffects> measure_effects(evm::StateBackend& before, const evm::BlockEnv& block, const evm::Transaction& tx,
                                  const evm::TxOutcome& outcome);

// "returned 100", "reverted ReentrancyGuardReentrantCall()", "failed (out of gas)",
// "was refused: nonce 3, account has 2".
std::string describe_outcome(const TxEffects& e, const AbiList& abis, const abi::AbiEntry* function);

struct DiffItem {
    std::string what;      // "outcome", "ETH balance of 0xab..", "log 2", "storage of 0xab.. slot 0x1"
    std::string old_text;  // as the old implementation did it
    std::string new_text;
};

// Every item that differs, most telling first; empty when the effects match.
std::vector<DiffItem> compare_effects(const TxEffects& old_run, const TxEffects& new_run, const AbiList& abis,
                                      const abi::AbiEntry* function);

// How the old run disagrees with the chain's receipt (status, gas used,
// logs); nullopt when it agrees.
std::optional<std::string> receipt_mismatch(const TxEffects& old_run, const chain::Receipt& receipt,
                                            const AbiList& abis);

}  // namespace suture::verify
