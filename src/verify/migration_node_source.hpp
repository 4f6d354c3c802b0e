// What a migration snapshot over a node reads besides storage: the contract's
// logs of the declared events (eth_getLogs), and the addresses to probe for
// coverage gaps (a node cannot enumerate a contract's storage): the senders
// of the transactions sent to the contract and every address-shaped word of
// their call data (an owner's credit(account, amount) names the account).
// A holder that no such transaction names (reached through another contract)
// is not found this way: docs/migrate.md says so.
#pragma once

#include <cstdint>
#include <vector>

#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "evm/state.hpp"

namespace suture::verify {

// The logs of `contract` with one of `topics0` as their first topic, blocks from_block..to_block.
Result<std::vector<evm::Log>> contract_logs(chain::RpcClient& rpc, const Address& contract,
                                            const std::vector<Bytes32>& topics0, uint64_t from_block, uint64_t to_block);

// Blocks [from_block, to_block], read in batches of eth_getBlockByNumber with
// full transactions; sorted, without duplicates.
Result<std::vector<Address>> addresses_named_by_transactions(chain::RpcClient& rpc, const Address& contract,
                                                             uint64_t from_block, uint64_t to_block);

// Address-shaped 32-byte words (12 zero bytes, then a non-zero address) of `data` from `offset` on.
void collect_address_words(BytesView data, size_t offset, std::vector<Address>& out);

}  // namespace suture::verify
