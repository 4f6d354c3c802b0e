// Static (state-free) transaction validity and conversion to the EVM's form (transaction.hpp).
#include <limits>

#include "chain/transaction.hpp"

namespace suture::chain {

namespace {

Error invalid(std::string why) { return input_error("invalid transaction: " + std::move(why)); }

// The fields intrinsic gas depends on (to, data, access list), in the EVM's form.
evm::Transaction gas_view(const Transaction& tx) {
    evm::Transaction e;
    e.type = tx.type;
    e.to = tx.to;
    e.data = tx.data;
    e.access_list = tx.access_list;
    e.authorization_list = tx.authorization_list;
    return e;
}

}  // namespace

uint64_t intrinsic_gas(const Transaction& tx, evm::Revision rev) {
    return static_cast<uint64_t>(evm::intrinsic_gas(rev, gas_view(tx)));
}

Status validate_static(const Transaction& tx, evm::Revision rev, uint64_t chain_id) {
    using evm::Revision;
    // The fork that introduced each type (EIP-2718 envelopes).
    struct Introduced { Revision since; const char* eip; };
    static constexpr Introduced kSince[] = {
        {Revision::frontier, "legacy"}, {Revision::berlin, "EIP-2930"},
        {Revision::london, "EIP-1559"}, {Revision::cancun, "EIP-4844"}, {Revision::prague, "EIP-7702"},
    };
    const Introduced& intro = kSince[static_cast<size_t>(tx.type)];
    if (rev < intro.since)
        return invalid(std::string(intro.eip) + " transactions need " + std::string(evm::revision_name(intro.since)));
    if (tx.type == TxType::blob) {
        if (!tx.to) return invalid("a blob transaction cannot create a contract");
        if (tx.blob_versioned_hashes.empty()) return invalid("a blob transaction needs at least one blob");
        // EIP-4844: VERSIONED_HASH_VERSION_KZG.
        for (const auto& h : tx.blob_versioned_hashes)
            if (h[0] != 0x01) return invalid("blob versioned hash with version byte other than 0x01 (EIP-4844)");
    }
    if (tx.type == TxType::set_code) {
        if (!tx.to) return invalid("a set-code transaction cannot create a contract");
        if (tx.authorization_list.empty()) return invalid("a set-code transaction needs at least one authorization");
    }
    if (rev >= Revision::osaka && tx.gas_limit > uint64_t(evm::kMaxTxGasLimit))
        return invalid("gas limit " + std::to_string(tx.gas_limit) + " exceeds the transaction cap of 2^24 (EIP-7825)");
    // EIP-155 protected (and every typed) transaction names its chain.
    bool protected_tx = tx.type != TxType::legacy || tx.chain_id != 0;
    if (protected_tx && tx.chain_id != chain_id)
        return invalid("chain id " + std::to_string(tx.chain_id) + ", expected " + std::to_string(chain_id));
    if (protected_tx && tx.type == TxType::legacy && rev < Revision::spurious_dragon)
        return invalid("EIP-155 chain ids need Spurious Dragon");
    // EIP-2681: the nonce must stay below 2^64 - 1.
    if (tx.nonce == std::numeric_limits<uint64_t>::max()) return invalid("nonce 2^64-1 is not allowed (EIP-2681)");
    const bool dynamic = tx.type != TxType::legacy && tx.type != TxType::access_list;
    if (dynamic && tx.max_priority_fee_per_gas > tx.max_fee_per_gas)
        return invalid("max priority fee " + tx.max_priority_fee_per_gas.to_dec() + " exceeds the max fee " +
                       tx.max_fee_per_gas.to_dec() + " (EIP-1559)");
    // The maximum cost gas_limit * price must be representable (EIP-1559 spells this out).
    const uint256& price = dynamic ? tx.max_fee_per_gas : tx.gas_price;
    if (price && uint256(tx.gas_limit) > uint256::max() / price)
        return invalid("gas limit x fee per gas overflows 256 bits");
    // EIP-3860: initcode is limited to 2 * 24576 bytes from Shanghai on.
    if (!tx.to && rev >= Revision::shanghai && tx.data.size() > 49152)
        return invalid("initcode of " + std::to_string(tx.data.size()) + " bytes exceeds 49152 (EIP-3860)");
    const uint64_t intrinsic = intrinsic_gas(tx, rev);
    if (tx.gas_limit < intrinsic)
        return invalid("gas limit " + std::to_string(tx.gas_limit) + " is below the intrinsic gas " +
                       std::to_string(intrinsic));
    const uint64_t floor = uint64_t(evm::calldata_floor_gas(rev, gas_view(tx)));
    if (tx.gas_limit < floor)
        return invalid("gas limit " + std::to_string(tx.gas_limit) + " is below the calldata floor " +
                       std::to_string(floor) + " (EIP-7623)");
    return {};
}

Result<evm::Transaction> to_evm(const SignedTransaction& stx) {
    const Transaction& tx = stx.tx;
    if (tx.gas_limit > static_cast<uint64_t>(std::numeric_limits<int64_t>::max()))
        return input_error("transaction: gas limit " + std::to_string(tx.gas_limit) + " exceeds the EVM's range");
    evm::Transaction e = gas_view(tx);
    e.sender = stx.sender;
    e.nonce = tx.nonce;
    e.value = tx.value;
    e.gas_limit = static_cast<int64_t>(tx.gas_limit);
    e.gas_price = tx.gas_price;
    e.max_fee_per_gas = tx.max_fee_per_gas;
    e.max_priority_fee_per_gas = tx.max_priority_fee_per_gas;
    e.max_fee_per_blob_gas = tx.max_fee_per_blob_gas;
    e.blob_hashes = tx.blob_versioned_hashes;
    return e;
}

}  // namespace suture::chain
