// The holders an invariant's "sum(balanceOf(holders))" adds over, derived
// instead of listed (invariant_spec.hpp): the addresses a contract's history
// names, and (fuzz_run.hpp) every address the fuzz gate's sequences use.
//
// From the history of blocks A..B: the senders of the transactions sent to
// the target and the address-shaped words of their call data (a
// transfer(to, amount) names `to`; a word below 2^128 is an amount, and on a
// node a sender below it is counted only through the logs), and the `from` and `to` of every ERC-20
// `Transfer(address,address,uint256)` log the target emitted (a mint's
// receiver, a transfer made through another contract). On a node the logs
// come from eth_getLogs and the transactions from eth_getBlockByNumber; on a
// state file from the blocks it recorded (chain_history.hpp).
//
// The set is bounded: adding past its cap is an input error that says how
// many addresses the history named and how to raise the cap, never a silent
// truncation (a sum over part of the holders proves nothing).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_set>
#include <vector>

#include "chain/devnode/chain_history.hpp"
#include "chain/rpc_client.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "evm/state.hpp"

namespace suture::verify {

inline constexpr size_t kDefaultHolderCap = 1000;

class HolderSet {
public:
    explicit HolderSet(size_t cap = kDefaultHolderCap) : cap_(cap) {}

    // Adds `a` once. An input error naming `source` when the set holds `cap`
    // addresses already.
    Status add(const Address& a, std::string_view source);
    bool contains(const Address& a) const;
    const std::vector<Address>& addresses() const { return list_; }
    size_t cap() const { return cap_; }

private:
    size_t cap_;
    std::vector<Address> list_;  // in the order first seen
    std::unordered_set<Address, AddressHash> seen_;
};

// topic0 of ERC-20's Transfer(address indexed from, address indexed to, uint256 value).
const Bytes32& transfer_topic();

// The `from` and `to` of every Transfer that `token` emitted among `logs`
// (the zero address, a mint's or burn's other side, skipped); other events,
// other emitters, and Transfer logs without both parties indexed are skipped
// (ERC-721's indexes them too, and counts the same).
Status add_transfer_parties(HolderSet& set, const std::vector<evm::Log>& logs, const Address& token);

// Blocks from..to of a node: transactions to `target` and its Transfer logs.
Status add_node_history(HolderSet& set, chain::RpcClient& rpc, const Address& target, uint64_t from_block,
                        uint64_t to_block);

// The same from a state file's recorded blocks; a block of the range that
// the history does not hold is an input error.
Status add_chain_history(HolderSet& set, const chain::ChainHistory& history, const Address& target,
                         uint64_t from_block, uint64_t to_block);

}  // namespace suture::verify
