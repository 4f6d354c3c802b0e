// The fuzzer's quick comparison of one call's two runs (old code, new code),
// before the full one (replay_compare.hpp): measuring effects reads the
// balance of every account a run loaded and builds maps per call, which
// costs more than the calls of a small vault function. Most fuzzed calls
// behave identically, so the raw outcomes are compared first; only when they
// differ are the effects measured and compared item by item.
//
// `outcomes_match` is true only when compare_effects would find nothing:
// the same status, output, logs and created address; the same storage writes
// (as sets: the two diffs list accounts in their own order, and the
// implementations' code accounts differ); the same new balance of every
// account both diffs hold, and no balance change in an account only one
// holds (its balance before is read from that run's state). Balances before
// are equal in the two states except where installing the new code changed
// them: a diff touching such an account (`unequal_balances`) never matches
// here. Calls run with a zero gas price, so gas, which the effects ignore, moves no
// balance.
#pragma once

#include <vector>

#include "core/address.hpp"
#include "core/result.hpp"
#include "evm/state_backend.hpp"
#include "evm/transaction.hpp"

namespace suture::verify {

Result<bool> outcomes_match(evm::StateBackend& old_before, const evm::TxOutcome& old_run, evm::StateBackend& new_before,
                            const evm::TxOutcome& new_run, const std::vector<Address>& unequal_balances);

}  // namespace suture::verify
