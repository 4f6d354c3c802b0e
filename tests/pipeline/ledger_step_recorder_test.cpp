// Deploy steps reach the ledger before sending and their receipts after, under
// stable ids (route/kind/n) after the deployment's plan record; a receipt for
// an unrecorded transaction is refused; a deployment read back offers its
// recorded steps to the route again, in the same order, and records what the
// chain said of them; the ledger still verifies.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "chain/transaction.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "pipeline/deployment_record.hpp"
#include "pipeline/ledger_step_recorder.hpp"

namespace suture::pipeline {
namespace {

namespace fs = std::filesystem;

chain::SignedTransaction signed_tx(uint64_t nonce, uint8_t tag) {
    chain::SignedTransaction tx;
    tx.tx.nonce = nonce;
    tx.raw = {0x02, tag};
    tx.hash = keccak256(tx.raw);
    return tx;
}

deploy::TxRequest request(const std::string& step, const std::string& kind) {
    deploy::TxRequest r;
    r.step = step;
    r.kind = kind;
    return r;
}

deploy::SentTx mined(const chain::SignedTransaction& tx, uint64_t block) {
    deploy::SentTx sent;
    sent.hash = tx.hash;
    sent.nonce = tx.tx.nonce;
    sent.receipt.block_number = block;
    sent.receipt.status = true;
    return sent;
}

class LedgerStepRecorderTest : public ::testing::Test {
protected:
    void SetUp() override {
        dir = fs::temp_directory_path() / ("suture-steps-" + std::to_string(getpid()));
        fs::remove_all(dir);
        fs::create_directories(dir);
        auto l = ledger::Ledger::open((dir / "l.db").string(), ledger::Access::write);
        ASSERT_TRUE(l.ok()) << l.error().message;
        ledger_.emplace(std::move(*l));
        auto p = ledger_->add_patch({std::nullopt, "p", "suture.toml"});
        ASSERT_TRUE(p.ok());
        patch = *p;
    }
    void TearDown() override {
        ledger_.reset();
        fs::remove_all(dir);
    }
    fs::path dir;
    std::optional<ledger::Ledger> ledger_;
    int64_t patch = 0;
    const Address proxy = *parse_address("0x00000000000000000000000000000000000000aa");
    const Address v1 = *parse_address("0x00000000000000000000000000000000000000bb");
};

TEST_F(LedgerStepRecorderTest, RecordsThePlanThenStepsThenReceipts) {
    LedgerStepRecorder rec(*ledger_, patch, "timelock", {{"route", "timelock"}, {"rpc", "http://node"}});
    auto tx = signed_tx(4, 0xaa);
    // No step before the deployment's plan is recorded.
    EXPECT_FALSE(rec.before_send(request("deploy implementation", "implementation"), tx).ok());
    ASSERT_TRUE(rec.starting({"timelock", proxy, v1, "proxy-admin v5"}).ok());
    EXPECT_GT(rec.deployment(), 0);
    auto none = rec.recorded(request("deploy implementation", "implementation"));
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());  // a new deployment has nothing recorded
    ASSERT_TRUE(rec.before_send(request("deploy implementation", "implementation"), tx).ok());
    auto sent = mined(tx, 77);
    ASSERT_TRUE(rec.after_receipt(sent).ok());
    sent.hash[0] ^= 1;
    EXPECT_FALSE(rec.after_receipt(sent).ok());

    auto log = ledger_->log();
    ASSERT_TRUE(log.ok());
    ASSERT_EQ(log->size(), 4u);  // patch, plan, step, receipt
    EXPECT_EQ((*log)[1].kind, kDeployPlanEvent);
    EXPECT_EQ((*log)[1].data["implementation_before"], to_checksum(v1));
    EXPECT_EQ((*log)[1].data["args"]["rpc"], "http://node");
    EXPECT_EQ((*log)[2].kind, "deploy_step");
    EXPECT_EQ((*log)[2].data["step_id"], "timelock/implementation/0");
    EXPECT_EQ((*log)[2].data["nonce"], 4);
    EXPECT_EQ((*log)[2].data["raw_tx"], "0x02aa");
    EXPECT_EQ((*log)[3].kind, "sent_transaction");
    EXPECT_EQ((*log)[3].data["block_number"], 77);
    EXPECT_EQ((*log)[3].data["status"], "mined");
    auto v = ledger_->verify();
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->intact());
}

