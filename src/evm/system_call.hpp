// System calls: messages the protocol itself sends at a block boundary, from
// SYSTEM_ADDRESS with 30,000,000 gas, outside any transaction (no fee, no
// nonce, no intrinsic gas, not counted in the block's gas).
//
// Suture runs the one a transaction can observe: EIP-2935 (Prague) stores the
// parent block's hash in the history contract before the block's first
// transaction, so a contract reading that contract (a BLOCKHASH for up to
// 8191 blocks) sees it. EIP-7002 and EIP-7251 dequeue requests at the end of
// a block and EIP-6110 reads deposit logs after it: no transaction of the
// block sees their effect, so a single-block gate does not run them; a block
// builder would call system_call() with their addresses.
#pragma once

#include "core/result.hpp"
#include "evm/state_backend.hpp"
#include "evm/transaction.hpp"

namespace suture::evm {

// 0xfffffffffffffffffffffffffffffffffffffffe
extern const Address kSystemAddress;
// EIP-2935 HISTORY_STORAGE_ADDRESS 0x0000F90827F1C53a10cb7A02335B175320002935
// and HISTORY_SERVE_WINDOW.
extern const Address kHistoryStorageAddress;
inline constexpr uint64_t kHistoryServeWindow = 8191;
// The history contract's runtime code as the EIP deploys it.
Bytes history_storage_code();

struct SystemCallResult {
    StatusCode status = StatusCode::success;
    Bytes output;
    StateDiff diff;  // apply to the backend
};

// Calls `to` from SYSTEM_ADDRESS with `input` and 30,000,000 gas in `block`.
// A backend read failure is its error; a failing call is a result with its status.
Result<SystemCallResult> system_call(StateBackend& backend, Revision rev, const BlockEnv& block, const Address& to,
                                     BytesView input);

// EIP-2935: from Prague, before the first transaction of `block`, stores
// `parent_hash` at slot (number - 1) % 8191 of the history contract. Nothing
// happens before Prague, or when the contract has no code (the EIP's rule).
// The returned diff (empty when nothing ran) is for the caller to apply.
Result<StateDiff> store_parent_hash(StateBackend& backend, Revision rev, const BlockEnv& block,
                                    const Bytes32& parent_hash);

}  // namespace suture::evm
