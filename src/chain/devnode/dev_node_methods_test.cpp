// Test-node controls (the anvil/evm methods chain/rpc_anvil_methods.cpp
// uses, and a few more), the pending pool and filters.
#include "chain/devnode/dev_node_methods.hpp"
#include "chain/devnode/rpc_objects.hpp"
#include "chain/rpc_json.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

// The latest state's account as a change to edit (created empty if missing).
evm::AccountChange current(DevChain& chain, const Address& a) {
    evm::AccountChange c;
    c.address = a;
    if (auto info = chain.mutable_state().accounts.account(a); info.ok() && *info) c.info = **info;
    return c;
}

json increase_time(DevNode& node, const Params& p) {
    p.at_most(1);
    const uint64_t s = p.u64(0, "seconds");
    node.chain().increase_time(s);
    return quantity(node.chain().time_offset());
}

json set_next_timestamp(DevNode& node, const Params& p) {
    p.at_most(1);
    const uint64_t t = p.u64(0, "timestamp");
    if (t <= node.chain().latest().timestamp)
        p.bad(0, "timestamp", "must be after the latest block's timestamp " + std::to_string(node.chain().latest().timestamp));
    node.chain().set_next_timestamp(t);
    return nullptr;
}

json evm_mine(DevNode& node, const Params& p) {
    p.at_most(1);
    std::optional<uint64_t> timestamp;
    if (p.has(0)) timestamp = p.u64(0, "timestamp");
    if (auto s = node.chain().mine(1, timestamp); !s.ok()) fail(kServerError, s.error().message);
    return "0x0";
}

