#include "verify/holder_set.hpp"

#include "core/keccak.hpp"
#include "verify/migration_node_source.hpp"

namespace suture::verify {

Status HolderSet::add(const Address& a, std::string_view source) {
    if (seen_.count(a)) return {};
    if (list_.size() >= cap_)
        return input_error("holders: " + std::string(source) + " names more than " + std::to_string(cap_) +
                           " addresses; a sum over part of them proves nothing: raise the cap (holders_max, "
                           "--holders-max) or list the holders");
    seen_.insert(a);
    list_.push_back(a);
    return {};
}

bool HolderSet::contains(const Address& a) const { return seen_.count(a) != 0; }

const Bytes32& transfer_topic() {
    static const Bytes32 t = keccak256(std::string_view("Transfer(address,address,uint256)"));
    return t;
}

namespace {

Address topic_address(const Bytes32& topic) {
    Address a;
    std::copy(topic.begin() + 12, topic.end(), a.bytes.begin());
    return a;
}

// An address-shaped call-data word below 2^128 is an amount, not an account
// (an account has 4 leading zero bytes once in 2^32).
bool names_an_account(const Address& a) { return a.bytes[0] | a.bytes[1] | a.bytes[2] | a.bytes[3]; }

// Senders of the transactions to `target` and the account words of their call data.
Status add_transaction(HolderSet& set, const evm::Transaction& tx, const Address& target, std::string_view source) {
    if (tx.to != target) return {};
    SUTURE_CHECK(set.add(tx.sender, source));
    std::vector<Address> named;
    collect_address_words(tx.data, 4, named);
    for (const Address& a : named)
        if (names_an_account(a)) SUTURE_CHECK(set.add(a, source));
    return {};
}

}  // namespace

Status add_transfer_parties(HolderSet& set, const std::vector<evm::Log>& logs, const Address& token) {
    for (const evm::Log& log : logs) {
        if (log.address != token || log.topics.size() < 3 || log.topics[0] != transfer_topic()) continue;
        // The zero address is a mint's or a burn's other side, not a holder.
        for (const Bytes32& party : {log.topics[1], log.topics[2]})
            if (const Address a = topic_address(party); a != Address{}) SUTURE_CHECK(set.add(a, "the Transfer logs"));
    }
    return {};
}

Status add_node_history(HolderSet& set, chain::RpcClient& rpc, const Address& target, uint64_t from_block,
                        uint64_t to_block) {
    // Senders and call-data words alike: an account's address is 2^128 or more
    // (a sender with 4 leading zero bytes counts only through Transfer logs).
    SUTURE_TRY(named, addresses_named_by_transactions(rpc, target, from_block, to_block));
    for (const Address& a : named)
        if (names_an_account(a)) SUTURE_CHECK(set.add(a, "the transactions to the target"));
    SUTURE_TRY(logs, contract_logs(rpc, target, {transfer_topic()}, from_block, to_block));
    return add_transfer_parties(set, logs, target);
}

Status add_chain_history(HolderSet& set, const chain::ChainHistory& history, const Address& target,
                         uint64_t from_block, uint64_t to_block) {
    const std::string range = std::to_string(from_block) + ".." + std::to_string(to_block);
    if (history.blocks.empty()) return input_error("holders from blocks " + range + ": the state file keeps no block history");
    const uint64_t first = history.blocks.front().number, last = history.blocks.back().number;
    if (from_block < first || to_block > last || from_block > to_block)
        return input_error("holders from blocks " + range + ": the state file holds blocks " + std::to_string(first) +
                           ".." + std::to_string(last));
    for (uint64_t n = from_block; n <= to_block; ++n) {
        const chain::ChainBlock& b = history.blocks[n - first];
        for (size_t i = 0; i < b.txs.size(); ++i) {
            SUTURE_CHECK(add_transaction(set, b.txs[i].tx, target, "the transactions to the target"));
            if (i < b.receipts.size()) SUTURE_CHECK(add_transfer_parties(set, b.receipts[i].logs, target));
        }
    }
    return {};
}

}  // namespace suture::verify
