#include "evm/state.hpp"

#include "core/keccak.hpp"
#include "evm/precompiles.hpp"

namespace suture::evm {

State::State(StateBackend& backend, Revision rev)
    : backend_(backend),
      rev_(rev),
      arena_(arena_start_, sizeof arena_start_, std::pmr::new_delete_resource()),
      accounts_(&arena_),
      journal_(&arena_) {
    journal_.reserve(64);
}

void State::record_error(Error e) {
    if (!error_) error_ = std::move(e);
}

State::Account& State::entry(const Address& addr) {
    return accounts_.try_emplace(addr, &arena_).first->second;
}

State::Account& State::load(const Address& addr) {
    Account& acc = entry(addr);
    if (acc.loaded) return acc;
    acc.loaded = true;
    auto info = backend_.account(addr);
    if (!info) {
        record_error(std::move(info).error());
        return acc;
    }
    if (*info) {
        acc.info = **info;
        acc.exists = true;
    }
    return acc;
}

State::Slot& State::slot(const Address& addr, Account& acc, const uint256& key, bool read) {
    Slot& s = acc.storage.try_emplace(key).first->second;
    if (read && !s.loaded) {
        s.loaded = true;
        // A contract created in this transaction starts with empty storage
        // (collisions with stored slots are rejected), and an account known to
        // have no storage needs no backend round trip.
        if (!acc.created && acc.exists && acc.info.has_storage) {
            auto v = backend_.storage(addr, key);
            if (v)
                s.original = s.current = *v;
            else
                record_error(std::move(v).error());
        }
    }
    return s;
}

void State::set_flag(Account& acc, bool Account::*flag, Change kind) {
    if (acc.*flag) return;
    acc.*flag = true;
    journal_.push_back({kind, &acc, nullptr, {}});
}

bool State::exists(const Address& addr) { return load(addr).exists; }
bool State::is_empty(const Address& addr) { return empty(load(addr)); }
uint64_t State::nonce(const Address& addr) { return load(addr).info.nonce; }
uint256 State::balance(const Address& addr) { return load(addr).info.balance; }
Bytes32 State::code_hash(const Address& addr) { return load(addr).info.code_hash; }

BytesView State::code(const Address& addr) {
    Account& acc = load(addr);
    if (acc.info.code_hash == kEmptyCodeHash) return {};
    if (!acc.code) {
        auto c = backend_.code(acc.info.code_hash);
        if (!c) {
            record_error(std::move(c).error());
            return {};
        }
        acc.code = std::move(*c);
    }
    return *acc.code;
}

bool State::has_collision(const Address& addr) {
    Account& acc = load(addr);
    if (acc.info.nonce != 0 || acc.info.code_hash != kEmptyCodeHash) return true;
    if (acc.info.has_storage && !acc.created) return true;
    for (const auto& [k, s] : acc.storage)
        if (s.current) return true;
    return false;
}

void State::set_nonce(const Address& addr, uint64_t nonce) {
    Account& acc = load(addr);
    journal_.push_back({Change::nonce, &acc, nullptr, acc.info.nonce});
    acc.info.nonce = nonce;
    acc.changed = true;
    set_flag(acc, &Account::exists, Change::exists);
}

void State::touch(const Address& addr) { set_flag(load(addr), &Account::touched, Change::touched); }

void State::add_balance(const Address& addr, const uint256& amount) {
    Account& acc = load(addr);
    set_flag(acc, &Account::touched, Change::touched);
    // EIP-161: a zero-value touch does not bring an account into existence.
    if (!amount && rev_ >= Revision::spurious_dragon) return;
    journal_.push_back({Change::balance, &acc, nullptr, acc.info.balance});
    acc.info.balance += amount;
    acc.changed = true;
    set_flag(acc, &Account::exists, Change::exists);
}

void State::sub_balance(const Address& addr, const uint256& amount) {
    Account& acc = load(addr);
    set_flag(acc, &Account::touched, Change::touched);
    if (!amount) return;
    journal_.push_back({Change::balance, &acc, nullptr, acc.info.balance});
    acc.info.balance -= amount;
    acc.changed = true;
}

void State::set_code(const Address& addr, Bytes code) {
    Account& acc = load(addr);
    journal_.push_back({Change::code, &acc, nullptr, {}});
    acc.info.code_hash = keccak256(code);
    acc.code = std::make_shared<const Bytes>(std::move(code));
    acc.code_changed = true;
    acc.changed = true;
}

void State::create_contract(const Address& addr) {
    Account& acc = load(addr);
    set_flag(acc, &Account::exists, Change::exists);
    set_flag(acc, &Account::created, Change::created);
    set_flag(acc, &Account::touched, Change::touched);
    acc.changed = true;
    // EIP-161: contracts start at nonce 1.
    if (rev_ >= Revision::spurious_dragon) {
        journal_.push_back({Change::nonce, &acc, nullptr, acc.info.nonce});
        acc.info.nonce = 1;
    }
}

uint256 State::get_storage(const Address& addr, const uint256& key) {
    Account& acc = load(addr);
    return slot(addr, acc, key, true).current;
}

StorageStatus State::set_storage(const Address& addr, const uint256& key, const uint256& value) {
    Account& acc = load(addr);
    Slot& s = slot(addr, acc, key, true);
    const uint256 orig = s.original;
    const uint256 cur = s.current;
    if (cur == value) return StorageStatus::assigned;
    journal_.push_back({Change::storage, &acc, &s.current, cur});
    s.current = value;
    acc.changed = true;
    // EIP-2200 classification (X original, Y current, Z new; 0 is zero).
    if (orig == cur) {
        if (!orig) return StorageStatus::added;
        return value ? StorageStatus::modified : StorageStatus::deleted;
    }
    if (orig) {
        if (!cur) return value == orig ? StorageStatus::deleted_restored : StorageStatus::deleted_added;
        if (!value) return StorageStatus::modified_deleted;
        if (value == orig) return StorageStatus::modified_restored;
        return StorageStatus::assigned;
    }
    return value ? StorageStatus::assigned : StorageStatus::added_deleted;
}

uint256 State::get_transient(const Address& addr, const uint256& key) {
    Account& acc = entry(addr);
    auto it = acc.transient.find(key);
    return it == acc.transient.end() ? uint256{} : it->second;
}

void State::set_transient(const Address& addr, const uint256& key, const uint256& value) {
    Account& acc = entry(addr);
    uint256& v = acc.transient[key];
    journal_.push_back({Change::transient, &acc, &v, v});
    v = value;
}

AccessStatus State::access_account(const Address& addr) {
    if (precompiles_warm_ && is_precompile(rev_, addr)) return AccessStatus::warm;
    Account& acc = entry(addr);
    if (acc.warm) return AccessStatus::warm;
    set_flag(acc, &Account::warm, Change::warm_account);
    return AccessStatus::cold;
}

AccessStatus State::access_storage(const Address& addr, const uint256& key) {
    Account& acc = entry(addr);
    Slot& s = acc.storage.try_emplace(key).first->second;
    if (s.warm) return AccessStatus::warm;
    s.warm = true;
    journal_.push_back({Change::warm_slot, &acc, &s.warm, {}});
    return AccessStatus::cold;
}

bool State::selfdestruct(const Address& addr, const Address& beneficiary) {
    Account& acc = load(addr);
    const uint256 amount = acc.info.balance;
    // EIP-6780: from Cancun only a contract created in this transaction is
    // destroyed; otherwise SELFDESTRUCT just moves the balance.
    const bool destroy = rev_ < Revision::cancun || acc.created;
    if (beneficiary != addr) {
        add_balance(beneficiary, amount);
        sub_balance(addr, amount);
    } else if (destroy) {
        sub_balance(addr, amount);  // sending to itself burns the balance
    }
    if (!destroy || acc.destructed) return false;
    set_flag(acc, &Account::destructed, Change::destructed);
    return true;
}

void State::add_log(Log log) {
    logs_.push_back(std::move(log));
    journal_.push_back({Change::log, nullptr, nullptr, {}});
}

void State::revert(size_t snapshot) {
    while (journal_.size() > snapshot) {
        JournalEntry& e = journal_.back();
        switch (e.kind) {
        case Change::balance: e.acc->info.balance = e.prev; break;
        case Change::nonce: e.acc->info.nonce = e.prev.low64(); break;
        case Change::code:
            // Code is only ever set on a fresh contract, so undoing it empties it.
            e.acc->info.code_hash = kEmptyCodeHash;
            e.acc->code = nullptr;
            e.acc->code_changed = false;
            break;
        case Change::storage:
        case Change::transient: *static_cast<uint256*>(e.target) = e.prev; break;
        case Change::exists: e.acc->exists = false; break;
        case Change::touched: e.acc->touched = false; break;
        case Change::destructed: e.acc->destructed = false; break;
        case Change::created: e.acc->created = false; break;
        case Change::warm_account: e.acc->warm = false; break;
        case Change::warm_slot: *static_cast<bool*>(e.target) = false; break;
        case Change::log: logs_.pop_back(); break;
        }
        journal_.pop_back();
    }
}

StateDiff State::finalize() {
    StateDiff diff;
    for (auto& [addr, acc] : accounts_) {
        if (!acc.loaded) continue;  // only warmed or transient, never read or written
        const bool clear_empty = rev_ >= Revision::spurious_dragon && acc.touched && empty(acc);
        if (acc.destructed || clear_empty) {
            if (acc.exists || acc.destructed) diff.accounts.push_back({addr, true, false, {}, nullptr, {}});
            continue;
        }
        if (!acc.exists || !acc.changed) continue;
        AccountChange c;
        c.address = addr;
        c.info = acc.info;
        c.storage_cleared = acc.created;
        if (acc.code_changed) c.code = acc.code ? acc.code : std::make_shared<const Bytes>();
        for (const auto& [key, s] : acc.storage)
            if (s.loaded && s.current != s.original) c.storage.emplace_back(key, s.current);
        diff.accounts.push_back(std::move(c));
    }
    accounts_.clear();
    journal_.clear();
    return diff;
}

}  // namespace suture::evm
