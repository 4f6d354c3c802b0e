#include "deploy/tx_send.hpp"

#include <cmath>
#include <thread>

#include "core/abi_revert.hpp"
#include "core/hex.hpp"
#include "deploy/known_errors.hpp"

namespace suture::deploy {

Status MemoryRecorder::before_send(const TxRequest& req, const chain::SignedTransaction& tx) {
    entries.push_back({req, tx.hash, tx.tx.nonce, false, false});
    return {};
}

Status MemoryRecorder::after_receipt(const SentTx& sent) {
    for (auto& e : entries)
        if (e.hash == sent.hash) {
            e.mined = true;
            e.success = sent.receipt.status;
        }
    return {};
}

TxSender::TxSender(chain::RpcClient& rpc, uint64_t chain_id, StepRecorder& recorder, SendOptions options)
    : rpc_(rpc), chain_id_(chain_id), recorder_(recorder), options_(options) {
    add_error_abi(known_route_errors());
}

void TxSender::add_error_abi(const abi::ContractAbi& abi) {
    for (const auto& e : abi.entries)
        if (e.kind == abi::EntryKind::error && !errors_.error(e.selector())) errors_.entries.push_back(e);
}

std::string TxSender::describe_revert(BytesView data) const {
    auto r = abi::decode_revert(data, &errors_);
    if (!r) return "undecodable revert data " + to_hex(data) + " (" + r.error().message + ")";
    return r->description;
}

namespace {

chain::CallRequest call_of(const TxRequest& req) {
    chain::CallRequest c;
    c.from = req.from;
    c.to = req.to;
    c.value = req.value;
    c.data = req.data;
    return c;
}

}  // namespace

Result<chain::CallOutcome> TxSender::simulate(const TxRequest& req) {
    SUTURE_TRY(out, rpc_.try_call(call_of(req)));
    if (out.reverted) out.reason = describe_revert(out.output);
    return out;
}

Result<SentTx> TxSender::send(const TxRequest& req, const chain::SecretKey& key) {
    if (key.address() != req.from)
        return input_error(req.step + ": the key given is for " + to_checksum(key.address()) + ", but this step must be sent by " +
                           to_checksum(req.from) + "; nothing sent");
    // A revert found now costs nothing; one found on chain costs gas and a nonce.
    SUTURE_TRY(sim, simulate(req));
    if (sim.reverted) return chain_error(req.step + ": would revert: " + sim.reason + "; nothing sent");
    SUTURE_TRY(gas, rpc_.estimate_gas(call_of(req)));
    SUTURE_TRY(nonce, rpc_.get_transaction_count(req.from, chain::BlockTag::pending()));
    SUTURE_TRY(head, rpc_.get_block_by_number(chain::BlockTag::latest()));
    if (!head) return chain_error(req.step + ": the node has no latest block");
    SUTURE_TRY(tip, rpc_.max_priority_fee_per_gas());

    chain::Transaction tx;
    tx.chain_id = chain_id_;
    tx.nonce = nonce;
    tx.to = req.to;
    tx.value = req.value;
    tx.data = req.data;
    tx.gas_limit = uint64_t(std::ceil(double(gas) * options_.gas_margin));
    if (head->base_fee_per_gas) {
        tx.type = chain::TxType::dynamic_fee;
        tx.max_priority_fee_per_gas = tip;
        // Room for the base fee to double before inclusion (EIP-1559 allows +12.5% per block).
        tx.max_fee_per_gas = *head->base_fee_per_gas * uint256(2) + tip;
    } else {
        tx.type = chain::TxType::legacy;
        SUTURE_TRY(price, rpc_.gas_price());
        tx.gas_price = price;
    }
    SUTURE_TRY(signed_tx, chain::sign_transaction(tx, key));
    SUTURE_CHECK(recorder_.before_send(req, signed_tx));
    SUTURE_TRY(hash, rpc_.send_raw_transaction(signed_tx.raw));
    if (hash != signed_tx.hash)
        return chain_error(req.step + ": the node reports hash " + to_hex(hash) + " for transaction " +
                           to_hex(signed_tx.hash));
    SUTURE_TRY(receipt, wait_receipt(hash, req));
    SentTx sent{req, hash, nonce, receipt};
    SUTURE_CHECK(recorder_.after_receipt(sent));
    if (!receipt.status) {
        std::string why;
        if (receipt.block_number > 0) {
            auto replay = rpc_.try_call(call_of(req), chain::BlockTag::number(receipt.block_number - 1));
            if (replay && replay->reverted) why = ": " + describe_revert(replay->output);
        }
        return chain_error(req.step + ": transaction " + to_hex(hash) + " reverted in block " +
                           std::to_string(receipt.block_number) + why);
    }
    return sent;
}

Result<chain::Receipt> TxSender::wait_receipt(const Bytes32& hash, const TxRequest& req) {
    auto deadline = std::chrono::steady_clock::now() + options_.receipt_timeout;
    while (true) {
        SUTURE_TRY(r, rpc_.get_transaction_receipt(hash));
        if (r) {
            SUTURE_TRY(head, rpc_.block_number());
            if (head + 1 >= r->block_number + options_.confirmations) {
                // Re-read: a reorg while we waited moves the receipt to another block.
                SUTURE_TRY(again, rpc_.get_transaction_receipt(hash));
                if (again && again->block_hash == r->block_hash) return *again;
            }
        }
        if (std::chrono::steady_clock::now() > deadline)
            return chain_error(req.step + ": no receipt for " + to_hex(hash) + " within " +
                               std::to_string(options_.receipt_timeout.count() / 1000) +
                               " s; the transaction may still be mined (check it before re-sending)");
        std::this_thread::sleep_for(options_.poll_interval);
    }
}

}  // namespace suture::deploy
