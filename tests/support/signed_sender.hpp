// Signs and sends transactions to a test node (anvil or the in-process node
// with anvil's chain id) as the history-building tests do: EIP-1559 with a
// 100 gwei fee cap and a 1 gwei tip (a legacy or access-list transaction pays
// 100 gwei), each sender's nonce read once from the node's pending count and
// counted here after each accepted send. Nothing is mined.
#pragma once

#include <map>
#include <optional>
#include <vector>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "chain/transaction.hpp"
#include "core/address.hpp"
#include "core/result.hpp"

namespace suture::test {

class SignedSender {
public:
    explicit SignedSender(chain::RpcClient& rpc) : rpc_(rpc) {}

    // The transaction's hash as the node accepted it.
    Result<Bytes32> send(const chain::SecretKey& from, std::optional<Address> to, Bytes data, uint256 value,
                         uint64_t gas, chain::TxType type = chain::TxType::dynamic_fee,
                         std::vector<chain::AccessListEntry> access = {});

private:
    chain::RpcClient& rpc_;
    std::map<Address, uint64_t> nonces_;
};

}  // namespace suture::test
