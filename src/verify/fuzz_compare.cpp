#include "verify/fuzz_compare.hpp"

#include <algorithm>
#include <tuple>

namespace suture::verify {
namespace {

struct Write {
    Address address;
    uint256 slot, value;
    bool operator<(const Write& o) const { return std::tie(address, slot, value) < std::tie(o.address, o.slot, o.value); }
    bool operator==(const Write& o) const = default;
};

// Storage writes of a diff, sorted: an account's slots come from a hash map.
void writes_of(const evm::StateDiff& d, std::vector<Write>& out) {
    out.clear();
    for (const evm::AccountChange& c : d.accounts)
        for (const auto& [k, v] : c.storage) out.push_back({c.address, k, v});
    std::sort(out.begin(), out.end());
}

const evm::AccountChange* find(const evm::StateDiff& d, const Address& a) {
    for (const evm::AccountChange& c : d.accounts)
        if (c.address == a) return &c;
    return nullptr;
}

uint256 balance_after(const evm::AccountChange& c) { return c.deleted ? uint256() : c.info.balance; }

bool same_logs(const std::vector<evm::Log>& a, const std::vector<evm::Log>& b) {
    if (a.size() != b.size()) return false;
    for (size_t i = 0; i < a.size(); ++i)
        if (a[i].address != b[i].address || a[i].topics != b[i].topics || a[i].data != b[i].data) return false;
    return true;
}

// Every account of `mine` the other diff lacks keeps its balance.
Result<bool> unchanged_elsewhere(evm::StateBackend& before, const evm::StateDiff& mine, const evm::StateDiff& other) {
    for (const evm::AccountChange& c : mine.accounts) {
        if (find(other, c.address)) continue;
        SUTURE_TRY(prior, before.account(c.address));
        if ((prior ? prior->balance : uint256()) != balance_after(c)) return false;
    }
    return true;
}

}  // namespace

Result<bool> outcomes_match(evm::StateBackend& old_before, const evm::TxOutcome& o, evm::StateBackend& new_before,
                            const evm::TxOutcome& n, const std::vector<Address>& unequal_balances) {
    const evm::Receipt& a = o.receipt;
    const evm::Receipt& b = n.receipt;
    if (a.status != b.status || a.output != b.output || a.created != b.created || !same_logs(a.logs, b.logs)) return false;
    for (const Address& u : unequal_balances)
        if (find(o.diff, u) || find(n.diff, u)) return false;
    for (const evm::AccountChange& c : o.diff.accounts)
        if (const evm::AccountChange* other = find(n.diff, c.address); other && balance_after(c) != balance_after(*other))
            return false;
    thread_local std::vector<Write> old_writes, new_writes;
    writes_of(o.diff, old_writes);
    writes_of(n.diff, new_writes);
    if (old_writes != new_writes) return false;
    SUTURE_TRY(old_rest, unchanged_elsewhere(old_before, o.diff, n.diff));
    if (!old_rest) return false;
    return unchanged_elsewhere(new_before, n.diff, o.diff);
}

}  // namespace suture::verify
