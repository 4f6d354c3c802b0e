#include "chain/devnode/history_backend.hpp"

#include <algorithm>

namespace suture::chain {

const AccountUndo* find_undo(const std::vector<AccountUndo>& undo, const Address& addr) {
    auto it = std::lower_bound(undo.begin(), undo.end(), addr, [](const AccountUndo& u, const Address& a) { return u.address < a; });
    return it != undo.end() && it->address == addr ? &*it : nullptr;
}

Result<std::optional<evm::AccountInfo>> HistoryBackend::account(const Address& addr) {
    for (size_t k = index_ + 1; k < history_.blocks.size(); ++k)
        if (const AccountUndo* u = find_undo(history_.blocks[k].undo, addr)) return u->info;
    return latest_.account(addr);
}

Result<evm::CodePtr> HistoryBackend::code(const Bytes32& code_hash) {
    auto live = latest_.code(code_hash);
    if (live.ok()) return live;
    for (const auto& [hash, code] : history_.old_codes)
        if (hash == code_hash) return code;
    return live;
}

Result<uint256> HistoryBackend::storage(const Address& addr, const uint256& key) {
    for (size_t k = index_ + 1; k < history_.blocks.size(); ++k) {
        const AccountUndo* u = find_undo(history_.blocks[k].undo, addr);
        if (!u) continue;
        auto it = std::lower_bound(u->storage.begin(), u->storage.end(), key,
                                   [](const std::pair<uint256, uint256>& s, const uint256& x) { return s.first < x; });
        if (it != u->storage.end() && it->first == key) return it->second;
        // A complete list, or an account that did not exist yet: the slot was unset.
        if (u->storage_complete || !u->info) return uint256{};
    }
    return latest_.storage(addr, key);
}

void keep_old_codes(ChainHistory& history, evm::MemoryBackend& state, const std::vector<AccountUndo>& undo) {
    auto& old = history.old_codes;
    for (const AccountUndo& u : undo) {
        if (!u.info || u.info->code_hash == evm::kEmptyCodeHash) continue;
        const auto* now = state.find(u.address);
        if (now && now->code_hash == u.info->code_hash) continue;
        if (std::any_of(old.begin(), old.end(), [&](const auto& c) { return c.first == u.info->code_hash; })) continue;
        if (auto code = state.code(u.info->code_hash); code.ok()) old.emplace_back(u.info->code_hash, *code);
    }
}

UndoRecorder::UndoRecorder(evm::MemoryBackend& state, std::vector<AccountUndo> existing) : state_(state) {
    for (AccountUndo& u : existing) {
        Pending p;
        for (const auto& [k, v] : u.storage) p.slots.emplace(k, v);
        u.storage.clear();
        p.undo = std::move(u);
        entries_.emplace(p.undo.address, std::move(p));
    }
}

UndoRecorder::Pending& UndoRecorder::entry(const Address& addr) {
    auto [it, added] = entries_.try_emplace(addr);
    if (added) {
        it->second.undo.address = addr;
        if (const auto* acc = state_.find(addr))
            it->second.undo.info = evm::AccountInfo{acc->nonce, acc->balance, acc->code_hash, !acc->storage.empty()};
    }
    return it->second;
}

void UndoRecorder::apply(const evm::StateDiff& diff) {
    for (const evm::AccountChange& c : diff.accounts) {
        Pending& p = entry(c.address);
        const auto* acc = state_.find(c.address);
        if ((c.deleted || c.storage_cleared) && !p.undo.storage_complete) {
            // Slots changed earlier in the block keep their recorded value;
            // the others still hold the value they had before the block.
            if (acc)
                for (const auto& [k, v] : acc->storage) p.slots.try_emplace(k, v);
            p.undo.storage_complete = true;
        }
        if (p.undo.storage_complete) continue;  // every slot the block started with is listed
        for (const auto& [k, v] : c.storage) {
            (void)v;
            if (p.slots.count(k)) continue;
            uint256 before;
            if (acc)
                if (auto it = acc->storage.find(k); it != acc->storage.end()) before = it->second;
            p.slots.emplace(k, before);
        }
    }
    state_.apply(diff);
}

std::vector<AccountUndo> UndoRecorder::take() {
    std::vector<AccountUndo> out;
    out.reserve(entries_.size());
    for (auto& [addr, p] : entries_) {
        (void)addr;
        p.undo.storage.assign(p.slots.begin(), p.slots.end());
        std::sort(p.undo.storage.begin(), p.undo.storage.end());
        out.push_back(std::move(p.undo));
    }
    entries_.clear();
    std::sort(out.begin(), out.end(), [](const AccountUndo& a, const AccountUndo& b) { return a.address < b.address; });
    return out;
}

}  // namespace suture::chain
