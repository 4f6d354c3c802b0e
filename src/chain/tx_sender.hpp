// Sending transactions: build, sign, send, wait for confirmations, replace.
//
// The steps are separate so that a caller can record a transaction before it
// is sent (the deploy ledger writes nonce, raw bytes and hash first):
//
//   TxSender sender(rpc, nonces);
//   SUTURE_TRY(stx, sender.prepare(request, key, expected_sender));  // nothing sent yet
//   ledger.record(stx.tx.nonce, stx.raw, stx.hash);
//   SUTURE_CHECK(sender.broadcast(stx));
//   SUTURE_TRY(receipt, sender.wait_for_receipt(stx.hash));
//
// or all at once with send(). Every failure is an Error of kind chain (or
// input for a refused key); none is thrown. Objects passed by reference must
// outlive the TxSender. Thread safety: a TxSender may be shared; nonces come
// from the (thread-safe) NonceManager.
#pragma once

#include <atomic>
#include <chrono>
#include <optional>

#include "chain/fees.hpp"
#include "chain/keys.hpp"
#include "chain/nonce_manager.hpp"
#include "chain/rpc_client.hpp"
#include "chain/transaction.hpp"
#include "core/abi_json.hpp"

namespace suture::chain {

// What to send. Unset fields are filled in by prepare().
struct TxRequest {
    std::optional<Address> to;          // nullopt: deploy `data` as init code
    uint256 value;
    Bytes data;
    std::optional<uint64_t> gas_limit;  // default: eth_estimateGas + SendOptions::gas_margin_percent
    std::optional<uint64_t> nonce;      // default: NonceManager::reserve
    std::optional<Fees> fees;           // default: estimate_fees (legacy: eth_gasPrice)
    const abi::ContractAbi* abi = nullptr;  // decodes custom errors in revert reasons (not owned)
};

struct SendOptions {
    uint64_t confirmations = 1;  // 1 = included in a block; N = N-1 blocks on top of it
    std::chrono::milliseconds poll_interval{250};
    std::chrono::milliseconds timeout{std::chrono::minutes(5)};  // for wait_for_receipt
    unsigned gas_margin_percent = 20;
    FeeSettings fees;
    bool legacy = false;  // type-0 EIP-155 transactions with eth_gasPrice (chains without EIP-1559)
};

struct SentTransaction {
    SignedTransaction tx;
    Receipt receipt;  // status is success: a reverted transaction is an error from send()
};

class TxSender {
public:
    TxSender(RpcClient& rpc, NonceManager& nonces, SendOptions options = {});

    // Builds and signs; sends nothing. Refused before any RPC call (input
    // error) when key.address() != expected_sender, so a wrong key never
    // reserves a nonce or reaches the node. Gas estimation runs the call: a
    // transaction that would revert is refused here with its decoded reason.
    // On failure after a nonce was reserved, the nonce is released.
    Result<SignedTransaction> prepare(const TxRequest& req, const SecretKey& key, const Address& expected_sender);

    // eth_sendRawTransaction. A node answering "already known" (we sent these
    // exact bytes before, e.g. a retry after a lost answer) counts as success.
    Status broadcast(const SignedTransaction& stx);

    // Polls until the transaction has `confirmations` blocks, then re-reads the
    // receipt and the block at its height: if the block hash changed (a reorg),
    // waiting starts over from wherever the transaction is now. A receipt that
    // is still missing at the timeout is an error naming the hash.
    Result<Receipt> wait_for_receipt(const Bytes32& tx_hash);

    // prepare + broadcast + wait_for_receipt. A reverted transaction is a chain
    // error with the hash, the block and the reason (the call replayed at the
    // parent block, decoded with req.abi).
    Result<SentTransaction> send(const TxRequest& req, const SecretKey& key, const Address& expected_sender);

    // A replacement for a stuck transaction: same nonce, same call, fees raised
    // by `bump_percent` (>= 10, which nodes require) or to the current estimate
    // if that is higher. Signed, not sent: broadcast() it.
    Result<SignedTransaction> prepare_replacement(const SignedTransaction& stuck, const SecretKey& key,
                                                  unsigned bump_percent = 12);

    // The chain error for a mined transaction whose receipt has status 0: its
    // hash, its block, and why (the call replayed at the parent block,
    // custom errors decoded with `abi`).
    Error reverted_error(const SignedTransaction& stx, const Receipt& r, const abi::ContractAbi* abi);

private:

    RpcClient& rpc_;
    NonceManager& nonces_;
    SendOptions options_;
    std::atomic<uint64_t> chain_id_{0};  // asked once, on first use (0 = not yet)
};

// The eth_call a transaction from `from` with these fields makes: to simulate
// it before sending, estimate its gas, or replay it after a revert.
CallRequest call_request(const Address& from, const std::optional<Address>& to, const uint256& value,
                         const Bytes& data);

// Whether the block at receipt.block_number still has receipt.block_hash
// (false after a reorg replaced it).
Result<bool> receipt_is_canonical(RpcClient& rpc, const Receipt& receipt);

}  // namespace suture::chain
