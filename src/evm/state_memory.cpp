#include "evm/state_memory.hpp"

#include "core/keccak.hpp"

namespace suture::evm {

void MemoryBackend::set_account(const Address& addr, uint64_t nonce, const uint256& balance, Bytes code,
                                const std::unordered_map<uint256, uint256, Uint256Hash>& storage) {
    Account acc;
    acc.nonce = nonce;
    acc.balance = balance;
    if (!code.empty()) {
        acc.code_hash = keccak256(code);
        acc.code = std::make_shared<const Bytes>(std::move(code));
        codes_[acc.code_hash] = acc.code;
    }
    for (const auto& [k, v] : storage)
        if (v) acc.storage.emplace(k, v);
    accounts_[addr] = std::move(acc);
}

Result<std::optional<AccountInfo>> MemoryBackend::account(const Address& addr) {
    auto it = accounts_.find(addr);
    if (it == accounts_.end()) return std::optional<AccountInfo>{};
    const Account& a = it->second;
    return std::optional<AccountInfo>{AccountInfo{a.nonce, a.balance, a.code_hash, !a.storage.empty()}};
}

Result<CodePtr> MemoryBackend::code(const Bytes32& code_hash) {
    auto it = codes_.find(code_hash);
    if (it == codes_.end()) return input_error("in-memory state: no code with the requested hash");
    return it->second;
}

Result<uint256> MemoryBackend::storage(const Address& addr, const uint256& key) {
    auto it = accounts_.find(addr);
    if (it == accounts_.end()) return uint256{};
    auto s = it->second.storage.find(key);
    return s == it->second.storage.end() ? uint256{} : s->second;
}

const MemoryBackend::Account* MemoryBackend::find(const Address& addr) const {
    auto it = accounts_.find(addr);
    return it == accounts_.end() ? nullptr : &it->second;
}

void MemoryBackend::apply(const StateDiff& diff) {
    for (const AccountChange& c : diff.accounts) {
        if (c.deleted) {
            accounts_.erase(c.address);
            continue;
        }
        Account& acc = accounts_[c.address];
        acc.nonce = c.info.nonce;
        acc.balance = c.info.balance;
        if (c.code) {
            acc.code_hash = c.info.code_hash;
            acc.code = c.info.code_hash == kEmptyCodeHash ? nullptr : c.code;
            if (acc.code) codes_[acc.code_hash] = acc.code;
        }
        if (c.storage_cleared) acc.storage.clear();
        for (const auto& [k, v] : c.storage) {
            if (v)
                acc.storage[k] = v;
            else
                acc.storage.erase(k);
        }
    }
}

}  // namespace suture::evm
