// Reading one patch's history back: patch, gate runs, deploy steps, sent
// transactions and digests of that patch only, oldest first; a row edited
// into something unreadable is an error naming table, row and column.
#include <gtest/gtest.h>

#include "ledger/ledger.hpp"
#include "ledger/sqlite_db.hpp"
#include "temp_dir.hpp"

namespace suture::ledger {
namespace {

using nlohmann::json;
using test::TempDirTest;
class LedgerQueries : public TempDirTest {
protected:
    // Two patches with interleaved records; returns nothing, fills the file.
    void fill() {
        auto l = Ledger::open(file("l.db"), Access::write);
        ASSERT_TRUE(l.ok()) << l.error().message;
        auto p1 = l->add_patch({std::nullopt, "one", "a.toml"});
        auto p2 = l->add_patch({std::nullopt, "two", "b.toml"});
        ASSERT_TRUE(p1.ok() && p2.ok());
        Bytes32 h{};
        h[31] = 7;
        ASSERT_TRUE(l->record_gate_run({*p1, "check", h, "pass", json::array()}).ok());
        ASSERT_TRUE(l->record_gate_run({*p2, "check", h, "fail", json::array({{{"code", "insert"}}})}).ok());
        ASSERT_TRUE(l->record_gate_run({*p1, "exploit", h, "fail", json::array({{{"code", "gain"}}})}).ok());
        PatchDigestInput in;
        in.chain_id = 31337;
        in.route = "uups";
        ASSERT_TRUE(l->record_patch_digest(*p2, in).ok());
        in.route = "beacon";
        ASSERT_TRUE(l->record_patch_digest(*p2, in).ok());
        auto s1 = l->record_deploy_step({*p1, "uups/0", "upgradeToAndCall", 3, Bytes{0xde, 0xad}, h});
        auto s2 = l->record_deploy_step({*p2, "uups/0", "upgradeToAndCall", 9, Bytes{0x01}, Bytes32{}});
        ASSERT_TRUE(s1.ok() && s2.ok());
        ASSERT_TRUE(l->record_sent_transaction({*s1, h, 12, "mined"}).ok());
        ASSERT_TRUE(l->record_sent_transaction({*s2, Bytes32{}, std::nullopt, "dropped"}).ok());
    }
};

TEST_F(LedgerQueries, ReadsOnePatchHistory) {
    fill();
    auto l = Ledger::open(file("l.db"), Access::read);
    ASSERT_TRUE(l.ok());
    auto p = l->patch(2);
    ASSERT_TRUE(p.ok()) << p.error().message;
    EXPECT_EQ(p->info.name, "two");
    EXPECT_FALSE(l->patch(5).ok());

    auto runs = l->gate_runs(1);
    ASSERT_TRUE(runs.ok()) << runs.error().message;
    ASSERT_EQ(runs->size(), 2u);
    EXPECT_EQ((*runs)[0].info.gate, "check");
    EXPECT_EQ((*runs)[1].info.gate, "exploit");
    EXPECT_EQ((*runs)[1].info.verdict, "fail");
    EXPECT_EQ((*runs)[1].info.findings[0]["code"], "gain");
    EXPECT_EQ((*runs)[0].info.input_hash[31], 7);
    EXPECT_LT((*runs)[0].seq, (*runs)[1].seq);

    auto steps = l->deploy_steps(1);
    ASSERT_TRUE(steps.ok()) << steps.error().message;
    ASSERT_EQ(steps->size(), 1u);
    EXPECT_EQ((*steps)[0].info.nonce, 3u);
    EXPECT_EQ((*steps)[0].info.raw_tx, (Bytes{0xde, 0xad}));

    auto sent = l->sent_transactions(1);
    ASSERT_TRUE(sent.ok()) << sent.error().message;
    ASSERT_EQ(sent->size(), 1u);
    EXPECT_EQ((*sent)[0].info.block_number, 12u);
    auto sent2 = l->sent_transactions(2);
    ASSERT_TRUE(sent2.ok());
    ASSERT_EQ(sent2->size(), 1u);
    EXPECT_FALSE((*sent2)[0].info.block_number.has_value());
    EXPECT_EQ((*sent2)[0].info.status, "dropped");

    auto digests = l->patch_digests(2);
    ASSERT_TRUE(digests.ok()) << digests.error().message;
    ASSERT_EQ(digests->size(), 2u);
    EXPECT_EQ((*digests)[1].inputs.route, "beacon");
    auto none = l->patch_digests(1);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST_F(LedgerQueries, UnreadableRowIsNamed) {
    fill();
    {
        auto db = Database::open(file("l.db"), Database::Mode::read_write_create, 1000);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(db->exec("UPDATE deploy_steps SET raw_tx = 'zz' WHERE id = 2").ok());
        ASSERT_TRUE(db->exec("UPDATE gate_runs SET input_hash = '0x12' WHERE id = 1").ok());
    }
    auto l = Ledger::open(file("l.db"), Access::read);
    ASSERT_TRUE(l.ok());
    auto steps = l->deploy_steps(2);
    ASSERT_FALSE(steps.ok());
    EXPECT_NE(steps.error().message.find("deploy_steps row 2 raw_tx"), std::string::npos) << steps.error().message;
    auto runs = l->gate_runs(1);
    ASSERT_FALSE(runs.ok());
    EXPECT_NE(runs.error().message.find("gate_runs row 1 input_hash"), std::string::npos) << runs.error().message;
    EXPECT_TRUE(l->deploy_steps(1).ok());
}

// What `suture status` reads: the latest run of each (patch, gate) and the
// latest digest of each patch, of all patches or of one.
TEST_F(LedgerQueries, ReadsOnlyTheLatestRunsAndDigests) {
    fill();
    {
        auto l = Ledger::open(file("l.db"), Access::write);
        ASSERT_TRUE(l.ok());
        ASSERT_TRUE(l->record_gate_run({1, "exploit", Bytes32{}, "pass", json::array()}).ok());  // run 4: exploit again
    }
    auto l = Ledger::open(file("l.db"), Access::read);
    ASSERT_TRUE(l.ok());
    auto all = l->latest_gate_runs();
    ASSERT_TRUE(all.ok()) << all.error().message;
    ASSERT_EQ(all->size(), 3u);  // (1, check), (2, check), (1, exploit) as of run 4
    EXPECT_EQ((*all)[0].id, 1);
    EXPECT_EQ((*all)[1].id, 2);
    EXPECT_EQ((*all)[2].id, 4);
    EXPECT_EQ((*all)[2].info.verdict, "pass");
    auto one = l->latest_gate_runs(1);
    ASSERT_TRUE(one.ok());
    ASSERT_EQ(one->size(), 2u);
    EXPECT_EQ((*one)[1].id, 4);

    auto digests = l->latest_patch_digests();
    ASSERT_TRUE(digests.ok()) << digests.error().message;
    ASSERT_EQ(digests->size(), 1u);
    auto whole = l->patch_digests(2);  // the latest of the whole records
    ASSERT_TRUE(whole.ok() && whole->size() == 2u);
    EXPECT_EQ((*digests)[0].digest, (*whole)[1].digest);
    EXPECT_EQ((*digests)[0].patch_id, 2);
    auto none = l->latest_patch_digests(1);
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

// FindingFilter::errors (what `suture status` reads): only the findings of
// severity "error" come back, suppressed or not, each as recorded (an entry
// that is not an object is no finding); findings that are not JSON are still named.
TEST_F(LedgerQueries, ErrorFindingsOnlyAreSelectedInSql) {
    const json error{{"code", "layout"}, {"severity", "error"}, {"suppressed", false}, {"line", 3}};
    const json allowed{{"code", "init"}, {"severity", "error"}, {"suppressed", true}, {"suppressed_by", "allowed by policy"}};
    {
        auto l = Ledger::open(file("f.db"), Access::write);
        ASSERT_TRUE(l.ok());
        auto p = l->add_patch({std::nullopt, "one", "a.toml"});
        ASSERT_TRUE(p.ok());
        json findings = json::array({{{"code", "a"}, {"severity", "warning"}}, error, {{"code", "b"}, {"severity", "info"}},
                                     allowed, "not a finding"});
        ASSERT_TRUE(l->record_gate_run({*p, "check", Bytes32{}, "fail", findings}).ok());
        ASSERT_TRUE(l->record_gate_run({*p, "exploit", Bytes32{}, "pass", json::array({{{"code", "c"}}})}).ok());
    }
    auto l = Ledger::open(file("f.db"), Access::read);
    ASSERT_TRUE(l.ok());
    auto all = l->latest_gate_runs(1, FindingFilter::all);
    ASSERT_TRUE(all.ok()) << all.error().message;
    ASSERT_EQ(all->size(), 2u);
    EXPECT_EQ((*all)[0].info.findings.size(), 5u);
    auto errors = l->latest_gate_runs(1, FindingFilter::errors);
    ASSERT_TRUE(errors.ok()) << errors.error().message;
    ASSERT_EQ(errors->size(), 2u);
    EXPECT_EQ((*errors)[0].info.findings, json::array({error, allowed}));
    EXPECT_EQ((*errors)[0].info.verdict, "fail");
    EXPECT_EQ((*errors)[1].info.findings, json::array());
    auto db = Database::open(file("f.db"), Database::Mode::read_write_create, 1000);
    ASSERT_TRUE(db.ok());
    ASSERT_TRUE(db->exec("UPDATE gate_runs SET findings = '{\"code\": 1}' WHERE id = 2").ok());
    auto object = l->latest_gate_runs(1, FindingFilter::errors);
    ASSERT_FALSE(object.ok());
    EXPECT_EQ(object.error().message, "gate_runs row 2: findings is not a JSON array");
    ASSERT_TRUE(db->exec("UPDATE gate_runs SET findings = '[{' WHERE id = 1").ok());
    auto bad = l->latest_gate_runs(1, FindingFilter::errors);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().message, "gate_runs row 1: findings is not JSON");
}

// A cell edited into another type (text where an integer belongs, JSON that is not JSON).
TEST_F(LedgerQueries, ACellOfTheWrongTypeIsNamed) {
    fill();
    {
        auto db = Database::open(file("l.db"), Database::Mode::read_write_create, 1000);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(db->exec("UPDATE deploy_steps SET nonce = 'three' WHERE id = 1").ok());
        ASSERT_TRUE(db->exec("UPDATE gate_runs SET findings = '[{' WHERE id = 2").ok());
        ASSERT_TRUE(db->exec("UPDATE sent_transactions SET block_number = 'twelve' WHERE id = 1").ok());
    }
    auto l = Ledger::open(file("l.db"), Access::read);
    ASSERT_TRUE(l.ok());
    auto steps = l->deploy_steps(1);
    ASSERT_FALSE(steps.ok());
    EXPECT_EQ(steps.error().message, "deploy_steps row 1: nonce is not an integer");
    auto runs = l->latest_gate_runs(2);
    ASSERT_FALSE(runs.ok());
    EXPECT_EQ(runs.error().message, "gate_runs row 2: findings is not JSON");
    auto sent = l->sent_transactions(1);
    ASSERT_FALSE(sent.ok());
    EXPECT_EQ(sent.error().message, "sent_transactions row 1: block_number is not an integer");
    EXPECT_TRUE(l->sent_transactions(2).ok());
}

}  // namespace
}  // namespace suture::ledger
