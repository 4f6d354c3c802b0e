// The monitor's memory in the ledger (respond/monitor_ledger.hpp): a pause's
// intent is written before its transaction is sent and its outcome after; a
// restart between the two sees the claim (so it does not pause again) and the
// hash of what was sent.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "respond/monitor_ledger.hpp"

namespace suture::respond {
namespace {

class MonitorLedgerTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = std::filesystem::temp_directory_path() /
              ("suture-monitor-ledger-" + std::to_string(getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        path = (dir / "suture.ledger").string();
        target.bytes.fill(0x11);
        other.bytes.fill(0x22);
        hash.fill(0xab);
    }
    void TearDown() override { std::filesystem::remove_all(dir); }

    std::filesystem::path dir;
    std::string path;
    Address target, other;
    Bytes32 hash{};
};

TEST_F(MonitorLedgerTest, ACrashBetweenIntentAndOutcomeDoesNotPauseTwice) {
    {
        MonitorLedger first(path);
        auto mine = first.claim_pause("drain/0x01", {target});
        ASSERT_TRUE(mine.ok()) << mine.error().message;
        ASSERT_EQ(*mine, std::vector<Address>{target});
        ASSERT_TRUE(first.record_sending("drain/0x01", target, hash, 7, 0).ok());
    }  // the process dies: no outcome recorded
    MonitorLedger restarted(path);
    ASSERT_TRUE(restarted.refresh().ok());
    EXPECT_TRUE(restarted.paused(target)) << "the claim stands: a restart must not pause again";
    ASSERT_EQ(restarted.in_flight().count(target), 1u);
    EXPECT_EQ(restarted.in_flight().at(target), std::vector<Bytes32>{hash}) << "the intent names what was sent";
    auto again = restarted.claim_pause("drain/0x02", {target, other});
    ASSERT_TRUE(again.ok()) << again.error().message;
    EXPECT_EQ(*again, std::vector<Address>{other}) << "only the target nobody claimed";

    // The outcome closes the intent.
    PauseOutcome done;
    done.target = target;
    done.function = "pause()";
    done.status = PauseOutcome::Status::done;
    done.tx_hash = hash;
    ASSERT_TRUE(restarted.record_outcomes({done}).ok());
    EXPECT_EQ(restarted.in_flight().count(target), 0u);
    EXPECT_TRUE(restarted.paused(target));
    EXPECT_EQ(restarted.in_flight().count(other), 1u);
    EXPECT_TRUE(restarted.in_flight().at(other).empty()) << "claimed, nothing signed yet";
}

TEST_F(MonitorLedgerTest, AFailedOrUndonePauseReleasesTheClaim) {
    MonitorLedger l(path);
    ASSERT_TRUE(l.claim_pause("k", {target}).ok());
    ASSERT_TRUE(l.record_sending("k", target, hash, 3, 0).ok());
    PauseOutcome undone;
    undone.target = target;
    undone.function = "pause()";
    undone.status = PauseOutcome::Status::failed;
    undone.tx_hash = hash;
    undone.error = chain_error("removed by a reorg");
    ASSERT_TRUE(l.record_outcomes({undone}).ok());
    EXPECT_FALSE(l.paused(target));
    EXPECT_EQ(l.in_flight().count(target), 0u);
    MonitorLedger other_replica(path);
    ASSERT_TRUE(other_replica.refresh().ok());
    auto mine = other_replica.claim_pause("reorg/k", {target});
    ASSERT_TRUE(mine.ok());
    EXPECT_EQ(*mine, std::vector<Address>{target}) << "the pause may be claimed again";
}

}  // namespace
}  // namespace suture::respond
