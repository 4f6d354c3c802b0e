// The params of a JSON-RPC request to the in-process node, read strictly:
// a missing or malformed param is a -32602 error naming it ("param 1
// (block): expected a block number, a tag or {blockHash}").
//
// Handlers signal a JSON-RPC error by throwing RpcFailure; DevNode::handle
// catches it and answers with the error object. The exception never leaves
// the devnode files (DevNode::post never throws).
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/uint256.hpp"

namespace suture::chain {

struct RpcFailure {
    NodeError error;
};

inline constexpr int64_t kParseError = -32700;
inline constexpr int64_t kInvalidRequest = -32600;
inline constexpr int64_t kMethodNotFound = -32601;
inline constexpr int64_t kInvalidParams = -32602;
inline constexpr int64_t kServerError = -32000;   // geth: refused transactions, unknown blocks
inline constexpr int64_t kRevert = 3;             // geth: execution reverted, data = revert data

[[noreturn]] void fail(int64_t code, std::string message, nlohmann::json data = nullptr);

// A block selector before it is resolved against the chain.
struct BlockRef {
    std::optional<uint64_t> number;  // set for a number
    std::string tag;                 // "latest", "pending", "earliest", "safe", "finalized"
    std::optional<Bytes32> hash;     // EIP-1898 {blockHash}
};

// The fields of an eth_call / eth_estimateGas / eth_sendTransaction object.
struct CallFields {
    std::optional<Address> from, to;
    std::optional<uint64_t> gas;
    std::optional<uint256> gas_price, max_fee_per_gas, max_priority_fee_per_gas, value;
    std::optional<uint64_t> nonce;
    Bytes data;
};

class Params {
public:
    Params(const nlohmann::json& params, std::string_view method);
    size_t size() const;
    bool has(size_t i) const;  // present and not null

    Address address(size_t i, std::string_view name) const;
    uint64_t u64(size_t i, std::string_view name) const;
    uint256 u256(size_t i, std::string_view name) const;
    Bytes data(size_t i, std::string_view name) const;
    Bytes32 bytes32(size_t i, std::string_view name) const;
    bool boolean(size_t i, std::string_view name) const;
    // A block number, tag or EIP-1898 object; `fallback` when absent.
    BlockRef block(size_t i, std::string_view name, const char* fallback = "latest") const;
    CallFields call(size_t i, std::string_view name) const;
    const nlohmann::json& object(size_t i, std::string_view name) const;
    const nlohmann::json& at(size_t i, std::string_view name) const;  // present, any type
    // -32602 naming param i.
    [[noreturn]] void bad(size_t i, std::string_view name, const std::string& why) const;
    // Refuses params beyond `n`.
    void at_most(size_t n) const;

private:
    nlohmann::json params_;  // a copy: params are small, and a Params may be built from a temporary
    std::string method_;
};

}  // namespace suture::chain
