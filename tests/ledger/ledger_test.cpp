// Ledger records: appends, typed tables, batching, reading back, verify on an intact ledger.
#include <gtest/gtest.h>

#include "chain/keys.hpp"
#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "temp_dir.hpp"

namespace suture::ledger {
namespace {

using nlohmann::json;
using test::TempDirTest;
class LedgerRecords : public TempDirTest {};

TEST_F(LedgerRecords, AppendsChainFromZero) {
    auto l = Ledger::open(file("l.db"), Access::write);
    ASSERT_TRUE(l.ok()) << l.error().message;
    auto s1 = l->append("note", json{{"text", "one"}});
    auto s2 = l->append("note", json{{"text", "two"}});
    ASSERT_TRUE(s1.ok() && s2.ok());
    EXPECT_EQ(*s1, 1);
    EXPECT_EQ(*s2, 2);
    auto log = l->log();
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 2u);
    EXPECT_EQ((*log)[1].data["text"], "two");
    auto body1 = event_body(1, "note", (*log)[0].time, json{{"text", "one"}});
    ASSERT_TRUE(body1.ok());
    EXPECT_EQ((*log)[0].hash, chain_hash(Bytes32{}, *body1));
    auto head = l->head();
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(head->seq, 2);
    EXPECT_EQ(head->hash, (*log)[1].hash);
}

TEST_F(LedgerRecords, RefusesFloatsAndTableKinds) {
    auto l = Ledger::open(file("l.db"), Access::write);
    ASSERT_TRUE(l.ok());
    EXPECT_FALSE(l->append("note", json{{"x", 0.5}}).ok());
    EXPECT_FALSE(l->append("approval", json::object()).ok());
    auto head = l->head();
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(head->seq, 0);  // nothing half-written
}

TEST_F(LedgerRecords, TypedTablesRoundTripAndVerify) {
    auto key = chain::SecretKey::from_hex("0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318");
    ASSERT_TRUE(key.ok());
    {
        auto l = Ledger::open(file("l.db"), Access::write);
        ASSERT_TRUE(l.ok());
        auto inc = l->open_incident({"Vault drained via withdraw()", "critical", "reentrancy"});
        ASSERT_TRUE(inc.ok()) << inc.error().message;
        auto patch = l->add_patch({*inc, "vault-v2", "suture.toml"});
        ASSERT_TRUE(patch.ok()) << patch.error().message;
        PatchDigestInput in;
        in.chain_id = 1;
        in.route = "uups";
        in.new_code_hash[0] = 0xaa;
        auto d = l->record_patch_digest(*patch, in);
        ASSERT_TRUE(d.ok()) << d.error().message;
        auto g = l->record_gate_run({*patch, "check", Bytes32{}, "pass", json::array({{{"code", "x"}}})});
        ASSERT_TRUE(g.ok()) << g.error().message;
        auto a = l->record_approval(sign_approval(*key, patch_digest(in)), *patch);
        ASSERT_TRUE(a.ok()) << a.error().message;
        auto step = l->record_deploy_step({*patch, "uups/upgrade/0", "upgradeToAndCall", 7, Bytes{1, 2}, Bytes32{}});
        ASSERT_TRUE(step.ok()) << step.error().message;
        auto sent = l->record_sent_transaction({*step, Bytes32{}, 123, "mined"});
        ASSERT_TRUE(sent.ok()) << sent.error().message;
        EXPECT_FALSE(l->open_incident({"t", "apocalyptic", ""}).ok());
        EXPECT_FALSE(l->record_gate_run({*patch, "check", Bytes32{}, "maybe", json::array()}).ok());
        // A foreign key that points nowhere is refused and nothing is appended.
        EXPECT_FALSE(l->record_gate_run({999, "check", Bytes32{}, "pass", json::array()}).ok());
    }
    auto l = Ledger::open(file("l.db"), Access::read);
    ASSERT_TRUE(l.ok()) << l.error().message;
    auto incidents = l->incidents();
    ASSERT_TRUE(incidents.ok());
    ASSERT_EQ(incidents->size(), 1u);
    EXPECT_EQ((*incidents)[0].info.severity, "critical");
    EXPECT_GT((*incidents)[0].time, 0);
    auto digest = l->latest_patch_digest(1);
    ASSERT_TRUE(digest.ok()) << digest.error().message;
    ASSERT_TRUE(digest->has_value());
    EXPECT_EQ((*digest)->inputs.route, "uups");
    auto found = l->find_patch_digest((*digest)->digest);
    ASSERT_TRUE(found.ok()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    EXPECT_EQ((*found)->patch_id, 1);
    auto none = l->find_patch_digest(Bytes32{});
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    auto approvals = l->approvals((*digest)->digest);
    ASSERT_TRUE(approvals.ok()) << approvals.error().message;
    ASSERT_EQ(approvals->size(), 1u);
    EXPECT_EQ((*approvals)[0].approval.reviewer, key->address());
    auto report = l->verify();
    ASSERT_TRUE(report.ok()) << report.error().message;
    EXPECT_TRUE(report->intact()) << report->problems.front().message;
    EXPECT_EQ(report->records, 7);
}

TEST_F(LedgerRecords, BatchCommitsTogetherOrNotAtAll) {
    auto l = Ledger::open(file("l.db"), Access::write);
    ASSERT_TRUE(l.ok());
    auto ok = l->transaction([&]() -> Status {
        for (int i = 0; i < 100; ++i) SUTURE_CHECK(l->append("note", json{{"i", i}}).ok() ? Status() : Status(input_error("x")));
        return {};
    });
    ASSERT_TRUE(ok.ok());
    auto failed = l->transaction([&]() -> Status {
        (void)l->append("note", json{{"i", 100}});
        return input_error("stop");
    });
    EXPECT_FALSE(failed.ok());
    auto head = l->head();
    ASSERT_TRUE(head.ok());
    EXPECT_EQ(head->seq, 100);
    auto next = l->append("note", json{{"i", 100}});
    ASSERT_TRUE(next.ok());
    EXPECT_EQ(*next, 101);
    auto report = l->verify();
    ASSERT_TRUE(report.ok());
    EXPECT_TRUE(report->intact());
}

}  // namespace
}  // namespace suture::ledger
