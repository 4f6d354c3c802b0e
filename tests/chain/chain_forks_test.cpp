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

}  // namespace
}  // namespace suture::chain
