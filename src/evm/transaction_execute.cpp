#include <algorithm>

#include "evm/transaction.hpp"

namespace suture::evm {
namespace {

// What differs between a signed transaction and a bare message call.
struct Fees {
    uint256 gas_price;      // effective price per gas, paid up front
    uint256 priority_fee;   // per gas, to the coinbase
    uint256 blob_gas_price; // per blob gas, burnt
    bool pay_coinbase = true;
};

void warm_up(State& state, Revision rev, const BlockEnv& block, const Transaction& tx) {
    if (rev < Revision::berlin) return;
    // EIP-2929: the sender, the recipient and the precompiles start warm.
    state.access_account(tx.sender);
    if (tx.to) state.access_account(*tx.to);
    state.warm_precompiles();  // 0x0100 from Osaka
    // EIP-3651: so does the coinbase from Shanghai.
    if (rev >= Revision::shanghai) state.access_account(block.coinbase);
    // EIP-2930: and everything the access list names.
    for (const auto& e : tx.access_list) {
        state.access_account(e.address);
        for (const auto& k : e.keys) state.access_storage(e.address, uint256::from_bytes32(k));
    }
}

Result<TxOutcome> run(State& state, const BlockEnv& block, const Transaction& tx, const Fees& fees,
                      const ExecOptions& options) {
    const Revision rev = state.revision();
    const int64_t intrinsic = intrinsic_gas(rev, tx);
    if (tx.gas_limit < intrinsic)
        return input_error("gas " + std::to_string(tx.gas_limit) + " is below the intrinsic gas " +
                           std::to_string(intrinsic));
    const int64_t floor = calldata_floor_gas(rev, tx);
    if (tx.gas_limit < floor)
        return input_error("gas " + std::to_string(tx.gas_limit) + " is below the calldata floor " +
                           std::to_string(floor) + " (EIP-7623)");

    // A create bumps the sender's nonce in the host (the address uses the old one).
    if (tx.to) state.set_nonce(tx.sender, state.nonce(tx.sender) + 1);
    const uint256 blob_gas = uint256(kBlobGasPerBlob * tx.blob_hashes.size());
    state.sub_balance(tx.sender, uint256(uint64_t(tx.gas_limit)) * fees.gas_price + blob_gas * fees.blob_gas_price);
    warm_up(state, rev, block, tx);
    // EIP-7702: authorizations apply before the call and stay if it fails.
    const int64_t auth_refund =
        rev >= Revision::prague ? apply_authorizations(state, block.chain_id, tx.authorization_list) : 0;

    TxContext ctx = block_context(block);
    ctx.blob_base_fee = blob_base_fee(block.excess_blob_gas, block_blob_params(rev, block).update_fraction);
    ctx.gas_price = fees.gas_price;
    ctx.origin = tx.sender;
    ctx.blob_hashes = tx.blob_hashes;
    StateHost host(state, ctx, block.block_hashes, options);

    Message msg;
    msg.kind = tx.to ? CallKind::call : CallKind::create;
    msg.gas = tx.gas_limit - intrinsic;
    if (tx.to) msg.recipient = msg.code_address = *tx.to;
    // EIP-7702: a recipient with a delegation designator runs its delegate's
    // code, and the delegate starts warm.
    if (tx.to && rev >= Revision::prague) {
        if (auto delegate = delegation_target(state.code(*tx.to))) {
            state.access_account(*delegate);
            msg.code_address = *delegate;
            msg.delegated = true;
        }
    }
    msg.sender = tx.sender;
    msg.input = tx.data;
    msg.value = tx.value;
    ExecResult r = host.call(msg);

    if (host.unsupported()) return unsupported_error(*host.unsupported());
    if (state.error()) return *state.error();

    int64_t gas_used = tx.gas_limit - r.gas_left;
    // EIP-3529: refunds are capped at a fifth of the gas used (a half before
    // London); the EIP-7702 refund counts even when the call failed.
    const int64_t refund = (r.status == StatusCode::success ? r.gas_refund : 0) + auth_refund;
    gas_used -= std::min(refund, gas_used / (rev >= Revision::london ? 5 : 2));
    // EIP-7623: a transaction pays at least its calldata floor.
    gas_used = std::max(gas_used, floor);

    state.add_balance(tx.sender, uint256(uint64_t(tx.gas_limit - gas_used)) * fees.gas_price);
    if (fees.pay_coinbase) state.add_balance(block.coinbase, uint256(uint64_t(gas_used)) * fees.priority_fee);

    TxOutcome out;
    out.receipt.status = r.status;
    out.receipt.gas_used = gas_used;
    if (r.status == StatusCode::success) {
        out.receipt.logs = state.take_logs();
        if (!tx.to) out.receipt.created = r.create_address;
    }
    out.receipt.output = std::move(r.output);
    out.diff = state.finalize();
    return out;
}

}  // namespace

Result<TxOutcome> execute_transaction(StateBackend& backend, Revision rev, const BlockEnv& block,
                                      const Transaction& tx, const ExecOptions& options) {
    State state(backend, rev);
    SUTURE_CHECK(validate_transaction(state, block, tx));
    if (state.error()) return *state.error();

    Fees fees;
    if (tx.type != TxType::legacy && tx.type != TxType::access_list) {
        // EIP-1559: pay the base fee plus at most the priority fee, within the cap.
        fees.priority_fee = std::min(tx.max_priority_fee_per_gas, tx.max_fee_per_gas - block.base_fee);
        fees.gas_price = block.base_fee + fees.priority_fee;
    } else {
        fees.gas_price = tx.gas_price;
        fees.priority_fee = rev >= Revision::london ? tx.gas_price - block.base_fee : tx.gas_price;
    }
    if (tx.type == TxType::blob)
        fees.blob_gas_price = blob_base_fee(block.excess_blob_gas, block_blob_params(rev, block).update_fraction);
    return run(state, block, tx, fees, options);
}

TxContext block_context(const BlockEnv& block) {
    TxContext ctx;
    ctx.coinbase = block.coinbase;
    ctx.number = block.number;
    ctx.timestamp = block.timestamp;
    ctx.gas_limit = block.gas_limit;
    ctx.prev_randao = block.prev_randao;
    ctx.chain_id = block.chain_id;
    ctx.base_fee = block.base_fee;
    ctx.blob_base_fee = blob_base_fee(block.excess_blob_gas);
    return ctx;
}

Result<TxOutcome> execute_call(StateBackend& backend, Revision rev, const BlockEnv& block, const CallRequest& call,
                               const ExecOptions& options) {
    State state(backend, rev);
    Transaction tx;
    tx.type = TxType::dynamic_fee;
    tx.sender = call.from;
    tx.to = call.to;
    tx.nonce = state.nonce(call.from);
    tx.value = call.value;
    tx.data = call.data;
    tx.gas_limit = call.gas;
    tx.access_list = call.access_list;
    if (state.balance(call.from) < call.value)
        return input_error("call: the sender's balance " + state.balance(call.from).to_dec() +
                           " is below the value " + call.value.to_dec());
    Fees fees;
    fees.pay_coinbase = false;
    return run(state, block, tx, fees, options);
}

}  // namespace suture::evm
