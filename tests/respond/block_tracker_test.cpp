// Reorg and gap detection by parent hash (respond/block_tracker.hpp): a
// crafted chain, a competing branch, and the blocks the monitor must
// evaluate again.
#include <gtest/gtest.h>

#include <map>

#include "respond/block_tracker.hpp"

namespace suture::respond {
namespace {

using Kind = BlockTracker::Step::Kind;

// Block n of branch `branch` (branches share blocks below `fork_at`).
SeenBlock block(uint64_t n, uint8_t branch, uint64_t fork_at = 0) {
    auto hash_of = [&](uint64_t k) {
        Bytes32 h{};
        h[0] = uint8_t(k);
        h[1] = k >= fork_at && fork_at ? branch : 0;
        return h;
    };
    return {n, hash_of(n), n ? hash_of(n - 1) : Bytes32{}};
}

TEST(BlockTracker, FollowsAChainAndRewindsAReorgUntilParentsAgree) {
    BlockTracker t;
    for (uint64_t n = 1; n <= 5; ++n) ASSERT_EQ(t.offer(block(n, 0)).kind, Kind::extends) << n;
    // Branch 1 replaced blocks 4 and 5 (fork at 4); its block 6 arrives.
    auto s = t.offer(block(6, 1, 4));
    EXPECT_EQ(s.kind, Kind::rewind);
    EXPECT_TRUE(s.reorg);
    EXPECT_EQ(s.next, 5u);
    s = t.offer(block(5, 1, 4));  // the canonical 5: its parent (new 4) is not the old 4
    EXPECT_EQ(s.kind, Kind::rewind);
    EXPECT_EQ(s.next, 4u);
    // The new 4 extends 3: from here blocks 4, 5, 6 of branch 1 are evaluated.
    std::vector<uint64_t> evaluated;
    for (uint64_t n = 4; n <= 6; ++n) {
        s = t.offer(block(n, 1, 4));
        ASSERT_EQ(s.kind, Kind::extends) << n;
        evaluated.push_back(n);
    }
    EXPECT_EQ(evaluated, (std::vector<uint64_t>{4, 5, 6}));
    EXPECT_EQ(t.head()->hash, block(6, 1, 4).hash);
}

TEST(BlockTracker, GapsAndRepeats) {
    BlockTracker t;
    t.offer(block(10, 0));
    auto s = t.offer(block(13, 0));
    EXPECT_EQ(s.kind, Kind::rewind);
    EXPECT_FALSE(s.reorg);
    EXPECT_EQ(s.next, 11u);
    EXPECT_EQ(t.offer(block(11, 0)).kind, Kind::extends);
    // The same block again (a lagging node answering an older head): not evaluated twice.
    s = t.offer(block(11, 0));
    EXPECT_EQ(s.kind, Kind::rewind);
    EXPECT_FALSE(s.reorg);
    EXPECT_EQ(s.next, 12u);
}

TEST(BlockTracker, ResumeFromAStoredBlockAndDeepReorgs) {
    BlockTracker t(2);
    t.resume(block(100, 0));
    EXPECT_EQ(t.offer(block(101, 0)).kind, Kind::extends);
    EXPECT_EQ(t.offer(block(102, 0)).kind, Kind::extends);
    // Only two blocks kept: a branch from 50 restarts at the block offered.
    auto s = t.offer(block(100, 7, 50));
    EXPECT_EQ(s.kind, Kind::extends);
    EXPECT_TRUE(s.reorg);
    EXPECT_EQ(t.head()->number, 100u);
}

}  // namespace
}  // namespace suture::respond
