#include "verify/replay_compare.hpp"

#include <algorithm>
#include <map>

#include "core/hex.hpp"
#include "core/units.hpp"

namespace suture::verify {
namespace {

// The price per gas the sender paid (legacy/EIP-2930: gasPrice; EIP-1559 and
// EIP-4844: min(maxFee, baseFee + maxPriorityFee)).
uint256 effective_gas_price(const evm::Transaction& tx, const evm::BlockEnv& block) {
    if (tx.type == evm::TxType::legacy || tx.type == evm::TxType::access_list) return tx.gas_price;
    const uint256 tip_cap = block.base_fee + tx.max_priority_fee_per_gas;
    return tx.max_fee_per_gas < tip_cap ? tx.max_fee_per_gas : tip_cap;
}

using AmountKey = std::pair<std::optional<Address>, Address>;

void add(std::map<AmountKey, uint256>& m, const std::optional<Address>& token, const Address& holder, const uint256& d) {
    m[{token, holder}] += d;
}

bool negative(const uint256& v) { return v.bit_width() == 256; }

std::string signed_amount(const uint256& delta, bool eth) {
    const bool neg = negative(delta);
    const uint256 mag = neg ? -delta : delta;
    const std::string n = eth ? format_units(mag, 18) + " ETH" : mag.to_dec();
    if (mag == uint256()) return "no change";
    return (neg ? "-" : "+") + n;
}

std::string hex_word(const uint256& v) { return v.to_hex(); }

std::string status_words(evm::StatusCode s) {
    std::string name = evm::status_name(s);
    std::replace(name.begin(), name.end(), '_', ' ');
    return name;
}

std::string log_text(const evm::Log& l, const AbiList& abis) { return describe_log(l.address, l.topics, l.data, abis); }

bool same_log(const evm::Log& a, const evm::Log& b) {
    return a.address == b.address && a.topics == b.topics && a.data == b.data;
}

}  // namespace

Result<TxEffects> measure_effects(evm::StateBackend& before, const evm::BlockEnv& block, const evm::Transaction& tx,
                                  const evm::TxOutcome& outcome) {
    TxEffects e;
    e.executed = true;
    e.status = outcome.receipt.status;
    e.output = outcome.receipt.output;
    e.logs = outcome.receipt.logs;
    e.gas_used = outcome.receipt.gas_used;
    e.created = outcome.receipt.created;

    std::map<AmountKey, uint256> amounts;
    for (const evm::AccountChange& c : outcome.diff.accounts) {
        for (const auto& [slot, value] : c.storage) {
            SUTURE_TRY(was_stored, before.storage(c.address, slot));
            e.storage.push_back({c.address, slot, value, was_stored});
        }
        SUTURE_TRY(prior, before.account(c.address));
        const uint256 was = prior ? prior->balance : uint256();
        const uint256 now = c.deleted ? uint256() : c.info.balance;
        add(amounts, std::nullopt, c.address, now - was);
    }
    // Gas is reported, not compared: add the sender's fee back and take the
    // coinbase's tip out (EIP-1559: the base fee is burned, EIP-4844: so is the blob fee).
    const uint256 price = effective_gas_price(tx, block);
    const uint256 gas = uint256(uint64_t(e.gas_used));
    uint256 fee = gas * price;
    if (tx.type == evm::TxType::blob)
        fee += uint256(evm::kBlobGasPerBlob * tx.blob_hashes.size()) * evm::blob_base_fee(block.excess_blob_gas);
    add(amounts, std::nullopt, tx.sender, fee);
    const uint256 tip = price > block.base_fee ? price - block.base_fee : uint256();
    add(amounts, std::nullopt, block.coinbase, uint256() - gas * tip);

    // ERC-20 Transfer(address indexed from, address indexed to, uint256 value):
    // three topics (ERC-721's has four: its id is indexed).
    static const Bytes32 kTransfer = abi::event_topic("Transfer(address,address,uint256)");
    for (const evm::Log& l : e.logs) {
        if (l.topics.size() != 3 || l.topics[0] != kTransfer || l.data.size() != 32) continue;
        const Address from = to_address(uint256::from_bytes32(l.topics[1]));
        const Address to = to_address(uint256::from_bytes32(l.topics[2]));
        Bytes32 word;
        std::copy(l.data.begin(), l.data.end(), word.begin());
        const uint256 v = uint256::from_bytes32(word);
        add(amounts, l.address, from, uint256() - v);
        add(amounts, l.address, to, v);
    }
    for (const auto& [key, delta] : amounts)
        if (delta != uint256()) e.balances.push_back({key.first, key.second, delta});
    std::sort(e.storage.begin(), e.storage.end(), [](const StorageWrite& a, const StorageWrite& b) {
        return a.address != b.address ? a.address < b.address : a.slot < b.slot;
    });
    return e;
}

std::string describe_outcome(const TxEffects& e, const AbiList& abis, const abi::AbiEntry* function) {
    if (!e.executed) return "was refused: " + e.refused;
    switch (e.status) {
    case evm::StatusCode::success: return "returned " + describe_return_data(e.output, function);
    case evm::StatusCode::revert: return "reverted " + describe_revert_data(e.output, abis);
    default: return "failed (" + status_words(e.status) + ")";
    }
}

std::vector<DiffItem> compare_effects(const TxEffects& o, const TxEffects& n, const AbiList& abis,
                                      const abi::AbiEntry* function) {
    std::vector<DiffItem> items;
    if (o.executed != n.executed || (o.executed && (o.status != n.status || o.output != n.output)) ||
        (!o.executed && o.refused != n.refused))
        items.push_back({"outcome", describe_outcome(o, abis, function), describe_outcome(n, abis, function)});

    // Balances: ETH, then tokens (the merged order of both sorted lists).
    std::map<AmountKey, std::pair<uint256, uint256>> amounts;
    for (const AmountChange& c : o.balances) amounts[{c.token, c.holder}].first = c.delta;
    for (const AmountChange& c : n.balances) amounts[{c.token, c.holder}].second = c.delta;
    for (const auto& [key, d] : amounts) {
        if (d.first == d.second) continue;
        const bool eth = !key.first;
        const std::string what = eth ? "ETH balance of " + to_checksum(key.second)
                                     : "token " + to_checksum(*key.first) + " balance of " + to_checksum(key.second);
        items.push_back({what, signed_amount(d.first, eth), signed_amount(d.second, eth)});
    }

    const size_t logs = std::max(o.logs.size(), n.logs.size());
    for (size_t i = 0; i < logs; ++i) {
        const evm::Log* a = i < o.logs.size() ? &o.logs[i] : nullptr;
        const evm::Log* b = i < n.logs.size() ? &n.logs[i] : nullptr;
        if (a && b && same_log(*a, *b)) continue;
        items.push_back({"log " + std::to_string(i), a ? log_text(*a, abis) : "no log", b ? log_text(*b, abis) : "no log"});
        break;  // later logs shift after the first difference: one item says it
    }

    std::map<std::pair<Address, uint256>, std::pair<std::optional<uint256>, std::optional<uint256>>> slots;
    for (const StorageWrite& w : o.storage) slots[{w.address, w.slot}].first = w.value;
    for (const StorageWrite& w : n.storage) slots[{w.address, w.slot}].second = w.value;
    for (const auto& [key, v] : slots) {
        if (v.first == v.second) continue;
        auto text = [](const std::optional<uint256>& x) { return x ? "wrote " + hex_word(*x) : std::string("no write"); };
        items.push_back({"storage of " + to_checksum(key.first) + " slot " + hex_word(key.second), text(v.first), text(v.second)});
    }
    if (o.created != n.created) {
        auto text = [](const std::optional<Address>& a) { return a ? "created " + to_checksum(*a) : std::string("created nothing"); };
        items.push_back({"contract creation", text(o.created), text(n.created)});
    }
    return items;
}

std::optional<std::string> receipt_mismatch(const TxEffects& e, const chain::Receipt& r, const AbiList& abis) {
    if (!e.executed) return "the chain included it, the EVM refused it: " + e.refused;
    const bool ok = e.status == evm::StatusCode::success;
    if (ok != r.status)
        return std::string("status: the chain says ") + (r.status ? "success" : "failure") + ", the EVM " +
               describe_outcome(e, abis, nullptr);
    if (uint64_t(e.gas_used) != r.gas_used)
        return "gas used: the chain says " + std::to_string(r.gas_used) + ", the EVM " + std::to_string(e.gas_used);
    if (e.logs.size() != r.logs.size())
        return "logs: the chain has " + std::to_string(r.logs.size()) + ", the EVM emitted " + std::to_string(e.logs.size());
    for (size_t i = 0; i < e.logs.size(); ++i) {
        const chain::Log& c = r.logs[i];
        if (c.address == e.logs[i].address && c.topics == e.logs[i].topics && c.data == e.logs[i].data) continue;
        return "log " + std::to_string(i) + ": the chain has " + describe_log(c.address, c.topics, c.data, abis) +
               ", the EVM " + log_text(e.logs[i], abis);
    }
    return std::nullopt;
}

}  // namespace suture::verify
