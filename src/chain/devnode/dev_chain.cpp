#include "chain/devnode/dev_chain.hpp"

#include <algorithm>

#include "chain/devnode/block_seal.hpp"
#include "chain/devnode/history_backend.hpp"
#include "core/keccak.hpp"
#include "evm/state_root.hpp"
#include "evm/system_call.hpp"

namespace suture::chain {
namespace {

constexpr uint64_t kSlotSeconds = 12;

// The block a state file describes, sealed as the first block kept.
ChainBlock first_block(const LocalState& s) {
    ChainBlock b;
    b.number = uint64_t(s.block.number);
    b.timestamp = uint64_t(s.block.timestamp);
    b.gas_limit = uint64_t(s.block.gas_limit);
    b.base_fee = s.block.base_fee;
    b.prev_randao = s.block.prev_randao.to_bytes32();
    b.coinbase = s.block.coinbase;
    b.excess_blob_gas = s.block.excess_blob_gas;
    b.state_root = evm::state_root(s.accounts);
    seal_block(b, s.revision);
    return b;
}

// EIP-4844: the excess blob gas of the block after `parent` under the
// chain's rules (EIP-7691's parameters from Prague, EIP-7918's bound from Osaka).
uint64_t next_excess_blob_gas(evm::Revision rev, const ChainBlock& parent) {
    return evm::next_excess_blob_gas(rev, evm::blob_params(rev),
                                     {parent.excess_blob_gas, parent.blob_gas_used, parent.base_fee});
}

uint256 max_fee(const evm::Transaction& tx) {
    return tx.type == evm::TxType::legacy || tx.type == evm::TxType::access_list ? tx.gas_price : tx.max_fee_per_gas;
}

uint256 max_tip(const evm::Transaction& tx) {
    return tx.type == evm::TxType::legacy || tx.type == evm::TxType::access_list ? tx.gas_price
                                                                               : tx.max_priority_fee_per_gas;
}

// What the block producer earns per gas: min(tip cap, fee cap - base fee).
uint256 effective_tip(const evm::Transaction& tx, const uint256& base_fee) {
    const uint256 cap = max_fee(tx);
    if (cap < base_fee) return uint256{};
    return std::min(max_tip(tx), cap - base_fee);
}

std::string dec(const uint256& v) { return v.to_dec(); }

}  // namespace

DevChain::DevChain(LocalState state) : state_(std::move(state)) {
    if (state_.history.blocks.empty()) state_.history.blocks.push_back(first_block(state_));
    for (const ChainBlock& b : state_.history.blocks)
        for (size_t i = 0; i < b.txs.size(); ++i) tx_index_[b.txs[i].hash] = {b.number, i};
}

const ChainBlock* DevChain::block(uint64_t number) const {
    const auto& blocks = state_.history.blocks;
    if (number < blocks.front().number || number > blocks.back().number) return nullptr;
    return &blocks[number - blocks.front().number];
}

const ChainBlock* DevChain::block_by_hash(const Bytes32& hash) const {
    for (const ChainBlock& b : state_.history.blocks)
        if (b.hash == hash) return &b;
    return nullptr;
}

std::optional<DevChain::TxPlace> DevChain::find_transaction(const Bytes32& hash) const {
    auto it = tx_index_.find(hash);
    if (it == tx_index_.end()) return std::nullopt;
    const ChainBlock* b = block(it->second.first);
    if (!b) return std::nullopt;
    return TxPlace{b, it->second.second};
}

const ChainTx* DevChain::find_pending(const Bytes32& hash) const {
    for (const ChainTx& t : pool_)
        if (t.hash == hash) return &t;
    return nullptr;
}

std::vector<Bytes32> DevChain::arrivals_since(uint64_t cursor) const {
    if (cursor >= arrivals_.size()) return {};
    return std::vector<Bytes32>(arrivals_.begin() + int64_t(cursor), arrivals_.end());
}

std::unique_ptr<evm::StateBackend> DevChain::state_at(uint64_t number) {
    return std::make_unique<HistoryBackend>(state_.accounts, state_.history, number - first_kept());
}

evm::BlockEnv DevChain::env_of(const ChainBlock& b) const {
    evm::BlockEnv env;
    env.coinbase = b.coinbase;
    env.number = int64_t(b.number);
    env.timestamp = int64_t(b.timestamp);
    env.gas_limit = int64_t(b.gas_limit);
    env.prev_randao = uint256::from_bytes32(b.prev_randao);
    env.base_fee = b.base_fee;
    env.excess_blob_gas = b.excess_blob_gas;
    env.chain_id = state_.block.chain_id;
    // The node has no beacon chain: its headers carry a zero parent beacon
    // block root, which EIP-4788's call stores.
    if (state_.revision >= evm::Revision::cancun) env.parent_beacon_root = Bytes32{};
    // BLOCKHASH: the kept blocks answer; older ones read zero (the EVM asks
    // only for the 256 blocks before the current one).
    env.block_hashes = [this](int64_t n) {
        const ChainBlock* kept = n >= 0 ? block(uint64_t(n)) : nullptr;
        return kept ? kept->hash : Bytes32{};
    };
    return env;
}

evm::BlockEnv DevChain::next_env() const {
    const ChainBlock& parent = latest();
    ChainBlock next;
    next.number = parent.number + 1;
    next.timestamp = next_timestamp_ ? *next_timestamp_ : parent.timestamp + kSlotSeconds + time_offset_;
    next.gas_limit = parent.gas_limit;
    // The state file's own block carries the base fee its next execution runs
    // at (as `devnet exec` and anvil's genesis use it); after that, EIP-1559.
    next.base_fee = state_.history.blocks.size() == 1 ? parent.base_fee : next_base_fee(parent);
    next.prev_randao = keccak256(parent.prev_randao);
    next.coinbase = parent.coinbase;
    next.excess_blob_gas = next_excess_blob_gas(state_.revision, parent);
    return env_of(next);
}

uint64_t DevChain::pending_nonce(const Address& a) {
    uint64_t nonce = 0;
    if (const auto* acc = state_.accounts.find(a)) nonce = acc->nonce;
    for (bool advanced = true; advanced;) {
        advanced = false;
        for (const ChainTx& t : pool_)
            if (t.tx.sender == a && t.tx.nonce == nonce) {
                ++nonce;
                advanced = true;
            }
    }
    return nonce;
}

std::optional<TxRefusal> DevChain::validate(const ChainTx& t) {
    const evm::Transaction& tx = t.tx;
    if (tx_index_.count(t.hash) || find_pending(t.hash)) return TxRefusal{"already known"};
    if (uint8_t(tx.type) > uint8_t(evm::TxType::set_code))
        return TxRefusal{"transaction type " + std::to_string(uint8_t(tx.type)) + " is not supported by the in-process node"};
    if (tx.type == evm::TxType::blob)
        return TxRefusal{"blob transactions are not supported by the in-process node (it keeps no blob sidecars)"};
    // EIP-7702 set-code transactions from Prague; their authorizations are
    // checked one by one when the transaction runs (an invalid one is skipped,
    // as the EIP says), the transaction itself like any other.
    if (tx.type == evm::TxType::set_code && state_.revision < evm::Revision::prague)
        return TxRefusal{"transaction type not supported: set-code transactions need Prague rules, the node runs " +
                         std::string(evm::revision_name(state_.revision))};
    if (tx.type == evm::TxType::set_code && (!tx.to || tx.authorization_list.empty()))
        return TxRefusal{"a set-code transaction needs a recipient and at least one authorization"};
    const auto* acc = state_.accounts.find(tx.sender);
    const uint64_t nonce = acc ? acc->nonce : 0;
    if (tx.nonce < nonce)
        return TxRefusal{"nonce too low: next nonce " + std::to_string(nonce) + ", tx nonce " + std::to_string(tx.nonce)};
    if (uint64_t(tx.gas_limit) > latest().gas_limit)
        return TxRefusal{"exceeds block gas limit: gas " + std::to_string(tx.gas_limit) + ", block gas limit " +
                         std::to_string(latest().gas_limit)};
    const evm::Revision rev = state_.revision;
    if (rev >= evm::Revision::osaka) {  // EIP-7934: it must fit an otherwise empty block
        ChainBlock empty;  // the header's sizes: the latest block's numbers, no transactions
        const ChainBlock& head = latest();
        empty.number = head.number + 1;
        empty.timestamp = head.timestamp;
        empty.gas_limit = head.gas_limit;
        empty.base_fee = head.base_fee;
        empty.excess_blob_gas = head.excess_blob_gas;
        if (block_rlp_size(empty, rev) + 16 + block_tx_size(t) > kMaxRlpBlockSize)
            return TxRefusal{"oversized data: the transaction (" + std::to_string(t.raw.size()) +
                             " bytes) does not fit a block of " + std::to_string(kMaxRlpBlockSize) + " bytes (EIP-7934)"};
    }
    if (rev >= evm::Revision::osaka && tx.gas_limit > evm::kMaxTxGasLimit)  // EIP-7825
        return TxRefusal{"transaction gas limit too high (cap: " + std::to_string(evm::kMaxTxGasLimit) + ", tx: " +
                         std::to_string(tx.gas_limit) + ")"};
    // EIP-7623 (Prague): the gas limit covers the calldata floor too.
    const int64_t intrinsic = std::max(evm::intrinsic_gas(rev, tx), evm::calldata_floor_gas(rev, tx));
    if (tx.gas_limit < intrinsic)
        return TxRefusal{"intrinsic gas too low: gas " + std::to_string(tx.gas_limit) + ", minimum needed " +
                         std::to_string(intrinsic)};
    const uint256 base_fee = next_env().base_fee;
    if (max_fee(tx) < base_fee)
        return TxRefusal{"max fee per gas less than block base fee: address " + to_checksum(tx.sender) +
                         ", maxFeePerGas: " + dec(max_fee(tx)) + ", baseFee: " + dec(base_fee)};
    if (tx.type != evm::TxType::legacy && tx.type != evm::TxType::access_list &&
        tx.max_priority_fee_per_gas > tx.max_fee_per_gas)
        return TxRefusal{"max priority fee per gas higher than max fee per gas"};
    const uint256 cost = max_fee(tx) * uint256(uint64_t(tx.gas_limit)) + tx.value;
    const uint256 balance = acc ? acc->balance : uint256{};
    if (balance < cost)
        return TxRefusal{"insufficient funds for gas * price + value: address " + to_checksum(tx.sender) + " have " +
                         dec(balance) + " want " + dec(cost)};
    return std::nullopt;
}

std::optional<TxRefusal> DevChain::submit(ChainTx tx) {
    if (auto refused = validate(tx)) return refused;
    // A transaction with the nonce of a pooled one from the same sender
    // replaces it only with both fee caps raised by 10% (as geth).
    for (auto it = pool_.begin(); it != pool_.end(); ++it) {
        if (it->tx.sender != tx.tx.sender || it->tx.nonce != tx.tx.nonce) continue;
        const uint256 min_fee = max_fee(it->tx) + max_fee(it->tx) / uint256(10);
        const uint256 min_tip = max_tip(it->tx) + max_tip(it->tx) / uint256(10);
        if (max_fee(tx.tx) < min_fee || max_tip(tx.tx) < min_tip) return TxRefusal{"replacement transaction underpriced"};
        pool_.erase(it);
        break;
    }
    arrivals_.push_back(tx.hash);
    pool_.push_back(std::move(tx));
    if (automine_)
        while (has_ready_transaction()) mine_block(std::nullopt, 1);
    return std::nullopt;
}

bool DevChain::has_ready_transaction() {
    for (const ChainTx& t : pool_) {
        const auto* acc = state_.accounts.find(t.tx.sender);
        if (t.tx.nonce == (acc ? acc->nonce : 0)) return true;
    }
    return false;
}

Status DevChain::mine(uint64_t count, std::optional<uint64_t> timestamp) {
    for (uint64_t i = 0; i < count; ++i) {
        mine_block(i == 0 ? timestamp : std::nullopt, SIZE_MAX);
    }
    return {};
}

void DevChain::mine_block(std::optional<uint64_t> timestamp, size_t max_txs) {
    if (timestamp) next_timestamp_ = timestamp;
    const evm::BlockEnv env = next_env();
    next_timestamp_.reset();
    time_offset_ = 0;

    ChainBlock b = open_block(env, latest().hash);

    UndoRecorder recorder(state_.accounts);
    // EIP-4788 and EIP-2935: the pre-block system calls (where the contracts
    // have code). A read failure of the in-memory state cannot happen; a
    // failing call leaves the state as it was, as the EIPs require.
    if (auto pre = evm::pre_block_calls(state_.accounts, state_.revision, env, b.parent_hash); pre.ok())
        recorder.apply(*pre);
    // EIP-7934 (Osaka): the block's RLP stays within MAX_RLP_BLOCK_SIZE; a
    // transaction that would cross it waits for the next block. 16 bytes
    // leave room for the list headers growing with the payload.
    const bool size_limited = state_.revision >= evm::Revision::osaka;
    size_t block_size = size_limited ? block_rlp_size(b, state_.revision) + 16 : 0;
    // Highest effective tip first; a sender's transactions in nonce order
    // (only the one matching the account's nonce is eligible at a time).
    while (b.txs.size() < max_txs) {
        ChainTx* best = nullptr;
        uint256 best_tip;
        for (auto it = pool_.begin(); it != pool_.end();) {
            const auto* acc = state_.accounts.find(it->tx.sender);
            const uint64_t nonce = acc ? acc->nonce : 0;
            if (it->tx.nonce < nonce) {  // replaced by a mined one
                it = pool_.erase(it);
                continue;
            }
            const bool fits = !size_limited || block_size + block_tx_size(*it) <= kMaxRlpBlockSize;
            if (it->tx.nonce == nonce && uint64_t(it->tx.gas_limit) <= b.gas_limit - b.gas_used && fits) {
                const uint256 tip = effective_tip(it->tx, b.base_fee);
                if (!best || tip > best_tip) {
                    best = &*it;
                    best_tip = tip;
                }
            }
            ++it;
        }
        if (!best) break;
        ChainTx tx = std::move(*best);
        pool_.erase(pool_.begin() + (best - pool_.data()));
        auto outcome = evm::execute_transaction(state_.accounts, state_.revision, env, tx.tx);
        if (!outcome.ok()) continue;  // no longer valid (e.g. the balance went to an earlier transaction): dropped
        recorder.apply(outcome->diff);
        if (size_limited) block_size += block_tx_size(tx);
        ChainReceipt r;
        r.success = outcome->receipt.status == evm::StatusCode::success;
        r.gas_used = uint64_t(outcome->receipt.gas_used);
        b.gas_used += r.gas_used;
        r.cumulative_gas_used = b.gas_used;
        r.effective_gas_price = effective_gas_price(tx.tx, b.base_fee);
        r.contract_address = outcome->receipt.created;
        r.logs = std::move(outcome->receipt.logs);
        tx_index_[tx.hash] = {b.number, b.txs.size()};
        b.txs.push_back(std::move(tx));
        b.receipts.push_back(std::move(r));
    }
    // EIP-6110, EIP-7002, EIP-7251: the block's requests, after its last transaction.
    std::vector<evm::Log> logs;
    for (const ChainReceipt& r : b.receipts) logs.insert(logs.end(), r.logs.begin(), r.logs.end());
    // A failure (a DepositEvent not in the contract's layout, a dequeue call
    // reverting under code set by anvil_setCode) leaves the block without
    // requests: the transactions are already in, and a dev node keeps mining.
    if (auto requests = evm::post_block_requests(state_.accounts, state_.revision, env, logs); requests.ok()) {
        recorder.apply(requests->diff);
        b.requests_hash = evm::requests_hash(requests->requests);
    }
    b.undo = recorder.take();
    keep_old_codes(state_.history, state_.accounts, b.undo);
    b.state_root = evm::state_root(state_.accounts);
    seal_block(b, state_.revision);
    push_block(std::move(b));
}

void DevChain::push_block(ChainBlock b) {
    state_.block = env_of(b);
    state_.block.block_hashes = nullptr;
    state_.history.blocks.push_back(std::move(b));
    ++unflushed_;
}

void DevChain::set_account(const evm::AccountChange& change) {
    ChainBlock& head = state_.history.blocks.back();
    if (state_.history.blocks.size() == 1) {  // the first block kept has no undo record: nothing before it
        evm::StateDiff diff{{change}};
        state_.accounts.apply(diff);
    } else {
        UndoRecorder recorder(state_.accounts, std::move(head.undo));
        recorder.apply(evm::StateDiff{{change}});
        head.undo = recorder.take();
    }
    ++unflushed_;
}

void DevChain::impersonate(const Address& a, bool on) {
    if (on)
        impersonated_.insert(a);
    else
        impersonated_.erase(a);
}

uint64_t DevChain::snapshot() {
    const uint64_t id = next_snapshot_++;
    snapshots_.emplace(id, Snapshot{state_.accounts, state_.block, state_.history.blocks.back().undo,
                                    state_.history.blocks.size(), pool_, time_offset_, next_timestamp_, automine_});
    return id;
}

bool DevChain::revert(uint64_t id) {
    auto it = snapshots_.find(id);
    if (it == snapshots_.end()) return false;
    Snapshot s = std::move(it->second);
    // anvil: reverting to a snapshot also drops the snapshots taken after it.
    snapshots_.erase(it, snapshots_.end());
    auto& blocks = state_.history.blocks;
    for (size_t i = s.block_count; i < blocks.size(); ++i)
        for (const ChainTx& t : blocks[i].txs) tx_index_.erase(t.hash);
    blocks.resize(s.block_count);
    blocks.back().undo = std::move(s.latest_undo);
    state_.accounts = std::move(s.accounts);
    state_.block = s.block;
    pool_ = std::move(s.pool);
    time_offset_ = s.time_offset;
    next_timestamp_ = s.next_timestamp;
    automine_ = s.automine;
    ++unflushed_;
    return true;
}

}  // namespace suture::chain
