// OpenZeppelin TimelockController (4.x and 5.x): operation ids and the call
// data of schedule / scheduleBatch / execute / executeBatch / cancel.
#pragma once

#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::deploy {

struct TimelockCall {
    Address target;
    uint256 value;
    Bytes data;
};

struct TimelockOperation {
    std::vector<TimelockCall> calls;  // one call: schedule/execute, unless batch is set
    Bytes32 predecessor{};            // an operation that must be done first, or zero
    Bytes32 salt{};                   // distinguishes otherwise identical operations
    bool batch = false;               // force the *Batch functions for a single call

    bool uses_batch() const { return batch || calls.size() != 1; }
};

// hashOperation: keccak256(abi.encode(target, value, data, predecessor, salt));
// hashOperationBatch: keccak256(abi.encode(targets, values, payloads, predecessor, salt)).
Result<Bytes32> timelock_operation_id(const TimelockOperation& op);

// schedule(target, value, data, predecessor, salt, delay) or scheduleBatch(...).
Result<Bytes> timelock_schedule_calldata(const TimelockOperation& op, const uint256& delay);
// execute(target, value, payload, predecessor, salt) or executeBatch(...).
Result<Bytes> timelock_execute_calldata(const TimelockOperation& op);
// cancel(id).
Result<Bytes> timelock_cancel_calldata(const Bytes32& id);

// The ETH the execute transaction must carry: the sum of the calls' values.
uint256 timelock_total_value(const TimelockOperation& op);

}  // namespace suture::deploy