TEST_F(LedgerStepRecorderTest, AResumedDeploymentOffersItsStepsInOrder) {
    auto impl = signed_tx(4, 0x01), schedule = signed_tx(5, 0x02), rollback = signed_tx(7, 0x03);
    {
        LedgerStepRecorder rec(*ledger_, patch, "timelock");
        ASSERT_TRUE(rec.starting({"timelock", proxy, v1, "proxy-admin v5"}).ok());
        ASSERT_TRUE(rec.recorded(request("impl", "implementation")).ok());
        ASSERT_TRUE(rec.before_send(request("impl", "implementation"), impl).ok());
        ASSERT_TRUE(rec.after_receipt(mined(impl, 10)).ok());
        ASSERT_TRUE(rec.recorded(request("schedule", "schedule")).ok());
        ASSERT_TRUE(rec.before_send(request("schedule", "schedule"), schedule).ok());  // then the crash
    }
    auto found = latest_deployment(*ledger_, patch);
    ASSERT_TRUE(found.ok()) << found.error().message;
    ASSERT_TRUE(found->has_value());
    const auto& d = **found;
    EXPECT_EQ(d.plan.route, "timelock");
    EXPECT_EQ(d.plan.implementation_before, v1);
    ASSERT_EQ(d.steps.size(), 2u);
    ASSERT_EQ(d.outcomes.size(), 1u);
    auto other = latest_deployment(*ledger_, patch + 1);
    ASSERT_TRUE(other.ok());
    EXPECT_FALSE(other->has_value());

    LedgerStepRecorder again(*ledger_, d);
    auto i = again.recorded(request("impl", "implementation"));
    ASSERT_TRUE(i.ok() && i->has_value());
    EXPECT_EQ((*i)->id, "timelock/implementation/0");
    EXPECT_EQ((*i)->raw_tx, impl.raw);
    // Confirmed again at the same block: no second outcome row.
    ASSERT_TRUE(again.after_receipt(mined(impl, 10)).ok());
    auto s = again.recorded(request("schedule", "schedule"));
    ASSERT_TRUE(s.ok() && s->has_value());
    EXPECT_EQ((*s)->nonce, 5u);
    ASSERT_TRUE(again.recorded_state(**s, deploy::RecordedTxState::dropped).ok());
    ASSERT_TRUE(again.after_receipt(mined(schedule, 12)).ok());
    // A later step of a kind already seen gets the next number (a rollback's schedule).
    auto r = again.recorded(request("rollback schedule", "schedule"));
    ASSERT_TRUE(r.ok());
    EXPECT_FALSE(r->has_value());
    ASSERT_TRUE(again.before_send(request("rollback schedule", "schedule"), rollback).ok());

    ASSERT_EQ(again.settlements().size(), 2u);
    EXPECT_EQ(again.settlements()[0].state, "already mined");
    EXPECT_EQ(again.settlements()[1].state, "dropped, sent again, mined");
    auto steps = ledger_->deploy_steps(patch);
    ASSERT_TRUE(steps.ok());
    ASSERT_EQ(steps->size(), 3u);
    EXPECT_EQ(steps->back().info.step_id, "timelock/schedule/1");
    auto outcomes = ledger_->sent_transactions(patch);
    ASSERT_TRUE(outcomes.ok());
    ASSERT_EQ(outcomes->size(), 3u);  // impl mined; schedule dropped, then mined
    EXPECT_EQ((*outcomes)[1].info.status, "dropped");
    EXPECT_EQ((*outcomes)[2].info.status, "mined");
    auto v = ledger_->verify();
    ASSERT_TRUE(v.ok());
    EXPECT_TRUE(v->intact());
}

