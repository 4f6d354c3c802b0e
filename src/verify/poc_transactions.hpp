// A proof of concept written as a list of transactions (the third PoC form of
// `suture verify exploit`), and running such a list on a state.
//
// File format (JSON, documented in docs/exploit-gate.md):
//   [{"from": "0x..", "to": "0x.." | null, "value": "0x0" | "123", "data": "0x..",
//     "gas": 30000000, "advance_blocks": 0, "advance_seconds": 0}, ...]
// `to` null or absent creates a contract from `data`. `advance_*` move the
// block number and timestamp forward before the transaction runs (oracles
// with staleness checks, time-locked withdrawals). Every field but `from` is
// optional.
#pragma once

#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "evm/call_inspector.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"

namespace suture::verify {

struct PocTransaction {
    Address from;
    std::optional<Address> to;
    uint256 value;
    Bytes data;
    int64_t gas = 30'000'000;
    int64_t advance_blocks = 0;
    int64_t advance_seconds = 0;
};

// Reads and validates the file; errors name the file and the JSON path.
Result<std::vector<PocTransaction>> load_poc_transactions(const std::string& path);

struct PocTxOutcome {
    evm::StatusCode status = evm::StatusCode::failure;
    Bytes output;                      // return or revert data
    std::optional<Address> created;
    int64_t gas_used = 0;
    std::vector<evm::Log> logs;        // empty unless it succeeded
};

// Runs the transactions in order on `state` (each committed when it
// succeeds; a failed one changes nothing but the sender's nonce, as on a
// chain), advancing `block` as asked. Calls are message calls (no signature
// or fee), so any address may act as the attacker. Stops at a backend error.
Result<std::vector<PocTxOutcome>> run_poc_transactions(evm::OverlayBackend& state, evm::Revision rev,
                                                       evm::BlockEnv& block,
                                                       const std::vector<PocTransaction>& txs,
                                                       evm::CallInspector* inspector = nullptr);

}  // namespace suture::verify
