// Sending the route's transactions: simulate, record, sign, send, confirm
// (signing, nonces, fees and confirmations are chain::TxSender's).
//
// Every transaction is simulated first (eth_call): a call that would
// revert is refused with its decoded reason and nothing is sent. Before the
// signed bytes leave the process, the step is handed to a StepRecorder (the
// ledger implements it: exactly-once resume needs the record to exist before
// the transaction can). A mined receipt with status 0 is an error too.
#pragma once

#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "chain/keys.hpp"
#include "chain/nonce_manager.hpp"
#include "chain/rpc_client.hpp"
#include "chain/transaction.hpp"
#include "chain/tx_sender.hpp"
#include "core/abi_json.hpp"
#include "core/address.hpp"
#include "core/result.hpp"

namespace suture::deploy {

struct TxRequest {
    std::string step;               // what this transaction does, for humans and the ledger
    Address from;
    std::optional<Address> to;      // nullopt: contract creation
    uint256 value;
    Bytes data;
};

struct SentTx {
    TxRequest request;
    Bytes32 hash{};
    uint64_t nonce = 0;
    chain::Receipt receipt;
};

// Where steps are recorded before they are sent (the ledger, or memory).
class StepRecorder {
public:
    virtual ~StepRecorder() = default;
    // Called with the signed transaction before eth_sendRawTransaction. An error
    // stops the send: a step that cannot be recorded must not happen.
    virtual Status before_send(const TxRequest& req, const chain::SignedTransaction& tx) = 0;
    // Called once the receipt is in (successful or not).
    virtual Status after_receipt(const SentTx& sent) = 0;
};

// Keeps everything in memory: what the CLI reports and tests inspect.
class MemoryRecorder : public StepRecorder {
public:
    Status before_send(const TxRequest& req, const chain::SignedTransaction& tx) override;
    Status after_receipt(const SentTx& sent) override;

    struct Entry {
        TxRequest request;
        Bytes32 hash{};
        uint64_t nonce = 0;
        bool mined = false;
        bool success = false;
    };
    std::vector<Entry> entries;  // in sending order
};

// chain::SendOptions with the defaults of a deployment: quicker polling, a
// shorter wait for each receipt, a wider gas margin.
struct SendOptions : chain::SendOptions {
    SendOptions() {
        poll_interval = std::chrono::milliseconds(100);
        timeout = std::chrono::milliseconds(120000);
        gas_margin_percent = 25;  // on top of eth_estimateGas
    }
    // Called once a transaction is sent, before waiting for its confirmations
    // (the CLI says on stderr what it waits for; the library prints nothing).
    std::function<void(const TxRequest& req, const Bytes32& hash)> on_wait;
};

class TxSender {
public:
    TxSender(chain::RpcClient& rpc, uint64_t chain_id, StepRecorder& recorder, SendOptions options = {});

    // ABIs used to decode custom errors in revert data (the proxies' and the
    // implementations'); error entries are looked up by selector.
    void add_error_abi(const abi::ContractAbi& abi);

    // Refuses (input error) a key whose address is not req.from.
    Result<SentTx> send(const TxRequest& req, const chain::SecretKey& key);

    // eth_call of `req` (from req.from): the revert, decoded with the known
    // error ABIs, or the output.
    Result<chain::CallOutcome> simulate(const TxRequest& req);

    // The error ABIs known so far (for decoding reverts found elsewhere).
    const abi::ContractAbi& error_abi() const { return errors_; }

    chain::RpcClient& rpc() { return rpc_; }
    uint64_t chain_id() const { return chain_id_; }

private:
    chain::RpcClient& rpc_;
    uint64_t chain_id_;
    StepRecorder& recorder_;
    chain::NonceManager nonces_;
    chain::TxSender chain_sender_;  // build, sign, broadcast, confirm (chain layer)
    abi::ContractAbi errors_;
    std::function<void(const TxRequest&, const Bytes32&)> on_wait_;
};

}  // namespace suture::deploy
