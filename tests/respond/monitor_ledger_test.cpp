// The monitor's memory in the ledger (respond/monitor_ledger.hpp): a pause's
// intent is written before its transaction is sent and its outcome after; a
// restart between the two sees the claim (so it does not pause again) and the
// hash of what was sent.
#include <gtest/gtest.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <filesystem>

#include "core/hex.hpp"
#include "ledger/ledger.hpp"
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

    // A claim as another monitor process writes it.
    void claim_as(const std::string& owner, const std::string& host, int64_t pid, int64_t age_ms) {
        auto l = ledger::Ledger::open(path, ledger::Access::write);
        ASSERT_TRUE(l.ok()) << l.error().message;
        int64_t now = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch())
                          .count();
        auto seq = l->append(kMonitorClaimEvent, {{"key", "drain/0x01"},
                                                  {"targets", {to_checksum(target)}},
                                                  {"owner", owner},
                                                  {"at_ms", now - age_ms},
                                                  {"host", host},
                                                  {"pid", pid}});
        ASSERT_TRUE(seq.ok()) << seq.error().message;
    }
    static std::string host() {
        char buf[256] = {};
        gethostname(buf, sizeof buf - 1);
        return buf;
    }

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
    EXPECT_EQ(restarted.in_flight().at(target).sent, std::vector<Bytes32>{hash}) << "the intent names what was sent";
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
    EXPECT_TRUE(restarted.in_flight().at(other).sent.empty()) << "claimed, nothing signed yet";
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

// A claim with nothing sent may be a replica still signing: it is not taken
// over while its lease runs and its process may be alive.
TEST_F(MonitorLedgerTest, ALiveReplicasFreshClaimIsNotTakenOver) {
    claim_as("replica", host(), int64_t(getppid()), 0);  // the parent process: alive
    MonitorLedger l(path, std::chrono::seconds(10), std::chrono::minutes(1));
    ASSERT_TRUE(l.refresh().ok());
    PauseClaim seen = l.in_flight().at(target);
    EXPECT_EQ(seen.owner, "replica");
    auto t = l.take_over("restart", target, seen);
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(*t, MonitorLedger::TakeOver::waiting);
    EXPECT_EQ(l.in_flight().at(target).owner, "replica") << "still the replica's";
    auto claimed = l.claim_pause("drain/0x02", {target});
    ASSERT_TRUE(claimed.ok());
    EXPECT_TRUE(claimed->empty()) << "claimed by the replica: not this monitor's to send";
}

TEST_F(MonitorLedgerTest, AClaimOlderThanTheLeaseIsTakenOver) {
    claim_as("replica", "another-host", 1, 5'000);  // cannot tell whether it runs: only the lease decides
    MonitorLedger l(path, std::chrono::seconds(10), std::chrono::seconds(2));
    ASSERT_TRUE(l.refresh().ok());
    auto t = l.take_over("restart", target, l.in_flight().at(target));
    ASSERT_TRUE(t.ok()) << t.error().message;
    ASSERT_EQ(*t, MonitorLedger::TakeOver::taken);
    EXPECT_EQ(l.in_flight().at(target).owner, l.owner());
    auto mine = l.claim_pause("restart", {target});
    ASSERT_TRUE(mine.ok());
    EXPECT_EQ(*mine, std::vector<Address>{target}) << "taken over: this monitor sends it";
    auto ours = l.record_sending("restart", target, hash, 1, 0);
    ASSERT_TRUE(ours.ok());
    EXPECT_TRUE(*ours);
}

TEST_F(MonitorLedgerTest, AClaimWhoseProcessIsGoneIsTakenOverAtOnce) {
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) _exit(0);
    int st = 0;
    ASSERT_EQ(waitpid(child, &st, 0), child);  // reaped: its id names no process now
    claim_as("crashed", host(), int64_t(child), 0);
    MonitorLedger l(path, std::chrono::seconds(10), std::chrono::minutes(1));
    ASSERT_TRUE(l.refresh().ok());
    auto t = l.take_over("restart", target, l.in_flight().at(target));
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(*t, MonitorLedger::TakeOver::taken);
}

TEST_F(MonitorLedgerTest, AClaimThatWasSentOrChangedIsNotTakenOver) {
    claim_as("replica", "another-host", 1, 60'000);
    MonitorLedger l(path, std::chrono::seconds(10), std::chrono::seconds(1));
    ASSERT_TRUE(l.refresh().ok());
    PauseClaim seen = l.in_flight().at(target);
    // The replica records its intent after this monitor read the claim.
    {
        auto w = ledger::Ledger::open(path, ledger::Access::write);
        ASSERT_TRUE(w.ok());
        ASSERT_TRUE(w->append(kMonitorSendingEvent, {{"key", "drain/0x01"}, {"target", to_checksum(target)},
                                                     {"tx", to_hex(hash)}, {"nonce", 4}, {"attempt", 0}})
                        .ok());
    }  // closed: the writer lock is released
    auto t = l.take_over("restart", target, seen);
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(*t, MonitorLedger::TakeOver::moved_on);
    EXPECT_EQ(l.in_flight().at(target).sent, std::vector<Bytes32>{hash}) << "the replica's pause stands";
}

// The race itself, across two processes: the claimant signs, a replica takes
// the claim over, then the claimant tries to record its intent. Exactly one
// of them may send.
TEST_F(MonitorLedgerTest, AClaimantWhoseClaimWasTakenOverDoesNotSend) {
    int to_child[2], to_parent[2];
    ASSERT_EQ(pipe(to_child), 0);
    ASSERT_EQ(pipe(to_parent), 0);
    pid_t child = fork();
    ASSERT_GE(child, 0);
    if (child == 0) {
        MonitorLedger claimant(path);
        auto mine = claimant.claim_pause("drain/0x01", {target});
        char c = (mine.ok() && mine->size() == 1) ? 'c' : 'x';
        (void)!write(to_parent[1], &c, 1);
        (void)!read(to_child[0], &c, 1);  // the replica took it over meanwhile
        auto ours = claimant.record_sending("drain/0x01", target, hash, 9, 0);
        c = !ours.ok() ? 'e' : (*ours ? 's' : 'n');
        (void)!write(to_parent[1], &c, 1);
        _exit(0);
    }
    char c = 0;
    ASSERT_EQ(read(to_parent[0], &c, 1), 1);
    ASSERT_EQ(c, 'c');
    MonitorLedger replica(path, std::chrono::seconds(10), std::chrono::milliseconds(0));  // no lease: take it now
    ASSERT_TRUE(replica.refresh().ok());
    auto t = replica.take_over("restart", target, replica.in_flight().at(target));
    ASSERT_TRUE(t.ok()) << t.error().message;
    EXPECT_EQ(*t, MonitorLedger::TakeOver::taken);
    ASSERT_EQ(write(to_child[1], "g", 1), 1);
    ASSERT_EQ(read(to_parent[0], &c, 1), 1);
    int st = 0;
    waitpid(child, &st, 0);
    EXPECT_EQ(c, 'n') << "the claimant must not record (or send) a pause the replica now owns";
    auto ours = replica.record_sending("restart", target, hash, 1, 0);
    ASSERT_TRUE(ours.ok());
    EXPECT_TRUE(*ours);
    ASSERT_TRUE(replica.refresh().ok());
    EXPECT_EQ(replica.in_flight().at(target).sent.size(), 1u) << "one intent recorded, the replica's";
}

}  // namespace
}  // namespace suture::respond
