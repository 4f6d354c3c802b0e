#include <algorithm>
#include <string>

#include "evm/transaction.hpp"

namespace suture::evm {
namespace {

constexpr uint64_t kMaxInitcodeSize = 2 * 24576;  // EIP-3860
constexpr uint8_t kBlobHashVersion = 0x01;        // EIP-4844 VERSIONED_HASH_VERSION_KZG

Error invalid(std::string why) { return input_error("invalid transaction: " + why); }

// a * b, or nullopt when it does not fit 256 bits.
std::optional<uint256> checked_mul(const uint256& a, const uint256& b) {
    if (!a || !b) return uint256{};
    if (a > uint256::max() / b) return std::nullopt;
    return a * b;
}

std::optional<uint256> checked_add(const uint256& a, const uint256& b) {
    const uint256 s = a + b;
    if (s < a) return std::nullopt;
    return s;
}

}  // namespace

uint256 blob_base_fee(uint64_t excess_blob_gas) { return blob_base_fee(excess_blob_gas, 3338477); }

uint256 blob_base_fee(uint64_t excess_blob_gas, uint64_t update_fraction) {
    // EIP-4844 fake_exponential(MIN_BASE_FEE_PER_BLOB_GAS, excess, UPDATE_FRACTION):
    // a Taylor series of factor * e^(numerator / denominator) in integers.
    const uint256 factor = 1;
    if (excess_blob_gas == 0 && update_fraction != 0) return factor;  // e^0: most blocks, every call
    const uint256 denominator = update_fraction ? update_fraction : 1;
    const uint256 numerator = excess_blob_gas;
    // Beyond e^120 (about 2^173 wei per blob gas) no transaction can pay, and
    // the series' intermediates would no longer fit 256 bits: saturate.
    if (update_fraction == 0 || uint256(excess_blob_gas) > uint256(120) * update_fraction) return uint256::max();
    uint256 output = 0;
    uint256 acc = factor * denominator;
    for (uint64_t i = 1; acc; ++i) {
        output += acc;
        acc = (acc * numerator) / (denominator * i);
    }
    return output / denominator;
}

BlobParams blob_params(Revision rev) {
    // EIP-7691 doubled the target and raised the maximum in Prague; Osaka
    // keeps Prague's until the blob-parameter-only forks (EIP-7892), which a
    // chain's schedule gives through BlockEnv::blob_schedule.
    if (rev >= Revision::prague) return {6, 9, 5007716};
    return {};
}

BlobParams block_blob_params(Revision rev, const BlockEnv& block) {
    return block.blob_schedule ? *block.blob_schedule : blob_params(rev);
}

uint64_t next_excess_blob_gas(Revision rev, const BlobParams& params, const ParentBlobInfo& parent) {
    const uint64_t target = params.target * kBlobGasPerBlob;
    const uint64_t max = params.max * kBlobGasPerBlob;
    const uint64_t total = parent.excess_blob_gas + parent.blob_gas_used;
    if (total < target) return 0;
    // EIP-7918 (Osaka): BLOB_BASE_COST = 2^13 execution gas per blob.
    if (rev >= Revision::osaka && max > target) {
        const uint256 fee = blob_base_fee(parent.excess_blob_gas, params.update_fraction);
        // A saturated fee is above any execution cost; otherwise fee * 2^17 fits.
        const uint256 blob_cost = uint256(kBlobGasPerBlob) * fee;
        const bool bounded = fee != uint256::max() &&
                             (parent.base_fee > uint256::max() / 8192 || uint256(8192) * parent.base_fee > blob_cost);
        if (bounded) return parent.excess_blob_gas + parent.blob_gas_used * (max - target) / max;
    }
    return total - target;
}

int64_t intrinsic_gas(Revision rev, const Transaction& tx) {
    int64_t gas = 21000;
    if (!tx.to && rev >= Revision::homestead) gas += 32000;  // EIP-2
    // EIP-2028 made non-zero calldata bytes cheaper in Istanbul.
    const int64_t nonzero_cost = rev >= Revision::istanbul ? 16 : 68;
    for (uint8_t b : tx.data) gas += b ? nonzero_cost : 4;
    // EIP-2930 access lists.
    for (const auto& e : tx.access_list) gas += 2400 + 1900 * int64_t(e.keys.size());
    // EIP-3860: 2 gas per 32-byte word of initcode.
    if (!tx.to && rev >= Revision::shanghai) gas += 2 * int64_t((tx.data.size() + 31) / 32);
    // EIP-7702: every authorization is priced as if its authority were new;
    // existing authorities are refunded the difference.
    gas += kPerEmptyAccountCost * int64_t(tx.authorization_list.size());
    return gas;
}

int64_t calldata_floor_gas(Revision rev, const Transaction& tx) {
    if (rev < Revision::prague) return 0;
    // EIP-7623: STANDARD_TOKEN_COST 4 per token, TOTAL_COST_FLOOR_PER_TOKEN 10.
    int64_t tokens = 0;
    for (uint8_t b : tx.data) tokens += b ? 4 : 1;
    return 21000 + 10 * tokens;
}

Status validate_transaction(State& state, const BlockEnv& block, const Transaction& tx) {
    const Revision rev = state.revision();
    const BlobParams blob = block_blob_params(rev, block);
    // EIP-7594 (Osaka) limits a transaction to six blobs, below the block's maximum.
    const size_t max_blobs = rev >= Revision::osaka ? std::min<size_t>(kMaxBlobsPerTx, blob.max) : blob.max;
    switch (tx.type) {
    case TxType::legacy: break;
    case TxType::access_list:
        if (rev < Revision::berlin) return invalid("EIP-2930 transactions need Berlin");
        break;
    case TxType::dynamic_fee:
        if (rev < Revision::london) return invalid("EIP-1559 transactions need London");
        break;
    case TxType::blob:
        if (rev < Revision::cancun) return invalid("EIP-4844 blob transactions need Cancun");
        if (!tx.to) return invalid("a blob transaction cannot create a contract");
        if (tx.blob_hashes.empty()) return invalid("a blob transaction needs at least one blob");
        if (tx.blob_hashes.size() > max_blobs)
            return invalid(std::to_string(tx.blob_hashes.size()) + " blobs exceed the limit of " +
                           std::to_string(max_blobs));
        for (const auto& h : tx.blob_hashes)
            if (h[0] != kBlobHashVersion) return invalid("a blob versioned hash does not start with 0x01");
        break;
    case TxType::set_code:
        if (rev < Revision::prague) return invalid("EIP-7702 set-code transactions need Prague");
        if (!tx.to) return invalid("a set-code transaction cannot create a contract");
        if (tx.authorization_list.empty()) return invalid("a set-code transaction needs at least one authorization");
        break;
    }
    if (tx.type != TxType::set_code && !tx.authorization_list.empty())
        return invalid("only a set-code (type 4) transaction carries an authorization list");
    const bool dynamic = tx.type != TxType::legacy && tx.type != TxType::access_list;
    const uint256 max_fee = dynamic ? tx.max_fee_per_gas : tx.gas_price;
    if (dynamic && tx.max_priority_fee_per_gas > tx.max_fee_per_gas)
        return invalid("max priority fee per gas exceeds max fee per gas");
    if (rev >= Revision::london && max_fee < block.base_fee)
        return invalid("max fee per gas " + max_fee.to_dec() + " is below the base fee " + block.base_fee.to_dec());

    if (rev >= Revision::osaka && tx.gas_limit > kMaxTxGasLimit)
        return invalid("gas limit " + std::to_string(tx.gas_limit) + " exceeds the transaction cap of 2^24 (EIP-7825)");
    if (tx.gas_limit > block.gas_limit)
        return invalid("gas limit " + std::to_string(tx.gas_limit) + " exceeds the block gas limit " +
                       std::to_string(block.gas_limit));
    if (!tx.to && rev >= Revision::shanghai && tx.data.size() > kMaxInitcodeSize)
        return invalid("initcode of " + std::to_string(tx.data.size()) + " bytes exceeds " +
                       std::to_string(kMaxInitcodeSize) + " (EIP-3860)");
    const int64_t intrinsic = intrinsic_gas(rev, tx);
    if (tx.gas_limit < intrinsic)
        return invalid("gas limit " + std::to_string(tx.gas_limit) + " is below the intrinsic gas " +
                       std::to_string(intrinsic));
    const int64_t floor = calldata_floor_gas(rev, tx);
    if (tx.gas_limit < floor)
        return invalid("gas limit " + std::to_string(tx.gas_limit) + " is below the calldata floor " +
                       std::to_string(floor) + " (EIP-7623)");

    // EIP-3607: only externally owned accounts send transactions; from
    // Prague an account whose code is a delegation designator is one (EIP-7702).
    if (state.code_hash(tx.sender) != kEmptyCodeHash &&
        (rev < Revision::prague || !delegation_target(state.code(tx.sender))))
        return invalid("the sender has code (EIP-3607)");
    const uint64_t nonce = state.nonce(tx.sender);
    if (nonce == UINT64_MAX) return invalid("the sender's nonce is at its maximum (EIP-2681)");
    if (tx.nonce != nonce)
        return invalid("nonce " + std::to_string(tx.nonce) + ", the sender's account has " + std::to_string(nonce));

    std::optional<uint256> max_cost = checked_mul(uint256(uint64_t(tx.gas_limit)), max_fee);
    if (tx.type == TxType::blob) {
        const uint256 blob_fee = blob_base_fee(block.excess_blob_gas, blob.update_fraction);
        if (tx.max_fee_per_blob_gas < blob_fee)
            return invalid("max fee per blob gas " + tx.max_fee_per_blob_gas.to_dec() + " is below the blob base fee " +
                           blob_fee.to_dec());
        const auto blob_cost =
            checked_mul(uint256(kBlobGasPerBlob * tx.blob_hashes.size()), tx.max_fee_per_blob_gas);
        max_cost = max_cost && blob_cost ? checked_add(*max_cost, *blob_cost) : std::nullopt;
    }
    if (max_cost) max_cost = checked_add(*max_cost, tx.value);
    if (!max_cost) return invalid("the maximum cost overflows 256 bits");
    const uint256 balance = state.balance(tx.sender);
    if (balance < *max_cost)
        return invalid("the sender's balance " + balance.to_dec() + " is below the maximum cost " + max_cost->to_dec());
    return {};
}

}  // namespace suture::evm
