// CALL, CALLCODE, DELEGATECALL, STATICCALL, CREATE, CREATE2 and SELFDESTRUCT.
#include <algorithm>

#include "evm/instructions.hpp"

namespace suture::evm {

namespace {

constexpr int64_t call_value_cost = 9000;     // Yellow Paper G_callvalue
constexpr int64_t call_stipend = 2300;        // G_callstipend, given to the callee with value
constexpr int64_t new_account_cost = 25000;   // G_newaccount
constexpr int64_t selfdestruct_cold_cost = 2600;  // EIP-2929: no warm part for SELFDESTRUCT
constexpr int64_t selfdestruct_refund = 24000;    // removed by EIP-3529 (London)
constexpr int64_t initcode_word_cost = 2;          // EIP-3860
constexpr int64_t keccak_word_cost = 6;            // CREATE2 hashes the initcode
constexpr int64_t cold_account_cost = 2600;        // EIP-2929, charged in full for an EIP-7702 delegate
constexpr int64_t warm_account_cost = 100;

BytesView memory_view(Frame& f, const uint256& offset, const uint256& size) {
    return size ? BytesView(f.memory.data() + offset.w[0], size.w[0]) : BytesView();
}

// EIP-150: a frame can pass on at most all but one 64th of its gas.
int64_t max_call_gas(int64_t gas) { return gas - gas / 64; }

}  // namespace

StatusCode op_call(Frame& f, uint256* sp, CallKind kind, bool is_static) {
    const bool has_value_arg = !is_static && (kind == CallKind::call || kind == CallKind::callcode);
    const uint256 gas_arg = sp[-1];
    const Address dst = to_address(sp[-2]);
    const uint256 value = has_value_arg ? sp[-3] : uint256();
    const int a = has_value_arg ? 3 : 2;
    const uint256 in_offset = sp[-a - 1], in_size = sp[-a - 2], out_offset = sp[-a - 3], out_size = sp[-a - 4];
    uint256& result = sp[-a - 4];

    int64_t gas = f.gas;
    if (!charge_account_access(f, gas, dst)) return StatusCode::out_of_gas;
    // EIP-7702: calling an account with a delegation designator runs the
    // delegate's code, and accessing the delegate costs as any account does.
    std::optional<Address> delegate;
    if (f.rev >= Revision::prague && (delegate = f.host.delegation_target(dst))) {
        gas -= f.host.access_account(*delegate) == AccessStatus::cold ? cold_account_cost : warm_account_cost;
        if (gas < 0) return StatusCode::out_of_gas;
    }
    if (!expand_memory(f, gas, in_offset, in_size) || !expand_memory(f, gas, out_offset, out_size))
        return StatusCode::out_of_gas;

    const bool transfers = has_value_arg && value != 0;
    if (transfers && kind == CallKind::call && f.msg.is_static) return StatusCode::static_mode_violation;
    if (transfers) gas -= call_value_cost;
    if (kind == CallKind::call) {
        // EIP-161: from Spurious Dragon only a value transfer can create the account.
        const bool may_create = f.rev >= Revision::spurious_dragon ? transfers : true;
        if (may_create && !f.host.account_exists(dst)) gas -= new_account_cost;
    }
    if (gas < 0) return StatusCode::out_of_gas;

    int64_t call_gas;
    if (f.rev >= Revision::tangerine_whistle) {
        const int64_t cap = max_call_gas(gas);
        call_gas = gas_arg.fits_u64() && gas_arg.w[0] < uint64_t(cap) ? int64_t(gas_arg.w[0]) : cap;
    } else {
        if (!gas_arg.fits_u64() || gas_arg.w[0] > uint64_t(gas)) return StatusCode::out_of_gas;
        call_gas = int64_t(gas_arg.w[0]);
    }
    gas -= call_gas;
    if (transfers) call_gas += call_stipend;

    f.return_data.clear();
    result = 0;
    // A call that cannot start (too deep, or the caller cannot pay the value)
    // fails without consuming the gas it was given, stipend included.
    if (f.msg.depth >= call_depth_limit || (transfers && f.host.get_balance(f.msg.recipient) < value)) {
        f.gas = gas + call_gas;
        return StatusCode::success;
    }

    Message m;
    m.kind = kind;
    m.is_static = f.msg.is_static || is_static;
    m.depth = f.msg.depth + 1;
    m.gas = call_gas;
    m.code_address = delegate ? *delegate : dst;
    m.delegated = delegate.has_value();
    m.input = memory_view(f, in_offset, in_size);
    switch (kind) {
    case CallKind::call:
        m.recipient = dst;
        m.sender = f.msg.recipient;
        m.value = value;
        break;
    case CallKind::callcode:
        m.recipient = f.msg.recipient;
        m.sender = f.msg.recipient;
        m.value = value;
        break;
    default:  // delegatecall: runs dst's code as the current frame, with its caller and value
        m.recipient = f.msg.recipient;
        m.sender = f.msg.sender;
        m.value = f.msg.value;
        break;
    }

    ExecResult r = f.host.call(m);
    f.return_data = std::move(r.output);
    if (out_size) {
        const size_t n = std::min<size_t>(out_size.w[0], f.return_data.size());
        if (n) std::memcpy(f.memory.data() + out_offset.w[0], f.return_data.data(), n);
    }
    f.gas = gas + r.gas_left;
    f.refund += r.gas_refund;
    result = r.status == StatusCode::success ? 1 : 0;
    return StatusCode::success;
}

StatusCode op_create(Frame& f, uint256* sp, CallKind kind) {
    if (f.msg.is_static) return StatusCode::static_mode_violation;
    const uint256 value = sp[-1], offset = sp[-2], size = sp[-3];
    const int required = kind == CallKind::create2 ? 4 : 3;
    // Read the salt before `result` (the same stack slot) is overwritten.
    const Bytes32 salt = kind == CallKind::create2 ? sp[-4].to_bytes32() : Bytes32{};
    uint256& result = sp[-required];

    int64_t gas = f.gas;
    if (!expand_memory(f, gas, offset, size)) return StatusCode::out_of_gas;
    const uint64_t init_size = size.w[0];  // fits: memory expansion succeeded (or size is 0)
    if (f.rev >= Revision::shanghai) {
        if (init_size > f.host.max_initcode_size()) return StatusCode::out_of_gas;  // EIP-3860
        gas -= initcode_word_cost * num_words(init_size);
    }
    if (kind == CallKind::create2) gas -= keccak_word_cost * num_words(init_size);
    if (gas < 0) return StatusCode::out_of_gas;

    f.return_data.clear();
    result = 0;
    if (f.msg.depth >= call_depth_limit || (value && f.host.get_balance(f.msg.recipient) < value)) {
        f.gas = gas;
        return StatusCode::success;
    }

    Message m;
    m.kind = kind;
    m.depth = f.msg.depth + 1;
    m.gas = f.rev >= Revision::tangerine_whistle ? max_call_gas(gas) : gas;
    m.sender = f.msg.recipient;
    m.input = memory_view(f, offset, size);
    m.value = value;
    m.create2_salt = salt;
    gas -= m.gas;

    ExecResult r = f.host.call(m);
    f.gas = gas + r.gas_left;
    f.refund += r.gas_refund;
    if (r.status == StatusCode::success) result = to_uint256(r.create_address);
    else if (r.status == StatusCode::revert) f.return_data = std::move(r.output);  // EIP-211
    return StatusCode::success;
}

StatusCode op_selfdestruct(Frame& f, uint256* sp) {
    if (f.msg.is_static) return StatusCode::static_mode_violation;
    const Address beneficiary = to_address(sp[-1]);
    int64_t gas = f.gas;
    if (f.rev >= Revision::berlin && f.host.access_account(beneficiary) == AccessStatus::cold)
        gas -= selfdestruct_cold_cost;
    if (f.rev >= Revision::tangerine_whistle) {
        // EIP-150 charges for creating the beneficiary; EIP-161 only if value moves.
        const bool moves_value = f.rev < Revision::spurious_dragon || f.host.get_balance(f.msg.recipient) != 0;
        if (moves_value && !f.host.account_exists(beneficiary)) gas -= new_account_cost;
    }
    if (gas < 0) return StatusCode::out_of_gas;
    f.gas = gas;
    if (f.host.selfdestruct(f.msg.recipient, beneficiary) && f.rev < Revision::london)
        f.refund += selfdestruct_refund;
    return StatusCode::success;
}

}  // namespace suture::evm