TEST_F(LedgerStepRecorderTest, AStepSkippedBecauseItIsDoneKeepsItsPlace) {
    auto schedule = signed_tx(5, 0x02);
    {
        LedgerStepRecorder rec(*ledger_, patch, "timelock");
        ASSERT_TRUE(rec.starting({"timelock", proxy, v1, "m"}).ok());
        ASSERT_TRUE(rec.recorded(request("schedule", "schedule")).ok());
        ASSERT_TRUE(rec.before_send(request("schedule", "schedule"), schedule).ok());
    }
    auto found = latest_deployment(*ledger_, std::nullopt);
    ASSERT_TRUE(found.ok() && found->has_value());
    LedgerStepRecorder again(*ledger_, **found);
    again.skipped("schedule");  // the chain shows the operation scheduled
    auto next = again.recorded(request("rollback schedule", "schedule"));
    ASSERT_TRUE(next.ok());
    EXPECT_FALSE(next->has_value());  // schedule/1, not the recorded schedule/0
    ASSERT_EQ(again.settlements().size(), 1u);
    EXPECT_EQ(again.settlements()[0].step_id, "timelock/schedule/0");
}

TEST_F(LedgerStepRecorderTest, ADeploymentIsInterruptedUntilARunFinishesIt) {
    auto none = interrupted_deployment(*ledger_, proxy);
    ASSERT_TRUE(none.ok());
    EXPECT_FALSE(none->has_value());
    LedgerStepRecorder rec(*ledger_, 0, "safe");  // no patch given: one is added when it starts
    ASSERT_TRUE(rec.starting({"safe", proxy, v1, "uups"}).ok());
    auto patches = ledger_->patches();
    ASSERT_TRUE(patches.ok());
    ASSERT_EQ(patches->size(), 2u);
    EXPECT_NE(patches->back().info.name.find("through route safe"), std::string::npos);
    auto open = interrupted_deployment(*ledger_, proxy);
    ASSERT_TRUE(open.ok() && open->has_value());
    EXPECT_EQ((*open)->seq, rec.deployment());
    EXPECT_EQ((*open)->plan.patch_id, patches->back().id);
    auto other = interrupted_deployment(*ledger_, v1);
    ASSERT_TRUE(other.ok());
    EXPECT_FALSE(other->has_value());  // another proxy
    ASSERT_TRUE(record_deployment_finished(*ledger_, rec.deployment(), "verified").ok());
    auto closed = interrupted_deployment(*ledger_, proxy);
    ASSERT_TRUE(closed.ok());
    EXPECT_FALSE(closed->has_value());
    auto latest = latest_deployment(*ledger_, std::nullopt);
    ASSERT_TRUE(latest.ok() && latest->has_value());
    EXPECT_EQ((*latest)->finished, "verified");
}

TEST(DeploymentPlan, ABadRecordNamesItsField) {
    auto bad = deployment_plan_of({{"patch_id", 1}, {"route", "safe"}, {"proxy", "0x12"}}, 9);
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("record 9"), std::string::npos) << bad.error().message;
    EXPECT_NE(bad.error().message.find("proxy"), std::string::npos) << bad.error().message;
    DeploymentPlan p{3, "safe", *parse_address("0x00000000000000000000000000000000000000aa"), std::nullopt, "uups",
                     {{"a", 1}}};
    auto back = deployment_plan_of(deployment_plan_json(p), 1);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(back->patch_id, 3);
    EXPECT_EQ(back->proxy, p.proxy);
    EXPECT_FALSE(back->implementation_before);
    EXPECT_EQ(back->args, p.args);
}

}  // namespace
}  // namespace suture::pipeline
