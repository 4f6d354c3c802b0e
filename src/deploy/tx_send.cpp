#include "deploy/tx_send.hpp"

#include "core/hex.hpp"
#include "deploy/known_errors.hpp"

namespace suture::deploy {

Status MemoryRecorder::before_send(const TxRequest& req, const chain::SignedTransaction& tx) {
    entries.push_back({req, tx.hash, tx.tx.nonce, false, false});
    return {};
}

const char* recorded_tx_state_name(RecordedTxState s) {
    switch (s) {
    case RecordedTxState::mined: return "mined";
    case RecordedTxState::pending: return "pending";
    case RecordedTxState::dropped: return "dropped";
    case RecordedTxState::replaced: return "replaced";
    }
    return "dropped";
}

Status MemoryRecorder::after_receipt(const SentTx& sent) {
    bool seen = false;
    for (auto& e : entries)
        if (e.hash == sent.hash) {
            e.mined = true;
            e.success = sent.receipt.status;
            seen = true;
        }
    if (!seen) entries.push_back({sent.request, sent.hash, sent.nonce, true, sent.receipt.status});
    return {};
}

TxSender::TxSender(chain::RpcClient& rpc, uint64_t chain_id, StepRecorder& recorder, SendOptions options)
    : rpc_(rpc),
      chain_id_(chain_id),
      recorder_(recorder),
      nonces_(rpc),
      chain_sender_(rpc, nonces_, options),
      on_wait_(options.on_wait) {
    add_error_abi(known_route_errors());
}

void TxSender::add_error_abi(const abi::ContractAbi& abi) {
    for (const auto& e : abi.entries)
        if (e.kind == abi::EntryKind::error && !errors_.error(e.selector())) errors_.entries.push_back(e);
}

Result<chain::CallOutcome> TxSender::simulate(const TxRequest& req) {
    return rpc_.try_call(chain::call_request(req.from, req.to, req.value, req.data), chain::BlockTag::latest(), &errors_);
}

Result<RecordedTxState> TxSender::recorded_tx_state(const RecordedStep& rec, const Address& from) {
    SUTURE_TRY(receipt, rpc_.get_transaction_receipt(rec.hash));
    if (receipt) return RecordedTxState::mined;
    SUTURE_TRY(in_pool, rpc_.request("eth_getTransactionByHash", nlohmann::json::array({to_hex(rec.hash)})));
    if (!in_pool.is_null()) return RecordedTxState::pending;
    // Not on chain, not in the pool: whether its nonce is still free decides
    // between sending the same bytes again and stopping.
    SUTURE_TRY(used, rpc_.get_transaction_count(from, chain::BlockTag::latest()));
    return used > rec.nonce ? RecordedTxState::replaced : RecordedTxState::dropped;
}

Result<SentTx> TxSender::settle_recorded(const TxRequest& req, const RecordedStep& rec) {
    const std::string what = req.step + " (step " + rec.id + ", tx " + to_hex(rec.hash) + ")";
    auto decoded = chain::decode_transaction(rec.raw_tx);
    if (!decoded) return std::move(decoded).error().context("the ledger's raw transaction of " + what);
    const chain::SignedTransaction& stx = *decoded;
    if (stx.hash != rec.hash || stx.tx.nonce != rec.nonce)
        return input_error(what + ": the ledger's raw transaction does not hash to its recorded hash and nonce");
    if (stx.sender != req.from || stx.tx.to != req.to)
        return input_error(what + ": the ledger recorded a transaction from " + to_checksum(stx.sender) + " to " +
                           (stx.tx.to ? to_checksum(*stx.tx.to) : std::string("a new contract")) +
                           ", but the route now sends this step from " + to_checksum(req.from) +
                           ": the deployment changed since it was recorded; nothing sent");
    SUTURE_TRY(state, recorded_tx_state(rec, stx.sender));
    if (state == RecordedTxState::replaced) {
        SUTURE_CHECK(recorder_.recorded_state(rec, state));
        return chain_error(what + ": never mined, and nonce " + std::to_string(rec.nonce) + " of " +
                           to_checksum(stx.sender) +
                           " was used by another transaction; nothing sent (find what used that nonce before going on)");
    }
    if (state == RecordedTxState::dropped) {
        // The same signed bytes: same nonce, same hash; never a second transaction.
        SUTURE_CHECK(recorder_.recorded_state(rec, state));
        auto sent_ok = chain_sender_.broadcast(stx);
        if (!sent_ok) return std::move(sent_ok).error().context(what + ", sent again");
        recorder_.after_broadcast(req, rec.hash);
    }
    if (on_wait_) on_wait_(req, rec.hash);
    auto receipt = chain_sender_.wait_for_receipt(rec.hash);
    if (!receipt) return std::move(receipt).error().context(what);
    TxRequest as_sent = req;
    as_sent.value = stx.tx.value;
    as_sent.data = stx.tx.data;
    SentTx sent{as_sent, rec.hash, rec.nonce, *receipt};
    SUTURE_CHECK(recorder_.after_receipt(sent));
    if (!receipt->status) return chain_sender_.reverted_error(stx, *receipt, &errors_).context(req.step);
    return sent;
}

Result<SentTx> TxSender::send(const TxRequest& req, const chain::SecretKey& key) {
    if (key.address() != req.from)
        return input_error(req.step + ": the key given is for " + to_checksum(key.address()) + ", but this step must be sent by " +
                           to_checksum(req.from) + "; nothing sent");
    // Recorded by an earlier run of this deployment: settle it, never sign it again.
    SUTURE_TRY(prior, recorder_.recorded(req));
    if (prior) return settle_recorded(req, *prior);
    // A revert found now costs nothing; one found on chain costs gas and a nonce.
    // eth_call here (not only gas estimation) so custom errors decode by name.
    SUTURE_TRY(sim, simulate(req));
    if (sim.reverted) return chain_error(req.step + ": would revert: " + sim.reason + "; nothing sent");
    chain::TxRequest tx;
    tx.to = req.to;
    tx.value = req.value;
    tx.data = req.data;
    tx.abi = &errors_;
    auto signed_tx = chain_sender_.prepare(tx, key, req.from);
    if (!signed_tx) return std::move(signed_tx).error().context(req.step);
    SUTURE_CHECK(recorder_.before_send(req, *signed_tx));
    auto sent_ok = chain_sender_.broadcast(*signed_tx);
    if (!sent_ok) return std::move(sent_ok).error().context(req.step);
    recorder_.after_broadcast(req, signed_tx->hash);
    if (on_wait_) on_wait_(req, signed_tx->hash);
    auto receipt = chain_sender_.wait_for_receipt(signed_tx->hash);
    if (!receipt) return std::move(receipt).error().context(req.step);
    SentTx sent{req, signed_tx->hash, signed_tx->tx.nonce, *receipt};
    SUTURE_CHECK(recorder_.after_receipt(sent));
    if (!receipt->status) return chain_sender_.reverted_error(*signed_tx, *receipt, &errors_).context(req.step);
    return sent;
}

}  // namespace suture::deploy
