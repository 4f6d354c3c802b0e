// The fork a known chain runs at a block timestamp.
#include "chain/chain_forks.hpp"

#include <gtest/gtest.h>

namespace suture::chain {
namespace {

using evm::Revision;

TEST(ChainForks, ActivationTimesOfTheKnownChains) {
    struct Case { uint64_t chain; uint64_t time; std::optional<Revision> rev; } cases[] = {
        // Mainnet: Cancun 2024-03-13, Prague 2025-05-07 10:05:11, Osaka 2025-12-03 21:49:11 UTC.
        {1, 1710338134, Revision::shanghai}, {1, 1710338135, Revision::cancun},
        {1, 1746612310, Revision::cancun},   {1, 1746612311, Revision::prague},
        {1, 1764798550, Revision::prague},   {1, 1764798551, Revision::osaka},
        {1, 1681338454, std::nullopt},  // before Shanghai: block-number forks, not modelled
        {11155111, 1741159775, Revision::cancun}, {11155111, 1741159776, Revision::prague},
        {11155111, 1760427360, Revision::osaka},
        {17000, 1740434112, Revision::prague}, {17000, 1759308480, Revision::osaka},
        {560048, 1, Revision::cancun}, {560048, 1742999832, Revision::prague}, {560048, 1761677592, Revision::osaka},
        {31337, 1764798551, std::nullopt},  // anvil: ask the node or the manifest
    };
    for (const auto& c : cases)
        EXPECT_EQ(revision_for(c.chain, c.time), c.rev) << c.chain << " @ " << c.time;
}

TEST(ChainForks, ChoiceSaysWhy) {
    const ChosenRevision table = choose_revision(1, 1764798551);
    EXPECT_EQ(table.revision, Revision::osaka);
    EXPECT_EQ(table.why, "Osaka (chain 1 at block time 1764798551)");
    const ChosenRevision anvil = choose_revision(31337, 1764798551);
    EXPECT_EQ(anvil.revision, Revision::cancun);
    EXPECT_NE(anvil.why.find("the default"), std::string::npos);
    const ChosenRevision user = choose_revision(1, 1764798551, Revision::prague);
    EXPECT_EQ(user.revision, Revision::prague);
    EXPECT_EQ(user.why, "Prague (chosen by the user)");
}

// EIP-7892 BPO forks on mainnet (EIP-8134, EIP-8135): BPO1 from
// 1765290071 (10/15, 8346193), BPO2 from 1767747671 (14/21, 11684671).
TEST(ChainForks, MainnetBpoForksSetTheBlobParameters) {
    EXPECT_FALSE(blob_schedule_for(1, 1765290070));
    const auto bpo1 = blob_schedule_for(1, 1765290071);
    ASSERT_TRUE(bpo1);
    EXPECT_EQ(bpo1->name, "BPO1");
    EXPECT_EQ(bpo1->params, (evm::BlobParams{10, 15, 8346193}));
    EXPECT_EQ(blob_schedule_for(1, 1767747670)->name, "BPO1");
    const auto bpo2 = blob_schedule_for(1, 1767747671);
    ASSERT_TRUE(bpo2);
    EXPECT_EQ(bpo2->params, (evm::BlobParams{14, 21, 11684671}));
    EXPECT_FALSE(blob_schedule_for(31337, 1767747671));

    const ChosenRevision osaka = choose_revision(1, 1764798551);  // before BPO1: Osaka's own (Prague's) parameters
    EXPECT_FALSE(osaka.blob_schedule);
    const ChosenRevision later = choose_revision(1, 1767747671);
    EXPECT_EQ(later.revision, Revision::osaka);
    EXPECT_EQ(later.blob_schedule, (evm::BlobParams{14, 21, 11684671}));
    EXPECT_EQ(later.why, "Osaka (chain 1 at block time 1767747671), BPO2 blob parameters");
    // The user's Prague: no BPO parameters (they are Osaka-era forks).
    EXPECT_FALSE(choose_revision(1, 1767747671, Revision::prague).blob_schedule);

    // A block's blob base fee under BPO2 uses its update fraction.
    evm::BlockEnv block;
    block.excess_blob_gas = 20'000'000;
    block.blob_schedule = later.blob_schedule;
    EXPECT_EQ(evm::block_blob_params(Revision::osaka, block).update_fraction, 11684671u);
    EXPECT_LT(evm::blob_base_fee(block.excess_blob_gas, 11684671), evm::blob_base_fee(block.excess_blob_gas, 5007716));
}

TEST(ChainForks, TheNodesAnswerChoosesForAnUnknownChain) {
    const ChosenRevision node = choose_revision(31337, 1700000000, std::nullopt, Revision::prague);
    EXPECT_EQ(node.revision, Revision::prague);
    EXPECT_NE(node.why.find("the node's hardfork"), std::string::npos) << node.why;
    // The table and the user come first.
    EXPECT_EQ(choose_revision(1, 1746612311, std::nullopt, Revision::cancun).revision, Revision::prague);
    EXPECT_EQ(choose_revision(31337, 1, Revision::osaka, Revision::prague).revision, Revision::osaka);
}

}  // namespace
}  // namespace suture::chain
