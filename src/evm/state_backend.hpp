// Where the world state comes from: a read-only backend under evm::State.
//
// evm::State (state.hpp) reads an account, a code blob or a storage slot from
// its backend the first time a transaction touches it and keeps every change
// in its own journaled cache; the backend is never written during execution.
// At the end of a transaction State::finalize() returns a StateDiff, which
// the owner of the backend may apply (MemoryBackend::apply) or discard.
//
// Backends may fail (a fork backend fetches from an RPC node on first read),
// so every read returns a Result; State records the first error and the
// transaction that hit it reports it instead of a result.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::evm {

// keccak256 of empty input: the code hash of an account without code.
inline constexpr Bytes32 kEmptyCodeHash = {
    0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d, 0xb2, 0xdc, 0xc7, 0x03, 0xc0,
    0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82, 0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70};

struct AccountInfo {
    uint64_t nonce = 0;
    uint256 balance;
    Bytes32 code_hash = kEmptyCodeHash;
    // Whether the account has any non-zero storage slot. CREATE needs it for
    // the address-collision rule (EIP-7610) without enumerating storage.
    bool has_storage = false;
};

// Code blobs are shared between the backend, the state cache and callers.
using CodePtr = std::shared_ptr<const Bytes>;

class StateBackend {
public:
    virtual ~StateBackend() = default;

    // nullopt when the account does not exist.
    virtual Result<std::optional<AccountInfo>> account(const Address& addr) = 0;
    // The code whose keccak256 is code_hash (never called for kEmptyCodeHash).
    virtual Result<CodePtr> code(const Bytes32& code_hash) = 0;
    // Zero for an unset slot or a missing account.
    virtual Result<uint256> storage(const Address& addr, const uint256& key) = 0;
};

// The net effect of one transaction (or message call) on the accounts it
// touched, relative to the backend it ran on.
struct AccountChange {
    Address address;
    bool deleted = false;          // removed (SELFDESTRUCT, EIP-161 empty-account clearing)
    bool storage_cleared = false;  // drop all backend storage before applying `storage`
    AccountInfo info;              // the new nonce/balance/code hash (when not deleted)
    CodePtr code;                  // set when the code changed (a create)
    std::vector<std::pair<uint256, uint256>> storage;  // slots whose value changed (key, value)
};

struct StateDiff {
    std::vector<AccountChange> accounts;
};

}  // namespace suture::evm
