// System calls: messages the protocol itself sends at a block boundary, from
// SYSTEM_ADDRESS with 30,000,000 gas, outside any transaction (no fee, no
// nonce, no intrinsic gas, not counted in the block's gas).
//
// Before the first transaction of a block (pre_block_calls): EIP-4788
// (Cancun) stores the parent beacon block root in the beacon roots contract,
// then EIP-2935 (Prague) stores the parent block's hash in the history
// contract, so a transaction reading either contract sees what the chain's
// own block saw. After the last transaction (post_block_requests, Prague):
// EIP-7002 and EIP-7251 dequeue the withdrawal and consolidation requests
// from their contracts, and EIP-6110 reads the deposit contract's logs; the
// three are the block's EIP-7685 requests, committed to by requests_hash.
// A call runs only when its contract has code (the EIPs' rule for 4788 and
// 2935; for 7002/7251 a chain without them cannot have requests).
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
// EIP-4788 BEACON_ROOTS_ADDRESS 0x000F3df6D732807Ef1319fB7B8bB8522d0Beac02
// and HISTORY_BUFFER_LENGTH.
extern const Address kBeaconRootsAddress;
inline constexpr uint64_t kBeaconRootsBufferLength = 8191;
// EIP-7002 withdrawal request and EIP-7251 consolidation request contracts.
extern const Address kWithdrawalQueueAddress;     // 0x00000961Ef480Eb55e80D19ad83579A64c007002
extern const Address kConsolidationQueueAddress;  // 0x0000BBdDc7CE488642fb579F8B00f3a590007251
// EIP-6110 DEPOSIT_CONTRACT_ADDRESS (mainnet's deposit contract).
extern const Address kDepositContractAddress;     // 0x00000000219ab540356cBB839Cbe05303d7705Fa

// The contracts' runtime code as their EIPs deploy it.
Bytes history_storage_code();
Bytes beacon_roots_code();
Bytes withdrawal_queue_code();
Bytes consolidation_queue_code();

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

// EIP-4788: from Cancun, before the first transaction of `block`, stores
// `beacon_root` at slot timestamp % 8191 (and the timestamp at slot
// timestamp % 8191 + 8191) of the beacon roots contract. Nothing happens
// before Cancun or when the contract has no code.
Result<StateDiff> store_beacon_root(StateBackend& backend, Revision rev, const BlockEnv& block,
                                    const Bytes32& beacon_root);

// Both pre-block calls in the order a node runs them: EIP-4788 with
// block.parent_beacon_root (skipped when it is unset), then EIP-2935 with
// `parent_hash`. One diff, for the caller to apply before the block's first transaction.
Result<StateDiff> pre_block_calls(StateBackend& backend, Revision rev, const BlockEnv& block,
                                  const Bytes32& parent_hash);

// EIP-7685 requests of a block: each a type byte (0 deposits, 1 withdrawals,
// 2 consolidations) followed by the requests' concatenated data; a type with
// no request is left out.
struct BlockRequests {
    std::vector<Bytes> requests;
    StateDiff diff;  // the dequeue calls' state change, to apply after the last transaction
};

// EIP-6110: the deposit requests (type 0 data, 192 bytes each) in `logs` of
// the deposit contract's DepositEvent, in order. A DepositEvent whose data is
// not the contract's layout is an input error naming the log.
Result<Bytes> deposit_requests(const std::vector<Log>& logs, const Address& deposit_contract = kDepositContractAddress);

// From Prague, after the last transaction: the block's requests (deposits
// from `logs`, then the EIP-7002 and EIP-7251 dequeue calls where those
// contracts have code). A dequeue call that fails makes the block invalid:
// an input error naming the contract. Before Prague: no requests.
Result<BlockRequests> post_block_requests(StateBackend& backend, Revision rev, const BlockEnv& block,
                                          const std::vector<Log>& logs);

// EIP-7685 requests_hash: sha256 of the concatenated sha256 of each request
// (sha256("") for none).
Bytes32 requests_hash(const std::vector<Bytes>& requests);

}  // namespace suture::evm