json anvil_mine(DevNode& node, const Params& p) {
    p.at_most(2);
    const uint64_t count = p.has(0) ? p.u64(0, "blocks") : 1;
    if (p.has(1)) p.bad(1, "interval", "not supported by the in-process node (blocks are 12 s apart)");
    if (count > 100'000) p.bad(0, "blocks", "at most 100000 blocks at once");
    if (auto s = node.chain().mine(count); !s.ok()) fail(kServerError, s.error().message);
    return nullptr;
}

json set_balance(DevNode& node, const Params& p) {
    p.at_most(2);
    evm::AccountChange c = current(node.chain(), p.address(0, "address"));
    c.info.balance = p.u256(1, "balance");
    node.chain().set_account(c);
    return nullptr;
}

json set_nonce(DevNode& node, const Params& p) {
    p.at_most(2);
    evm::AccountChange c = current(node.chain(), p.address(0, "address"));
    c.info.nonce = p.u64(1, "nonce");
    node.chain().set_account(c);
    return nullptr;
}

json set_code(DevNode& node, const Params& p) {
    p.at_most(2);
    evm::AccountChange c = current(node.chain(), p.address(0, "address"));
    Bytes code = p.data(1, "code");
    c.info.code_hash = code.empty() ? evm::kEmptyCodeHash : keccak256(code);
    c.code = std::make_shared<const Bytes>(std::move(code));
    node.chain().set_account(c);
    return nullptr;
}

json set_storage_at(DevNode& node, const Params& p) {
    p.at_most(3);
    evm::AccountChange c = current(node.chain(), p.address(0, "address"));
    const uint256 slot = p.u256(1, "slot");
    const Bytes value = p.data(2, "value");
    if (value.size() > 32) p.bad(2, "value", "longer than 32 bytes");
    c.storage.emplace_back(slot, uint256::from_be(BytesView(value)));
    c.info.has_storage = true;
    node.chain().set_account(c);
    return true;
}

json impersonate(DevNode& node, const Params& p) {
    p.at_most(1);
    node.chain().impersonate(p.address(0, "address"), true);
    return nullptr;
}

json stop_impersonating(DevNode& node, const Params& p) {
    p.at_most(1);
    node.chain().impersonate(p.address(0, "address"), false);
    return nullptr;
}

json set_automine(DevNode& node, const Params& p) {
    p.at_most(1);
    const bool on = p.boolean(0, "enabled");
    node.chain().set_automine(on);
    // anvil mines what waits when automine comes back on.
    if (on && !node.chain().pending().empty()) (void)node.chain().mine(1);
    return nullptr;
}

json get_automine(DevNode& node, const Params& p) {
    p.at_most(0);
    return node.chain().automine();
}

json snapshot(DevNode& node, const Params& p) {
    p.at_most(0);
    return quantity(node.chain().snapshot());
}

json revert(DevNode& node, const Params& p) {
    p.at_most(1);
    return node.chain().revert(p.u64(0, "snapshot id"));
}

// txpool_content: {pending: {sender: {nonce: tx}}, queued: {...}}; a
// transaction waiting for an earlier nonce is queued.
json txpool_content(DevNode& node, const Params& p) {
    p.at_most(0);
    DevChain& chain = node.chain();
    json pending = json::object(), queued = json::object();
    for (const ChainTx& t : chain.pending()) {
        const std::string from = to_checksum(t.tx.sender);
        const bool ready = t.tx.nonce < chain.pending_nonce(t.tx.sender);
        (ready ? pending : queued)[from][std::to_string(t.tx.nonce)] = transaction_json(t, nullptr, 0);
    }
    return {{"pending", pending}, {"queued", queued}};
}

json new_pending_filter(DevNode& node, const Params& p) {
    p.at_most(0);
    const uint64_t id = node.next_filter_id();
    node.filters()[id] = DevNode::Filter{false, node.chain().arrival_count()};
    return quantity(id);
}

json new_block_filter(DevNode& node, const Params& p) {
    p.at_most(0);
    const uint64_t id = node.next_filter_id();
    node.filters()[id] = DevNode::Filter{true, node.chain().latest().number};
    return quantity(id);
}

json filter_changes(DevNode& node, const Params& p) {
    p.at_most(1);
    auto it = node.filters().find(p.u64(0, "filter id"));
    if (it == node.filters().end()) fail(kServerError, "filter not found");
    DevNode::Filter& f = it->second;
    DevChain& chain = node.chain();
    json out = json::array();
    if (f.blocks) {
        for (uint64_t n = f.cursor + 1; n <= chain.latest().number; ++n)
            if (const ChainBlock* b = chain.block(n)) out.push_back(to_hex(b->hash));
        f.cursor = chain.latest().number;
    } else {
        for (const Bytes32& h : chain.arrivals_since(f.cursor)) out.push_back(to_hex(h));
        f.cursor = chain.arrival_count();
    }
    return out;
}

json uninstall_filter(DevNode& node, const Params& p) {
    p.at_most(1);
    return node.filters().erase(p.u64(0, "filter id")) == 1;
}

constexpr Method kMethods[] = {
    {"evm_increaseTime", increase_time},
    {"evm_setNextBlockTimestamp", set_next_timestamp},
    {"evm_mine", evm_mine},
    {"anvil_mine", anvil_mine},
    {"hardhat_mine", anvil_mine},
    {"anvil_setBalance", set_balance},
    {"anvil_setNonce", set_nonce},
    {"anvil_setCode", set_code},
    {"anvil_setStorageAt", set_storage_at},
    {"anvil_impersonateAccount", impersonate},
    {"anvil_stopImpersonatingAccount", stop_impersonating},
    {"evm_setAutomine", set_automine},
    {"anvil_setAutomine", set_automine},
    {"anvil_getAutomine", get_automine},
    {"evm_snapshot", snapshot},
    {"evm_revert", revert},
    {"txpool_content", txpool_content},
    {"eth_newPendingTransactionFilter", new_pending_filter},
    {"eth_newBlockFilter", new_block_filter},
    {"eth_getFilterChanges", filter_changes},
    {"eth_uninstallFilter", uninstall_filter},
    {"eth_syncing", [](DevNode&, const Params& p) -> json { p.at_most(0); return false; }},
};

}  // namespace

std::span<const Method> test_methods() { return kMethods; }

}  // namespace suture::chain
