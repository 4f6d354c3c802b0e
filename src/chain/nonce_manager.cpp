// Nonce reservation (nonce_manager.hpp).
#include "chain/nonce_manager.hpp"

namespace suture::chain {

Result<uint64_t> NonceManager::reserve(const Address& sender) {
    // Ask outside the lock: a slow node must not block other senders.
    SUTURE_TRY(pending, rpc_.get_transaction_count(sender, BlockTag::pending()));
    std::lock_guard lock(mu_);
    Account& a = accounts_[sender];
    // Released nonces the chain has since used (by someone else) are gone for good.
    while (!a.released.empty() && *a.released.begin() < pending) a.released.erase(a.released.begin());
    if (!a.released.empty()) {
        uint64_t n = *a.released.begin();
        a.released.erase(a.released.begin());
        return n;
    }
    uint64_t n = std::max(pending, a.next);
    a.next = n + 1;
    return n;
}

void NonceManager::release(const Address& sender, uint64_t nonce) {
    std::lock_guard lock(mu_);
    Account& a = accounts_[sender];
    if (nonce + 1 == a.next) {
        a.next = nonce;  // the latest reservation: just step back
        // Earlier released nonces directly below it collapse too.
        while (!a.released.empty() && *a.released.rbegin() + 1 == a.next) {
            a.next = *a.released.rbegin();
            a.released.erase(std::prev(a.released.end()));
        }
    } else if (nonce < a.next) {
        a.released.insert(nonce);
    }
}

}  // namespace suture::chain
