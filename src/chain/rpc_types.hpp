// Plain data exchanged with a node through RpcClient (rpc_client.hpp).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/uint256.hpp"

namespace suture::chain {

// A block selector for eth_* calls: a named tag or a block number.
class BlockTag {
public:
    static BlockTag latest() { return BlockTag("latest"); }
    static BlockTag pending() { return BlockTag("pending"); }
    static BlockTag earliest() { return BlockTag("earliest"); }
    static BlockTag safe() { return BlockTag("safe"); }
    static BlockTag finalized() { return BlockTag("finalized"); }
    static BlockTag number(uint64_t n);
    const std::string& json() const { return text_; }  // "latest" or "0x1b4"
private:
    explicit BlockTag(std::string text) : text_(std::move(text)) {}
    std::string text_;
};

// Arguments of eth_call / eth_estimateGas. Unset fields are omitted so the
// node applies its defaults.
struct CallRequest {
    std::optional<Address> from;
    std::optional<Address> to;  // nullopt: contract creation (data is init code)
    std::optional<uint64_t> gas;
    std::optional<uint256> gas_price;
    std::optional<uint256> max_fee_per_gas;
    std::optional<uint256> max_priority_fee_per_gas;
    std::optional<uint256> value;
    Bytes data;
};

// Result of RpcClient::try_call: either the return data or a revert.
struct CallOutcome {
    bool reverted = false;
    Bytes output;         // return data, or the raw revert data when reverted
    std::string reason;   // decoded revert (describe_revert), empty when not reverted
};

struct FeeHistory {
    uint64_t oldest_block = 0;
    std::vector<uint256> base_fee_per_gas;        // block_count + 1 entries (the next block's last)
    std::vector<double> gas_used_ratio;
    std::vector<std::vector<uint256>> reward;     // per block, one entry per requested percentile
};

struct Log {
    Address address;
    std::vector<Bytes32> topics;
    Bytes data;
    uint64_t log_index = 0;
};

struct Receipt {
    Bytes32 transaction_hash{};
    Bytes32 block_hash{};
    uint64_t block_number = 0;
    uint64_t transaction_index = 0;
    Address from;
    std::optional<Address> to;
    bool status = false;                      // EIP-658: true = success
    uint64_t gas_used = 0;
    uint64_t cumulative_gas_used = 0;
    uint256 effective_gas_price;
    std::optional<Address> contract_address;  // set for a contract creation
    std::vector<Log> logs;
};

struct BlockHeader {
    uint64_t number = 0;
    Bytes32 hash{};
    Bytes32 parent_hash{};
    uint64_t timestamp = 0;
    uint64_t gas_limit = 0;
    uint64_t gas_used = 0;
    std::optional<uint256> base_fee_per_gas;  // EIP-1559 blocks only
    std::vector<Bytes32> transaction_hashes;
};

}  // namespace suture::chain
