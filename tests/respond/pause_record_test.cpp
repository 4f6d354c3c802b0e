// The pause outcome's JSON line and its ledger events (respond/pause_record.hpp).
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "respond/pause_record.hpp"

namespace suture::respond {
namespace {

PauseOutcome done_outcome() {
    PauseOutcome o;
    o.target.bytes.fill(0x11);
    o.function = "pause()";
    o.mechanism = "role";
    o.status = PauseOutcome::Status::done;
    o.tx_hash = Bytes32{};
    o.tx_hash->fill(0xab);
    o.nonce = 7;
    o.block = 42;
    o.replacements = 1;
    return o;
}

TEST(PauseRecord, JsonCarriesWhatHappened) {
    auto j = pause_outcome_json(done_outcome());
    EXPECT_EQ(j["target"], "0x1111111111111111111111111111111111111111");
    EXPECT_EQ(j["action"], "pause");
    EXPECT_EQ(j["status"], "done");
    EXPECT_EQ(j["mechanism"], "role");
    std::string ab;
    for (int i = 0; i < 32; ++i) ab += "ab";
    EXPECT_EQ(j["tx"], "0x" + ab);
    EXPECT_EQ(j["nonce"], 7);
    EXPECT_EQ(j["block"], 42);
    EXPECT_EQ(j["replacements"], 1);
    EXPECT_FALSE(j.contains("error"));
    EXPECT_FALSE(j.contains("safe_tx_hash"));
}

TEST(PauseRecord, RefusalNamesItsKindAndOmitsTheTransaction) {
    PauseOutcome o;
    o.action = PauseAction::unpause;
    o.function = "unpause()";
    o.error = input_error("0xabc does not hold PAUSER_ROLE");
    auto j = pause_outcome_json(o);
    EXPECT_EQ(j["status"], "failed");
    EXPECT_EQ(j["action"], "unpause");
    EXPECT_EQ(j["error"]["kind"], "input");
    EXPECT_EQ(j["error"]["message"], "0xabc does not hold PAUSER_ROLE");
    EXPECT_FALSE(j.contains("tx"));
    EXPECT_FALSE(j.contains("mechanism"));
}

TEST(PauseRecord, EventsGoToTheLedgerWithTheIncident) {
    auto dir = std::filesystem::temp_directory_path() / ("suture-pause-record-" + std::to_string(getpid()));
    std::filesystem::create_directories(dir);
    auto l = ledger::Ledger::open((dir / "l.ledger").string(), ledger::Access::write);
    ASSERT_TRUE(l.ok()) << l.error().message;
    PauseOutcome un;
    un.action = PauseAction::unpause;
    un.function = "unpause()";
    un.status = PauseOutcome::Status::already;
    auto seqs = record_pauses(*l, {done_outcome(), un}, 3);
    ASSERT_TRUE(seqs.ok()) << seqs.error().message;
    ASSERT_EQ(seqs->size(), 2u);
    auto log = l->log();
    ASSERT_TRUE(log.ok());
    ASSERT_GE(log->size(), 2u);
    const auto& a = (*log)[log->size() - 2];
    const auto& b = log->back();
    EXPECT_EQ(a.kind, kPauseEvent);
    EXPECT_EQ(a.data["incident"], 3);
    EXPECT_EQ(a.data["nonce"], 7);
    EXPECT_EQ(b.kind, kUnpauseEvent);
    EXPECT_EQ(b.data["status"], "already");
    EXPECT_EQ(b.seq, (*seqs)[1]);
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace suture::respond
