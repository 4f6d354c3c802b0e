// The holders a "sum(f(holders))" invariant adds over (holder_set.hpp), from
// crafted logs and a crafted state-file history: the parties of the target's
// ERC-20 Transfer logs (not other events, other emitters, the zero address),
// the senders and call-data addresses of transactions to the target, each
// address once, and a cap that is an error naming it, never a silent cut.
#include <gtest/gtest.h>

#include "core/keccak.hpp"
#include "support/abi_calls.hpp"
#include "verify/holder_set.hpp"

namespace suture::verify {
namespace {

Address addr(uint8_t tag, uint8_t high = 0xA0) {
    Address a;
    a.bytes[0] = high;
    a.bytes[19] = tag;
    return a;
}

Bytes32 word(const Address& a) {
    Bytes32 w{};
    std::copy(a.bytes.begin(), a.bytes.end(), w.begin() + 12);
    return w;
}

evm::Log transfer(const Address& token, const Address& from, const Address& to) {
    Bytes32 amount{};
    amount[31] = 7;
    return evm::Log{token, {transfer_topic(), word(from), word(to)}, Bytes(amount.begin(), amount.end())};
}

const Address kToken = addr(0x70, 0x70);

TEST(HolderSet, TransferTopicIsErc20s) {
    EXPECT_EQ(transfer_topic(), keccak256(std::string_view("Transfer(address,address,uint256)")));
}

TEST(HolderSet, TransferLogsOfTheTargetGiveBothParties) {
    const Address other_token = addr(0x71, 0x70);
    evm::Log approval = transfer(kToken, addr(8), addr(9));
    approval.topics[0] = keccak256(std::string_view("Approval(address,address,uint256)"));
    evm::Log unindexed = transfer(kToken, addr(10), addr(11));
    unindexed.topics.resize(1);  // Transfer(address,address,uint256) with nothing indexed
    const std::vector<evm::Log> logs = {
        transfer(kToken, Address{}, addr(1)),  // a mint: the receiver only
        transfer(kToken, addr(1), addr(2)),
        transfer(kToken, addr(2), addr(1)),   // both known already
        transfer(other_token, addr(5), addr(6)),
        approval,
        unindexed,
        transfer(kToken, addr(3), Address{}),  // a burn: the sender only
    };
    HolderSet set;
    ASSERT_TRUE(add_transfer_parties(set, logs, kToken).ok());
    EXPECT_EQ(set.addresses(), (std::vector<Address>{addr(1), addr(2), addr(3)}));
    EXPECT_FALSE(set.contains(Address{}));
    EXPECT_FALSE(set.contains(addr(5)));
    EXPECT_FALSE(set.contains(addr(8)));
    EXPECT_FALSE(set.contains(addr(10)));
}

TEST(HolderSet, MoreThanTheCapIsAnErrorNamingIt) {
    std::vector<evm::Log> logs;
    for (uint8_t i = 1; i <= 3; ++i) logs.push_back(transfer(kToken, addr(i), addr(uint8_t(i + 100))));
    HolderSet small(5);
    auto s = add_transfer_parties(small, logs, kToken);
    ASSERT_FALSE(s.ok());
    EXPECT_EQ(s.error().kind, ErrorKind::input);
    EXPECT_NE(s.error().message.find("more than 5 addresses"), std::string::npos) << s.error().message;
    EXPECT_NE(s.error().message.find("holders_max"), std::string::npos) << s.error().message;
    HolderSet exact(6);
    EXPECT_TRUE(add_transfer_parties(exact, logs, kToken).ok());
    EXPECT_EQ(exact.addresses().size(), 6u);
    // An address it holds is no new one, even at the cap.
    EXPECT_TRUE(exact.add(addr(1), "again").ok());
}

// A state file's recorded blocks 10..12: transactions to the token and elsewhere.
chain::ChainHistory history() {
    chain::ChainHistory h;
    for (uint64_t n = 10; n <= 12; ++n) {
        chain::ChainBlock b;
        b.number = n;
        h.blocks.push_back(b);
    }
    auto tx = [](const Address& from, std::optional<Address> to, Bytes data) {
        chain::ChainTx t;
        t.tx.sender = from;
        t.tx.to = to;
        t.tx.data = std::move(data);
        return t;
    };
    auto add = [&h](uint64_t n, chain::ChainTx t, std::vector<evm::Log> logs) {
        chain::ChainBlock& b = h.blocks[n - 10];
        b.txs.push_back(std::move(t));
        chain::ChainReceipt r;
        r.success = true;
        r.logs = std::move(logs);
        b.receipts.push_back(std::move(r));
    };
    // Block 10: addr 1 sends transfer(addr 2, 7) to the token.
    add(10, tx(addr(1), kToken, testing::call_data("transfer(address,uint256)", {addr(2), uint256(7)})),
        {transfer(kToken, addr(1), addr(2))});
    // Block 11: a router (addr 3) moves tokens from addr 4 to addr 5 through another contract.
    add(11, tx(addr(3), addr(0x99, 0x99), Bytes{0x12, 0x34, 0x56, 0x78}), {transfer(kToken, addr(4), addr(5))});
    // Block 12: a creation and a transfer outside the range asked below.
    add(12, tx(addr(6), std::nullopt, Bytes{0x60}), {});
    add(12, tx(addr(7), kToken, testing::call_data("transfer(address,uint256)", {addr(8), uint256(1)})), {});
    return h;
}

TEST(HolderSet, AStateFilesHistoryGivesSendersCallDataAndTransferParties) {
    const chain::ChainHistory h = history();
    HolderSet set;
    ASSERT_TRUE(add_chain_history(set, h, kToken, 10, 11).ok());
    // The router (addr 3) sent nothing to the token: not a holder; addr 4 and 5 are, by the log.
    EXPECT_EQ(set.addresses(), (std::vector<Address>{addr(1), addr(2), addr(4), addr(5)}));

    HolderSet all;
    ASSERT_TRUE(add_chain_history(all, h, kToken, 10, 12).ok());
    EXPECT_TRUE(all.contains(addr(7)));
    EXPECT_TRUE(all.contains(addr(8)));
    EXPECT_FALSE(all.contains(addr(6)));  // a creation is no transaction to the token
}

TEST(HolderSet, ARangeTheStateFileDoesNotHoldIsAnError) {
    HolderSet set;
    auto outside = add_chain_history(set, history(), kToken, 9, 11);
    ASSERT_FALSE(outside.ok());
    EXPECT_NE(outside.error().message.find("holds blocks 10..12"), std::string::npos) << outside.error().message;
    auto none = add_chain_history(set, chain::ChainHistory{}, kToken, 1, 2);
    ASSERT_FALSE(none.ok());
    EXPECT_NE(none.error().message.find("keeps no block history"), std::string::npos) << none.error().message;
}

}  // namespace
}  // namespace suture::verify
