#include "chain/devnet.hpp"

#include <map>

#include "chain/devnode/block_seal.hpp"
#include "chain/devnode/history_backend.hpp"
#include "core/keccak.hpp"
#include "evm/state_root.hpp"

namespace suture::chain {

Bytes32 dev_secret(uint32_t index) { return keccak256("suture-dev-" + std::to_string(index)); }

Result<SecretKey> dev_key(uint32_t index) {
    auto key = SecretKey::from_bytes(dev_secret(index));
    if (!key) return internal_error("dev key " + std::to_string(index) + ": " + key.error().message);
    return key;
}

Result<LocalState> new_devnet(const DevnetOptions& options) {
    LocalState s;
    s.revision = evm::Revision::cancun;
    s.block.chain_id = uint256(options.chain_id);
    s.block.number = 0;
    s.block.timestamp = 1'700'000'000;
    s.block.gas_limit = 30'000'000;
    s.block.base_fee = uint256(1'000'000'000);
    s.block.prev_randao = uint256::from_bytes32(keccak256("suture-devnet"));
    for (uint32_t i = 0; i < options.accounts; ++i) {
        SUTURE_TRY(key, dev_key(i));
        s.accounts.set_account(key.address(), 0, options.balance, {});
    }
    for (const Address& a : options.fund) s.accounts.set_account(a, 0, options.balance, {});
    return s;
}

evm::BlockEnv next_block(const evm::BlockEnv& latest) {
    evm::BlockEnv b = latest;
    b.number += 1;
    b.timestamp += 12;
    return b;
}

namespace {

// The calls as a block holds them: unsigned legacy transactions at gas price
// zero, each at its sender's nonce (a message call advances it, as a
// transaction does), with their receipts.
void add_calls(ChainBlock& b, const evm::MemoryBackend& before, const std::vector<ExecutedCall>& calls) {
    std::map<Address, uint64_t> nonces;
    for (const ExecutedCall& c : calls) {
        auto [it, fresh] = nonces.try_emplace(c.from, 0);
        if (fresh)
            if (const auto* acc = before.find(c.from)) it->second = acc->nonce;
        ChainTx t;
        t.tx.type = evm::TxType::legacy;
        t.tx.sender = c.from;
        t.tx.to = c.to;
        t.tx.nonce = it->second++;
        t.tx.value = c.value;
        t.tx.data = c.data;
        t.tx.gas_limit = c.gas_limit;
        t.hash = unsigned_tx_hash(t.tx);
        ChainReceipt r;
        r.success = c.success;
        r.gas_used = c.gas_used;
        b.gas_used += c.gas_used;
        r.cumulative_gas_used = b.gas_used;
        r.contract_address = c.created;
        r.logs = c.logs;
        b.txs.push_back(std::move(t));
        b.receipts.push_back(std::move(r));
    }
}

}  // namespace

Status commit_exec_block(LocalState& state, const evm::BlockEnv& block, const std::vector<ExecutedCall>& calls,
                         const evm::StateDiff& diff) {
    auto& history = state.history;
    if (history.blocks.empty()) {  // format 1: the state and its latest block only
        state.accounts.apply(diff);
        state.block = block;
        state.block.block_hashes = nullptr;
        return {};
    }
    const ChainBlock& parent = history.blocks.back();
    if (uint64_t(block.number) != parent.number + 1)
        return internal_error("devnet exec: block " + std::to_string(block.number) + " does not follow the kept block " +
                              std::to_string(parent.number));
    ChainBlock b = open_block(block, parent.hash);
    add_calls(b, state.accounts, calls);
    // The values before the block of what it changed, and the code it replaced.
    UndoRecorder recorder(state.accounts);
    recorder.apply(diff);
    b.undo = recorder.take();
    keep_old_codes(history, state.accounts, b.undo);
    b.state_root = evm::state_root(state.accounts);
    seal_block(b, state.revision);
    history.blocks.push_back(std::move(b));
    state.block = block;
    state.block.block_hashes = nullptr;
    return {};
}

}  // namespace suture::chain
