// The outflow detector's sums per transaction and per block (respond/outflow.hpp).
#include <gtest/gtest.h>

#include "core/abi_encode.hpp"
#include "respond/crafted_logs.hpp"
#include "respond/outflow.hpp"

namespace suture::respond {
namespace {

using test::addr;
using test::transfer;

Bytes32 hash(uint8_t b) {
    Bytes32 h{};
    h.fill(b);
    return h;
}

const Address kVault = addr(0x11), kThief = addr(0x22), kToken = addr(0x70), kOther = addr(0x71);

TEST(Outflow, TokenTransfersFromTheTargetOnly) {
    std::vector<chain::Log> logs{transfer(kToken, kVault, kThief, 40), transfer(kToken, kVault, kThief, 2),
                                 transfer(kToken, kThief, kVault, 1000),   // inflow
                                 transfer(kOther, kVault, kThief, 1000)};  // another token
    EXPECT_EQ(token_outflow(logs, kToken, kVault), uint256(42));
    logs[0].data.pop_back();  // malformed: skipped
    EXPECT_EQ(token_outflow(logs, kToken, kVault), uint256(2));
}

TEST(Outflow, PerTransactionAndPerBlock) {
    std::vector<TxActivity> block{
        {hash(1), {transfer(kToken, kVault, kThief, 60)}, uint256(0)},
        {hash(2), {transfer(kToken, kVault, kThief, 60)}, uint256(5)},
        {hash(3), {transfer(kToken, kVault, kThief, 101)}, uint256(0)},
    };
    OutflowRule per_tx{kVault, kToken, uint256(100), OutflowRule::Scope::transaction};
    auto hits = outflow_hits(per_tx, block);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(*hits[0].tx, hash(3));
    EXPECT_EQ(hits[0].amount, uint256(101));

    OutflowRule per_block{kVault, kToken, uint256(220), OutflowRule::Scope::block};
    hits = outflow_hits(per_block, block);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(hits[0].amount, uint256(221));
    EXPECT_EQ(*hits[0].tx, hash(3));
    per_block.threshold = uint256(221);  // strictly above
    EXPECT_TRUE(outflow_hits(per_block, block).empty());

    OutflowRule eth{kVault, std::nullopt, uint256(4), OutflowRule::Scope::transaction};
    hits = outflow_hits(eth, block);
    ASSERT_EQ(hits.size(), 1u);
    EXPECT_EQ(*hits[0].tx, hash(2));
    EXPECT_EQ(hits[0].amount, uint256(5));
}

}  // namespace
}  // namespace suture::respond
