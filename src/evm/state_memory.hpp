// An in-memory world state: the backend of state tests, devnets and any run
// that needs no chain. Not thread-safe; one instance per execution thread.
#pragma once

#include <unordered_map>

#include "evm/state_backend.hpp"

namespace suture::evm {

class MemoryBackend final : public StateBackend {
public:
    struct Account {
        uint64_t nonce = 0;
        uint256 balance;
        Bytes32 code_hash = kEmptyCodeHash;
        CodePtr code;  // null when code_hash is kEmptyCodeHash
        std::unordered_map<uint256, uint256, Uint256Hash> storage;  // non-zero slots only
    };

    // Creates or replaces an account (zero-valued storage entries are dropped).
    void set_account(const Address& addr, uint64_t nonce, const uint256& balance, Bytes code,
                     const std::unordered_map<uint256, uint256, Uint256Hash>& storage = {});

    Result<std::optional<AccountInfo>> account(const Address& addr) override;
    Result<CodePtr> code(const Bytes32& code_hash) override;
    Result<uint256> storage(const Address& addr, const uint256& key) override;

    // Applies the net effect of a transaction.
    void apply(const StateDiff& diff);

    const std::unordered_map<Address, Account, AddressHash>& accounts() const { return accounts_; }
    const Account* find(const Address& addr) const;

private:
    std::unordered_map<Address, Account, AddressHash> accounts_;
    std::unordered_map<Bytes32, CodePtr, Bytes32Hash> codes_;
};

}  // namespace suture::evm
