// Instructions that leave the interpreter loop: they touch the host, copy
// memory or compute dynamic gas. Each works on the frame and the stack
// pointer as it was when the instruction started (sp[-1] is the top item),
// writes its result (if any) over the deepest input slot, sp[-required], and
// returns a status; the loop applies the stack height change from the opcode
// table. Gas is read from and written back to Frame::gas.
#pragma once

#include "evm/execution_state.hpp"

namespace suture::evm {

// Hashing and copying (instructions_copy.cpp).
StatusCode op_keccak256(Frame& f, uint256* sp);
StatusCode op_calldatacopy(Frame& f, uint256* sp);
StatusCode op_codecopy(Frame& f, uint256* sp);
StatusCode op_returndatacopy(Frame& f, uint256* sp);
StatusCode op_extcodecopy(Frame& f, uint256* sp);
StatusCode op_mcopy(Frame& f, uint256* sp);

// Accounts, block and logs (instructions_env.cpp).
StatusCode op_balance(Frame& f, uint256* sp);
StatusCode op_extcodesize(Frame& f, uint256* sp);
StatusCode op_extcodehash(Frame& f, uint256* sp);
StatusCode op_blockhash(Frame& f, uint256* sp);
StatusCode op_blobhash(Frame& f, uint256* sp);
StatusCode op_log(Frame& f, uint256* sp, int num_topics);

// Storage (instructions_storage.cpp).
StatusCode op_sload(Frame& f, uint256* sp);
StatusCode op_sstore(Frame& f, uint256* sp);
StatusCode op_tload(Frame& f, uint256* sp);
StatusCode op_tstore(Frame& f, uint256* sp);

// Calls, creates and self-destruct (instructions_calls.cpp). op_call serves
// CALL, CALLCODE, DELEGATECALL (kind) and STATICCALL (kind call, is_static).
StatusCode op_call(Frame& f, uint256* sp, CallKind kind, bool is_static);
StatusCode op_create(Frame& f, uint256* sp, CallKind kind);
StatusCode op_selfdestruct(Frame& f, uint256* sp);

// EIP-2929: the cold surcharge on top of the warm cost in the base table.
constexpr int64_t cold_account_surcharge = 2600 - 100;

// Charges the EIP-2929 cold-account surcharge when `addr` was cold (Berlin+).
inline bool charge_account_access(Frame& f, int64_t& gas, const Address& addr) {
    if (f.rev >= Revision::berlin && f.host.access_account(addr) == AccessStatus::cold) {
        gas -= cold_account_surcharge;
        return gas >= 0;
    }
    return true;
}

}  // namespace suture::evm
