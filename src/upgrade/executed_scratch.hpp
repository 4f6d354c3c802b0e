// A scratch chain for the executed checks of `suture check`: an in-memory
// world state under Cancun rules with one funded externally owned account
// (the "test caller") that deploys contracts and sends every call.
//
// Nothing here touches a real chain. Calls either commit their state change
// (deployments, storage writes) or are discarded (eth_call-like reads), so one
// populated state can answer many independent questions. Not thread-safe.
#pragma once

#include <optional>
#include <string>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "evm/state_memory.hpp"
#include "evm/transaction.hpp"

namespace suture::upgrade {

// What one call or creation did.
struct ScratchOutcome {
    evm::StatusCode status = evm::StatusCode::failure;
    Bytes output;                    // return data, revert data, or nothing
    std::optional<Address> created;  // successful creations
    bool ok() const { return status == evm::StatusCode::success; }
    // "revert", "out_of_gas", ... for messages.
    std::string status_text() const;
};

class ScratchChain {
public:
    ScratchChain();

    // The externally owned account that deploys and calls (no code, funded).
    const Address& caller() const { return caller_; }

    // Runs a creation from the caller; commits it when it succeeds.
    Result<ScratchOutcome> create(Bytes initcode);
    // Calls `to` from the caller with `data`; commits the change when
    // `commit` is set and the call succeeded, otherwise discards it.
    Result<ScratchOutcome> call(const Address& to, Bytes data, bool commit);

    uint256 storage(const Address& addr, const uint256& key) const;
    // Writes one slot directly, as a state override would.
    void set_storage(const Address& addr, const uint256& key, const uint256& value);
    bool has_code(const Address& addr) const;

private:
    Result<ScratchOutcome> run(std::optional<Address> to, Bytes data, bool commit);

    evm::MemoryBackend state_;
    evm::BlockEnv block_;
    Address caller_;
};

}  // namespace suture::upgrade
