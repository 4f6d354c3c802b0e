// An administrative call the venue's owner makes: the TimelockController
// calls it, the Safe proposes and executes it (the same path as an upgrade,
// for a call that is not one: `unpause()` once the fix is live). Two Safe
// transactions (schedule, execute) with the delay waited out in between.
// Nothing prints.
#pragma once

#include <cstdint>
#include <vector>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "chain/tx_sender.hpp"
#include "core/result.hpp"

namespace suture::demo {

struct OwnerPath {
    Address timelock;
    Address safe;
    std::vector<const chain::SecretKey*> owners;  // the Safe's threshold of owner keys; the first submits
};

struct OwnerCall {
    Bytes32 operation{};              // the timelock operation id
    Bytes32 schedule_tx{}, execute_tx{};
    uint64_t delay = 0;               // seconds waited out (the timelock's min delay)
};

// schedule(target, 0, data, 0, salt, minDelay) and, after the clock is moved
// past the delay (evm_increaseTime: a dev chain), execute: each as
// Safe.execTransaction signed by `path.owners`. Errors name the step.
Result<OwnerCall> call_as_owner(chain::RpcClient& rpc, chain::TxSender& sender, const OwnerPath& path,
                                const Address& target, const Bytes& data, const Bytes32& salt);

}  // namespace suture::demo
