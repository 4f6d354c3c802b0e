// Build, sign, send, confirm and replace transactions (tx_sender.hpp).
#include "chain/tx_sender.hpp"

#include <thread>

#include "chain/revert.hpp"
#include "core/hex.hpp"

namespace suture::chain {

namespace {

// How geth ("already known"), anvil ("transaction already imported"),
// parity/nethermind ("known transaction", "AlreadyKnown") say they have these bytes.
bool already_known(const std::string& message) {
    return message.find("already known") != std::string::npos ||
           message.find("already imported") != std::string::npos ||
           message.find("known transaction") != std::string::npos ||
           message.find("AlreadyKnown") != std::string::npos;
}

}  // namespace

CallRequest call_request(const Address& from, const std::optional<Address>& to, const uint256& value,
                         const Bytes& data) {
    CallRequest c;
    c.from = from;
    c.to = to;
    c.value = value;
    c.data = data;
    return c;
}

TxSender::TxSender(RpcClient& rpc, NonceManager& nonces, SendOptions options)
    : rpc_(rpc), nonces_(nonces), options_(options) {}

Result<SignedTransaction> TxSender::prepare(const TxRequest& req, const SecretKey& key, const Address& expected_sender) {
    if (key.address() != expected_sender)
        return input_error("refusing to sign: the key's address " + to_checksum(key.address()) +
                           " is not the expected sender " + to_checksum(expected_sender));
    if (chain_id_.load() == 0) {
        SUTURE_TRY(id, rpc_.chain_id());
        chain_id_.store(id);  // concurrent first calls store the same value
    }
    Transaction tx;
    tx.type = options_.legacy ? TxType::legacy : TxType::dynamic_fee;
    tx.chain_id = chain_id_.load();
    tx.to = req.to;
    tx.value = req.value;
    tx.data = req.data;

    if (req.gas_limit) {
        tx.gas_limit = *req.gas_limit;
    } else {
        auto gas = estimate_gas_with_margin(rpc_, call_request(expected_sender, tx.to, tx.value, tx.data), options_.gas_margin_percent);
        if (!gas.ok()) return std::move(gas).error().context("gas estimation (the transaction would fail)");
        tx.gas_limit = *gas;
    }
    Fees fees;
    if (req.fees) {
        fees = *req.fees;
    } else if (options_.legacy) {
        SUTURE_TRY(gp, rpc_.gas_price());
        fees = {gp, gp};
    } else {
        SUTURE_TRY(f, estimate_fees(rpc_, options_.fees));
        fees = f;
    }
    tx.gas_price = fees.max_fee_per_gas;
    if (!options_.legacy) {
        tx.gas_price = 0;
        tx.max_fee_per_gas = fees.max_fee_per_gas;
        tx.max_priority_fee_per_gas = fees.max_priority_fee_per_gas;
    }

    // The nonce last: every failure above leaves no reservation behind.
    if (req.nonce) {
        tx.nonce = *req.nonce;
        return sign_transaction(tx, key);
    }
    SUTURE_TRY(nonce, nonces_.reserve(expected_sender));
    tx.nonce = nonce;
    auto stx = sign_transaction(tx, key);
    if (!stx.ok()) nonces_.release(expected_sender, nonce);
    return stx;
}

Status TxSender::broadcast(const SignedTransaction& stx) {
    auto resp = rpc_.request_raw("eth_sendRawTransaction", {to_hex(stx.raw)});
    if (!resp.ok()) return std::move(resp).error();
    if (resp->error) {
        if (already_known(resp->error->message)) return {};
        return chain_error("eth_sendRawTransaction at " + rpc_.redacted_url() + ": node rejected transaction " +
                           to_hex(stx.hash) + " (nonce " + std::to_string(stx.tx.nonce) + "): node error " +
                           std::to_string(resp->error->code) + ": " + resp->error->message);
    }
    // The node's hash must be ours: anything else means it decoded different bytes.
    if (resp->result.is_string() && resp->result.get<std::string>() != to_hex(stx.hash))
        return chain_error("eth_sendRawTransaction at " + rpc_.redacted_url() + ": node reports hash " +
                           resp->result.get<std::string>() + ", expected " + to_hex(stx.hash));
    return {};
}

Result<bool> receipt_is_canonical(RpcClient& rpc, const Receipt& receipt) {
    SUTURE_TRY(block, rpc.get_block_by_number(BlockTag::number(receipt.block_number)));
    return block.has_value() && block->hash == receipt.block_hash;
}

Result<Receipt> TxSender::wait_for_receipt(const Bytes32& tx_hash) {
    const auto deadline = std::chrono::steady_clock::now() + options_.timeout;
    const uint64_t depth = std::max<uint64_t>(1, options_.confirmations);
    bool reorg_seen = false;
    while (true) {
        SUTURE_TRY(receipt, rpc_.get_transaction_receipt(tx_hash));
        if (receipt) {
            SUTURE_TRY(head, rpc_.block_number());
            if (head + 1 >= receipt->block_number + depth) {
                // At depth: re-read both, so a reorg between polls is noticed.
                SUTURE_TRY(again, rpc_.get_transaction_receipt(tx_hash));
                SUTURE_TRY(canonical, receipt_is_canonical(rpc_, *receipt));
                if (again && again->block_hash == receipt->block_hash && canonical) return std::move(*again);
                reorg_seen = true;  // the block changed under us: wait for the new inclusion
            }
        }
        if (std::chrono::steady_clock::now() >= deadline)
            return chain_error("transaction " + to_hex(tx_hash) + ": " +
                               (receipt ? "fewer than " + std::to_string(depth) + " confirmations"
                                        : std::string("no receipt")) +
                               " after " + std::to_string(options_.timeout.count()) + " ms" +
                               (reorg_seen ? " (a reorg removed or moved it while waiting)" : ""));
        std::this_thread::sleep_for(options_.poll_interval);
    }
}

Error TxSender::reverted_error(const SignedTransaction& stx, const Receipt& r, const abi::ContractAbi* abi) {
    CallRequest c = call_request(stx.sender, stx.tx.to, stx.tx.value, stx.tx.data);
    c.gas = stx.tx.gas_limit;
    BlockTag at = r.block_number ? BlockTag::number(r.block_number - 1) : BlockTag::latest();
    auto replay = rpc_.try_call(c, at, abi);
    std::string why;
    if (!replay.ok()) why = "reason unavailable (" + replay.error().message + ")";
    else if (replay->reverted) why = replay->reason;
    else why = "no reason: the call succeeds when replayed (out of gas, or state changed within the block)";
    return chain_error("transaction " + to_hex(stx.hash) + " reverted in block " + std::to_string(r.block_number) +
                       ": " + why);
}

Result<SentTransaction> TxSender::send(const TxRequest& req, const SecretKey& key, const Address& expected_sender) {
    SUTURE_TRY(stx, prepare(req, key, expected_sender));
    auto sent = broadcast(stx);
    if (!sent.ok()) {
        // The node refused it: the nonce is still free.
        nonces_.release(expected_sender, stx.tx.nonce);
        return std::move(sent).error();
    }
    SUTURE_TRY(receipt, wait_for_receipt(stx.hash));
    if (!receipt.status) return reverted_error(stx, receipt, req.abi);
    return SentTransaction{std::move(stx), std::move(receipt)};
}

Result<SignedTransaction> TxSender::prepare_replacement(const SignedTransaction& stuck, const SecretKey& key,
                                                        unsigned bump_percent) {
    if (key.address() != stuck.sender)
        return input_error("refusing to sign a replacement: the key's address " + to_checksum(key.address()) +
                           " is not the stuck transaction's sender " + to_checksum(stuck.sender));
    if (bump_percent < 10) return usage_error("a replacement needs fees at least 10% higher (nodes reject less)");
    Transaction tx = stuck.tx;
    const bool legacy = tx.type == TxType::legacy || tx.type == TxType::access_list;
    Fees old = legacy ? Fees{tx.gas_price, tx.gas_price} : Fees{tx.max_fee_per_gas, tx.max_priority_fee_per_gas};
    Fees bumped = bump_fees(old, bump_percent);
    // If the market moved further than the bump, follow the market.
    if (!legacy) {
        if (auto now = estimate_fees(rpc_, options_.fees); now.ok()) {
            bumped.max_fee_per_gas = std::max(bumped.max_fee_per_gas, now->max_fee_per_gas);
            bumped.max_priority_fee_per_gas = std::max(bumped.max_priority_fee_per_gas, now->max_priority_fee_per_gas);
        }
        tx.max_fee_per_gas = bumped.max_fee_per_gas;
        tx.max_priority_fee_per_gas = bumped.max_priority_fee_per_gas;
    } else {
        tx.gas_price = bumped.max_fee_per_gas;
    }
    return sign_transaction(tx, key);
}

}  // namespace suture::chain
