#include "deploy/tx_send.hpp"

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

Result<SentTx> TxSender::send(const TxRequest& req, const chain::SecretKey& key) {
    if (key.address() != req.from)
        return input_error(req.step + ": the key given is for " + to_checksum(key.address()) + ", but this step must be sent by " +
                           to_checksum(req.from) + "; nothing sent");
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
    if (on_wait_) on_wait_(req, signed_tx->hash);
    auto receipt = chain_sender_.wait_for_receipt(signed_tx->hash);
    if (!receipt) return std::move(receipt).error().context(req.step);
    SentTx sent{req, signed_tx->hash, signed_tx->tx.nonce, *receipt};
    SUTURE_CHECK(recorder_.after_receipt(sent));
    if (!receipt->status) return chain_sender_.reverted_error(*signed_tx, *receipt, &errors_).context(req.step);
    return sent;
}

}  // namespace suture::deploy
