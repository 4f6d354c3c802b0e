// Sending the route's transactions: simulate, record, sign, send, confirm
// (signing, nonces, fees and confirmations are chain::TxSender's).
//
// Every transaction is simulated first (eth_call): a call that would
// revert is refused with its decoded reason and nothing is sent. Before the
// signed bytes leave the process, the step is handed to a StepRecorder (the
// ledger implements it: exactly-once resume needs the record to exist before
// the transaction can). A mined receipt with status 0 is an error too.
//
// Resume: before simulating a step, the sender asks the recorder whether an
// earlier run of the same deployment already recorded it (StepRecorder::
// recorded). Such a step is never signed again: the sender settles the
// recorded transaction instead (settle_recorded): mined, it is adopted;
// still in the pool, it is waited for; gone from the node with its nonce
// unused (dropped, or undone by a reorg), the SAME raw bytes are broadcast
// again; its nonce used by another transaction, it is an error (replaced).
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
    // The step's kind in its route ("implementation", "schedule", "execute",
    // "cancel", "safe-exec", "call"): with the route and its count, the
    // step's stable id in the ledger (pipeline/ledger_step_recorder.hpp).
    std::string kind = "call";
};

struct SentTx {
    TxRequest request;
    Bytes32 hash{};
    uint64_t nonce = 0;
    chain::Receipt receipt;
};

// A step an earlier run recorded: the signed bytes it sent (or was about to).
struct RecordedStep {
    std::string id;  // the recorder's stable step id
    Bytes raw_tx;
    Bytes32 hash{};
    uint64_t nonce = 0;
};

// What the chain says of a recorded transaction (settle_recorded).
enum class RecordedTxState { mined, pending, dropped, replaced };
const char* recorded_tx_state_name(RecordedTxState s);

// What a deployment starts from, handed to the recorder once, after the gates
// passed and before its first transaction (what resume needs to continue).
struct DeployStart {
    std::string route;
    Address proxy;
    std::optional<Address> implementation_before;
    std::string mechanism;
};

// Where steps are recorded before they are sent (the ledger, or memory).
class StepRecorder {
public:
    virtual ~StepRecorder() = default;
    // Once per deployment, before its first transaction.
    virtual Status starting(const DeployStart&) { return {}; }
    // Asked before `req` is simulated and signed: the step as an earlier run
    // of this deployment recorded it (resume), or nullopt to send it anew.
    virtual Result<std::optional<RecordedStep>> recorded(const TxRequest&) { return std::optional<RecordedStep>(); }
    // A step of this kind the route did not send because the chain shows it
    // done already (a timelock operation scheduled): it still takes its place
    // in the plan, so later steps keep their ids.
    virtual void skipped(const std::string& /*kind*/) {}
    // Called with the signed transaction before eth_sendRawTransaction. An error
    // stops the send: a step that cannot be recorded must not happen.
    virtual Status before_send(const TxRequest& req, const chain::SignedTransaction& tx) = 0;
    // Called once the node accepted the transaction, before waiting for it.
    virtual void after_broadcast(const TxRequest&, const Bytes32& /*hash*/) {}
    // A recorded step found dropped (about to be broadcast again) or replaced
    // (its nonce used by another transaction; the send stops with an error).
    virtual Status recorded_state(const RecordedStep&, RecordedTxState) { return {}; }
    // Called once the receipt is in (successful or not), for new and recorded steps.
    virtual Status after_receipt(const SentTx& sent) = 0;
};

// Keeps everything in memory: what the CLI reports and tests inspect.
class MemoryRecorder : public StepRecorder {
public:
    Status before_send(const TxRequest& req, const chain::SignedTransaction& tx) override;
    // A receipt for a step never seen by before_send (a recorded step adopted
    // on resume) adds its entry.
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

    // Refuses (input error) a key whose address is not req.from. A step the
    // recorder already holds is settled, not sent again (see the top).
    Result<SentTx> send(const TxRequest& req, const chain::SecretKey& key);

    // The recorder's hooks that routes call: a deployment starting, a step
    // skipped because the chain shows it done.
    Status starting(const DeployStart& s) { return recorder_.starting(s); }
    void skipped(const std::string& kind) { recorder_.skipped(kind); }

    // eth_call of `req` (from req.from): the revert, decoded with the known
    // error ABIs, or the output.
    Result<chain::CallOutcome> simulate(const TxRequest& req);

    // The error ABIs known so far (for decoding reverts found elsewhere).
    const abi::ContractAbi& error_abi() const { return errors_; }

    chain::RpcClient& rpc() { return rpc_; }
    uint64_t chain_id() const { return chain_id_; }

private:
    // Brings a recorded step to a receipt without signing anything new.
    Result<SentTx> settle_recorded(const TxRequest& req, const RecordedStep& rec);
    Result<RecordedTxState> recorded_tx_state(const RecordedStep& rec, const Address& from);

    chain::RpcClient& rpc_;
    uint64_t chain_id_;
    StepRecorder& recorder_;
    chain::NonceManager nonces_;
    chain::TxSender chain_sender_;  // build, sign, broadcast, confirm (chain layer)
    abi::ContractAbi errors_;
    std::function<void(const TxRequest&, const Bytes32&)> on_wait_;
};

}  // namespace suture::deploy
