// JSON-RPC 2.0 client for an Ethereum node over HTTP(S) (libcurl, loaded on first use),
// or for the in-process node over a local state file (URL "state:PATH",
// chain/devnode/dev_node.hpp): the transport is the only difference.
//
// Every call returns a Result. A failure is an Error of kind `chain` whose
// message names the JSON-RPC method, the endpoint (credentials and path
// redacted, see redact_url) and what went wrong: the transport error, the
// HTTP status, or the node's own error code and message.
//
// Retries: transport failures (connection refused/reset, timeouts) and HTTP
// 429/5xx are retried up to RpcOptions::max_retries times with exponential
// back-off. A JSON-RPC error object (a rejected transaction, a revert, an
// unknown method) is never retried: the node answered, and asking again
// would not change its mind. Re-sending eth_sendRawTransaction after a
// transport failure is harmless: the same signed bytes have the same hash.
//
// Thread safety: an RpcClient may be shared between threads; requests are
// serialised over one connection.
#pragma once

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/rpc_transport.hpp"
#include "chain/rpc_types.hpp"
#include "core/abi_json.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::chain {

struct RpcOptions {
    std::chrono::milliseconds connect_timeout{5000};
    std::chrono::milliseconds request_timeout{30000};  // whole request, connect included; not retried
    int max_retries = 3;                               // extra attempts after the first
    std::chrono::milliseconds initial_backoff{100};    // doubled after each retry
    std::chrono::milliseconds max_backoff{4000};
    // A larger answer is refused as it arrives (a hostile or broken node must
    // not make the client hold gigabytes).
    size_t max_response_bytes = size_t{64} << 20;
    // Called about once a second while a request has waited longer than
    // `wait_notice` for its answer, naming the call ("eth_chainId at URL"), so
    // a caller can say what it is waiting for; then once with `done` when that
    // wait ends (answered or not). Empty: silent.
    std::function<void(std::string_view what, std::chrono::milliseconds waited, bool done)> on_wait;
    std::chrono::milliseconds wait_notice{2000};
};

// The error object of a JSON-RPC response (the node answered, but refused).
struct NodeError {
    int64_t code = 0;
    std::string message;
    nlohmann::json data;  // null when absent; for reverts usually "0x..." revert data
};

// One response of a batch: exactly one of result / error is meaningful.
struct RpcResponse {
    nlohmann::json result;
    std::optional<NodeError> error;
};

struct RpcCall {
    std::string method;
    nlohmann::json params = nlohmann::json::array();
};

// "scheme://host[:port]" plus "/..." when the URL had a path: user:password,
// paths (which often hold API keys) and query strings never reach a message.
std::string redact_url(std::string_view url);

// Revert data carried by a node error (geth/anvil put it in error.data as a hex
// string, some nodes nest it as {"data": "0x..."}); empty when there is none.
Bytes revert_data_of(const NodeError& e);

// Whether `url` names the in-process node over a state file ("state:PATH",
// chain/devnode/state_url.hpp) rather than an HTTP endpoint.
bool is_state_url(std::string_view url);

class RpcClient {
public:
    // An http(s):// URL, or "state:PATH": the in-process node over the state
    // file PATH, shared by every client in this process that names the same
    // file (opened on the first request; an unreadable file is then a chain
    // error naming it).
    explicit RpcClient(std::string url, RpcOptions options = {});
    // A client over an existing transport (e.g. an in-memory node); `url` is
    // only its name in messages.
    RpcClient(std::shared_ptr<RpcTransport> transport, std::string url, RpcOptions options = {});
    ~RpcClient();
    RpcClient(const RpcClient&) = delete;
    RpcClient& operator=(const RpcClient&) = delete;

    const std::string& url() const { return url_; }
    std::string redacted_url() const { return redact_url(url_); }

    // ---- raw JSON-RPC ----
    // The `result` member of a successful response. A node error becomes a chain
    // error "METHOD at URL: node error CODE: MESSAGE".
    Result<nlohmann::json> request(std::string_view method, nlohmann::json params = nlohmann::json::array());
    // Like request(), but a node error is returned as a value (for callers that
    // inspect the code or the revert data); only transport/HTTP/protocol failures are errors.
    Result<RpcResponse> request_raw(std::string_view method, nlohmann::json params = nlohmann::json::array());
    // One HTTP request carrying all calls; responses in the order of `calls`
    // (matched by id). Node errors are per-response values.
    Result<std::vector<RpcResponse>> batch(const std::vector<RpcCall>& calls);

    // ---- typed eth_* helpers (rpc_eth_methods.cpp) ----
    Result<uint64_t> chain_id();
    Result<uint64_t> block_number();
    Result<uint256> get_balance(const Address& a, const BlockTag& tag = BlockTag::latest());
    // tag pending counts the node's queued transactions from this sender.
    Result<uint64_t> get_transaction_count(const Address& a, const BlockTag& tag = BlockTag::pending());
    Result<Bytes> get_code(const Address& a, const BlockTag& tag = BlockTag::latest());
    Result<Bytes32> get_storage_at(const Address& a, const uint256& slot, const BlockTag& tag = BlockTag::latest());
    // eth_call. A revert is a chain error whose message holds the decoded reason
    // (describe_revert); use try_call() to get the revert data as a value.
    Result<Bytes> call(const CallRequest& req, const BlockTag& tag = BlockTag::latest());
    Result<CallOutcome> try_call(const CallRequest& req, const BlockTag& tag = BlockTag::latest(),
                                 const abi::ContractAbi* abi = nullptr);
    // eth_estimateGas; a revert during estimation is a chain error with its decoded reason.
    Result<uint64_t> estimate_gas(const CallRequest& req, const BlockTag& tag = BlockTag::latest());
    Result<FeeHistory> fee_history(uint64_t block_count, const BlockTag& newest,
                                   const std::vector<double>& reward_percentiles);
    Result<uint256> gas_price();
    Result<uint256> max_priority_fee_per_gas();  // eth_maxPriorityFeePerGas
    // Returns the transaction hash the node reports.
    Result<Bytes32> send_raw_transaction(BytesView signed_tx);
    // nullopt while the transaction is pending or unknown.
    Result<std::optional<Receipt>> get_transaction_receipt(const Bytes32& tx_hash);
    // nullopt when the node has no such block.
    Result<std::optional<BlockHeader>> get_block_by_number(const BlockTag& tag);

    // ---- anvil/hardhat test-node helpers (rpc_anvil_methods.cpp) ----
    Status evm_increase_time(uint64_t seconds);
    Status evm_mine();
    Status anvil_mine(uint64_t blocks);
    Status anvil_set_balance(const Address& a, const uint256& wei);
    Status anvil_impersonate_account(const Address& a);
    Status anvil_stop_impersonating_account(const Address& a);
    Status anvil_set_automine(bool on);
    Result<uint64_t> evm_snapshot();
    Result<bool> evm_revert(uint64_t snapshot_id);

private:
    // Posts `body` through the transport (HTTP: with retries); returns the
    // answer body. `what` names the call in errors.
    Result<std::string> post(const std::string& body, std::string_view what);
    Result<std::string> post_http(const std::string& body, const std::string& where);
    Error node_error(std::string_view method, const NodeError& e, const abi::ContractAbi* abi = nullptr) const;

    std::string url_;
    RpcOptions options_;
    std::mutex mu_;
    void* curl_ = nullptr;  // CURL*, guarded by mu_
    std::shared_ptr<RpcTransport> transport_;  // null: HTTP; guarded by mu_ (opened lazily for state:)
    uint64_t next_id_ = 1;  // guarded by mu_
};

}  // namespace suture::chain
