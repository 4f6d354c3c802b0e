// Route rules learned from real losses, checked on the exact upgrade before
// any transaction is sent (the simulate gate runs them on an overlay of the
// target's state; findings are core Findings, error level).
//
//   reinitializer-not-called   Ronin bridge, 2024: the upgrade called
//                              initializeV4 and never initializeV3, whose
//                              reinitializer(3) set the operators' total weight;
//                              version 4 locked V3 out forever and the bridge
//                              accepted withdrawals without signatures. Every
//                              reinitializer(n) above the proxy's current
//                              initialized version must be the upgrade call.
//   timelock-operations-split  Sonne Finance, 2024: market creation and its
//                              configuration were queued as separate timelock
//                              operations, so anyone could execute them out of
//                              order after the delay. Calls that belong to one
//                              upgrade are one scheduleBatch operation (or a
//                              chain of predecessors).
//   initializer-zeroes-state   Nomad bridge, 2022: an initializer set the
//                              committed root to zero, a value the old version
//                              had never allowed, and every message proved.
//                              A variable the old version had set (non-zero)
//                              that the upgrade call writes to zero is a finding.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/address.hpp"
#include "core/finding.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "deploy/timelock_calls.hpp"
#include "evm/state_backend.hpp"
#include "solidity/storage_layout.hpp"
#include "upgrade/initializer_versions.hpp"

namespace suture::pipeline {

// OpenZeppelin Initializable's version on the proxy: the v5 ERC-7201 slot
// (keccak256("openzeppelin.storage.Initializable")), else v4's `_initialized`
// variable found in `layout` (the old contract's). 0 when neither is set.
Result<uint64_t> initialized_version(evm::StateBackend& state, const Address& proxy,
                                     const solidity::ContractStorage& layout);

// Ronin 2024. `initializers` of the new implementation, `current` the proxy's
// version before the upgrade, `init_calldata` the call made with the upgrade.
Findings check_reinitializers(uint64_t current, const std::vector<upgrade::InitializerVersion>& initializers,
                              BytesView init_calldata);

// Sonne 2024. `scheduled` the timelock operations as they are queued,
// `calls` the calls of one upgrade, which must execute together and in order.
Findings check_timelock_batching(const std::vector<deploy::TimelockOperation>& scheduled,
                                 const std::vector<deploy::TimelockCall>& calls);

struct SlotWrite {
    uint256 slot;
    uint256 before, after;
};

// Nomad 2022. `writes` the proxy's storage slots the upgrade call changed;
// `layout` (the old contract's) names the variables in them. A packed slot is
// judged per variable; a slot no variable of the layout occupies (mappings,
// arrays, namespaces it does not describe) as a whole.
Findings check_initializer_writes(const Address& proxy, const std::vector<SlotWrite>& writes,
                                  const solidity::ContractStorage& layout);

}  // namespace suture::pipeline
