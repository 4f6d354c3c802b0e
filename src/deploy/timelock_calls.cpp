#include "deploy/timelock_calls.hpp"

#include "core/abi_encode.hpp"
#include "core/keccak.hpp"
#include "deploy/calldata.hpp"

namespace suture::deploy {
namespace {

using abi::AbiType;
using abi::AbiValue;

Status check_calls(const TimelockOperation& op) {
    if (op.calls.empty()) return input_error("timelock operation: no calls");
    return {};
}

// The operation's arguments before the delay, in the order both hash and
// call functions take them.
std::vector<AbiValue> operation_args(const TimelockOperation& op) {
    if (!op.uses_batch()) {
        const auto& c = op.calls[0];
        return {c.target, c.value, c.data, word_value(op.predecessor), word_value(op.salt)};
    }
    AbiValue::List targets, values, payloads;
    for (const auto& c : op.calls) {
        targets.emplace_back(c.target);
        values.emplace_back(c.value);
        payloads.emplace_back(c.data);
    }
    return {AbiValue(targets), AbiValue(values), AbiValue(payloads), word_value(op.predecessor), word_value(op.salt)};
}

std::vector<AbiType> operation_types(const TimelockOperation& op) {
    auto addr = AbiType::simple(abi::AbiKind::address);
    auto bytes = AbiType::simple(abi::AbiKind::bytes);
    auto b32 = AbiType::fixed_bytes(32);
    if (!op.uses_batch()) return {addr, AbiType::uint(), bytes, b32, b32};
    return {AbiType::array_of(addr), AbiType::array_of(AbiType::uint()), AbiType::array_of(bytes), b32, b32};
}

}  // namespace

Result<Bytes32> timelock_operation_id(const TimelockOperation& op) {
    SUTURE_CHECK(check_calls(op));
    SUTURE_TRY(enc, abi::encode(operation_types(op), operation_args(op)));
    return keccak256(enc);
}

Result<Bytes> timelock_schedule_calldata(const TimelockOperation& op, const uint256& delay) {
    SUTURE_CHECK(check_calls(op));
    auto args = operation_args(op);
    args.emplace_back(delay);
    return op.uses_batch() ? calldata("scheduleBatch(address[],uint256[],bytes[],bytes32,bytes32,uint256)", args)
                           : calldata("schedule(address,uint256,bytes,bytes32,bytes32,uint256)", args);
}

Result<Bytes> timelock_execute_calldata(const TimelockOperation& op) {
    SUTURE_CHECK(check_calls(op));
    return op.uses_batch() ? calldata("executeBatch(address[],uint256[],bytes[],bytes32,bytes32)", operation_args(op))
                           : calldata("execute(address,uint256,bytes,bytes32,bytes32)", operation_args(op));
}

Result<Bytes> timelock_cancel_calldata(const Bytes32& id) { return calldata("cancel(bytes32)", {word_value(id)}); }

uint256 timelock_total_value(const TimelockOperation& op) {
    uint256 sum;
    for (const auto& c : op.calls) sum += c.value;
    return sum;
}

}  // namespace suture::deploy
