#include "evm/state_overlay.hpp"

#include <algorithm>

#include "core/keccak.hpp"

namespace suture::evm {

OverlayBackend::OverlayBackend(StateBackend& base) : base_(&base) {}

OverlayBackend::OverlayBackend(std::shared_ptr<StateBackend> base)
    : owned_base_(std::move(base)), base_(owned_base_.get()) {}

Result<std::optional<AccountInfo>> OverlayBackend::account(const Address& addr) {
    auto it = entries_.find(addr);
    if (it == entries_.end()) return base_->account(addr);
    const Entry& e = it->second;
    if (!e.exists) return std::optional<AccountInfo>{};
    // has_storage may only err on the side of true: State skips the backend's
    // storage for an account without it. When the overlay zeroed slots the
    // base still holds, the base's answer is kept (the overlay cannot tell
    // whether it zeroed all of them without enumerating the base's storage);
    // the cost is a CREATE collision (EIP-7610) on such an account, which
    // needs a fully emptied account at a colliding address.
    bool has_storage = e.nonzero_slots > 0;
    if (!has_storage && !e.hides_base_storage) {
        SUTURE_TRY(b, base_->account(addr));
        has_storage = b && b->has_storage;
    }
    return std::optional<AccountInfo>{AccountInfo{e.nonce, e.balance, e.code_hash, has_storage}};
}

Result<CodePtr> OverlayBackend::code(const Bytes32& code_hash) {
    auto it = codes_.find(code_hash);
    if (it != codes_.end()) return it->second;
    return base_->code(code_hash);
}

Result<uint256> OverlayBackend::storage(const Address& addr, const uint256& key) {
    auto it = entries_.find(addr);
    if (it == entries_.end()) return base_->storage(addr, key);
    const Entry& e = it->second;
    auto s = e.storage.find(key);
    if (s != e.storage.end()) return s->second;
    if (!e.exists || e.hides_base_storage) return uint256{};
    return base_->storage(addr, key);
}

OverlayBackend::Entry& OverlayBackend::entry_for_write(const Address& addr) {
    auto [it, added] = entries_.try_emplace(addr);
    if (added && journaling()) journal_.push_back(Undo{UndoKind::entry_added, addr});
    return it->second;
}

Result<OverlayBackend::Entry*> OverlayBackend::materialize(const Address& addr) {
    auto it = entries_.find(addr);
    if (it != entries_.end()) return &it->second;
    SUTURE_TRY(base_account, base_->account(addr));
    Entry& e = entry_for_write(addr);
    if (base_account) {
        e.nonce = base_account->nonce;
        e.balance = base_account->balance;
        e.code_hash = base_account->code_hash;
    }
    return &e;
}

void OverlayBackend::save_header(const Address& addr, const Entry& e) {
    if (!journaling()) return;
    Undo u{UndoKind::header, addr};
    u.header = Header{e.exists, e.hides_base_storage, e.nonce, e.balance, e.code_hash};
    journal_.push_back(std::move(u));
}

void OverlayBackend::write_slot(const Address& addr, Entry& e, const uint256& key, const uint256& value) {
    auto [it, added] = e.storage.try_emplace(key);
    if (journaling()) {
        Undo u{UndoKind::slot, addr};
        u.key = key;
        if (!added) u.prev_value = it->second;
        journal_.push_back(std::move(u));
    }
    if (!added && it->second) --e.nonzero_slots;
    it->second = value;
    if (value) ++e.nonzero_slots;
}

void OverlayBackend::clear_storage(const Address& addr, Entry& e) {
    if (journaling()) {
        Undo u{UndoKind::storage, addr};
        u.prev_storage = std::move(e.storage);
        u.prev_nonzero = e.nonzero_slots;
        journal_.push_back(std::move(u));
    }
    e.storage.clear();
    e.nonzero_slots = 0;
}

void OverlayBackend::apply(const StateDiff& diff) {
    for (const AccountChange& c : diff.accounts) {
        Entry& e = entry_for_write(c.address);
        save_header(c.address, e);
        if (c.deleted) {
            clear_storage(c.address, e);
            e.exists = false;
            e.hides_base_storage = true;
            e.nonce = 0;
            e.balance = uint256{};
            e.code_hash = kEmptyCodeHash;
            continue;
        }
        e.exists = true;
        e.nonce = c.info.nonce;
        e.balance = c.info.balance;
        // Without a code change info.code_hash is the unchanged hash, whose
        // code the base (or this overlay) already holds.
        e.code_hash = c.info.code_hash;
        if (c.code && c.info.code_hash != kEmptyCodeHash) codes_.try_emplace(c.info.code_hash, c.code);
        if (c.storage_cleared) {
            clear_storage(c.address, e);
            e.hides_base_storage = true;
        }
        for (const auto& [k, v] : c.storage) write_slot(c.address, e, k, v);
    }
}

Status OverlayBackend::set_balance(const Address& addr, const uint256& balance) {
    SUTURE_TRY(e, materialize(addr));
    save_header(addr, *e);
    e->exists = true;
    e->balance = balance;
    return {};
}

Status OverlayBackend::set_nonce(const Address& addr, uint64_t nonce) {
    SUTURE_TRY(e, materialize(addr));
    save_header(addr, *e);
    e->exists = true;
    e->nonce = nonce;
    return {};
}

Status OverlayBackend::set_code(const Address& addr, Bytes code) {
    SUTURE_TRY(e, materialize(addr));
    save_header(addr, *e);
    e->exists = true;
    if (code.empty()) {
        e->code_hash = kEmptyCodeHash;
        return {};
    }
    e->code_hash = keccak256(code);
    codes_.try_emplace(e->code_hash, std::make_shared<const Bytes>(std::move(code)));
    return {};
}

Status OverlayBackend::set_storage(const Address& addr, const uint256& key, const uint256& value) {
    SUTURE_TRY(e, materialize(addr));
    if (!e->exists) {
        save_header(addr, *e);
        e->exists = true;
    }
    write_slot(addr, *e, key, value);
    return {};
}

OverlayBackend::SnapshotId OverlayBackend::snapshot() {
    const SnapshotId id = next_snapshot_++;
    snapshots_.emplace_back(id, journal_.size());
    return id;
}

void OverlayBackend::undo(Undo& u) {
    if (u.kind == UndoKind::entry_added) {
        entries_.erase(u.addr);
        return;
    }
    Entry& e = entries_.at(u.addr);  // added before any change journaled after it
    switch (u.kind) {
    case UndoKind::header:
        e.exists = u.header.exists;
        e.hides_base_storage = u.header.hides_base_storage;
        e.nonce = u.header.nonce;
        e.balance = u.header.balance;
        e.code_hash = u.header.code_hash;
        break;
    case UndoKind::slot: {
        auto it = e.storage.find(u.key);
        if (it->second) --e.nonzero_slots;
        if (u.prev_value) {
            it->second = *u.prev_value;
            if (*u.prev_value) ++e.nonzero_slots;
        } else {
            e.storage.erase(it);
        }
        break;
    }
    case UndoKind::storage:
        e.storage = std::move(u.prev_storage);
        e.nonzero_slots = u.prev_nonzero;
        break;
    case UndoKind::entry_added: break;
    }
}

bool OverlayBackend::revert_to(SnapshotId id) {
    auto it = std::find_if(snapshots_.begin(), snapshots_.end(), [&](const auto& s) { return s.first == id; });
    if (it == snapshots_.end()) return false;
    const size_t length = it->second;
    while (journal_.size() > length) {
        undo(journal_.back());
        journal_.pop_back();
    }
    snapshots_.erase(it + 1, snapshots_.end());
    return true;
}

void OverlayBackend::release(SnapshotId id) {
    std::erase_if(snapshots_, [&](const auto& s) { return s.first == id; });
    if (snapshots_.empty()) journal_.clear();
}

Result<StateDiff> OverlayBackend::net_diff() {
    StateDiff diff;
    diff.accounts.reserve(entries_.size());
    for (const auto& [addr, e] : entries_) {
        AccountChange c;
        c.address = addr;
        if (!e.exists) {
            c.deleted = true;
            diff.accounts.push_back(std::move(c));
            continue;
        }
        c.info = AccountInfo{e.nonce, e.balance, e.code_hash, e.nonzero_slots > 0};
        c.storage_cleared = e.hides_base_storage;
        // MemoryBackend::apply keeps the old code when `code` is null, so the
        // code is always sent: the overlay's own, else the base's.
        if (e.code_hash == kEmptyCodeHash) {
            c.code = std::make_shared<const Bytes>();
        } else if (auto it = codes_.find(e.code_hash); it != codes_.end()) {
            c.code = it->second;
        } else {
            SUTURE_TRY(code, base_->code(e.code_hash));
            c.code = std::move(code);
        }
        c.storage.assign(e.storage.begin(), e.storage.end());
        diff.accounts.push_back(std::move(c));
    }
    return diff;
}

std::vector<Address> OverlayBackend::written_accounts() const {
    std::vector<Address> out;
    out.reserve(entries_.size());
    for (const auto& [addr, e] : entries_) out.push_back(addr);
    return out;
}

}  // namespace suture::evm
