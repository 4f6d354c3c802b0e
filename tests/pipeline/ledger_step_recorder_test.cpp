// Deploy steps reach the ledger before sending and their receipts after; the
// ledger still verifies; a receipt for an unrecorded transaction is refused.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "chain/transaction.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "pipeline/ledger_step_recorder.hpp"

namespace suture::pipeline {
namespace {

namespace fs = std::filesystem;

TEST(LedgerStepRecorder, RecordsStepsThenReceipts) {
    const fs::path dir = fs::temp_directory_path() / ("suture-steps-" + std::to_string(getpid()));
    fs::remove_all(dir);
    fs::create_directories(dir);
    {
        auto l = ledger::Ledger::open((dir / "l.db").string(), ledger::Access::write);
        ASSERT_TRUE(l.ok()) << l.error().message;
        auto patch = l->add_patch({std::nullopt, "p", "suture.toml"});
        ASSERT_TRUE(patch.ok());
        LedgerStepRecorder rec(*l, *patch, "timelock");
        chain::SignedTransaction tx;
        tx.tx.nonce = 4;
        tx.raw = {0x02, 0xaa};
        tx.hash = keccak256(tx.raw);
        EXPECT_EQ(rec.next_step_id(), "timelock/0");
        ASSERT_TRUE(rec.before_send({"schedule upgrade", {}, std::nullopt, {}, {}}, tx).ok());
        EXPECT_EQ(rec.next_step_id(), "timelock/1");
        deploy::SentTx sent;
        sent.hash = tx.hash;
        sent.nonce = 4;
        sent.receipt.block_number = 77;
        sent.receipt.status = true;
        ASSERT_TRUE(rec.after_receipt(sent).ok());
        sent.hash[0] ^= 1;
        EXPECT_FALSE(rec.after_receipt(sent).ok());

        auto log = l->log();
        ASSERT_TRUE(log.ok());
        ASSERT_EQ(log->size(), 3u);
        EXPECT_EQ((*log)[1].kind, "deploy_step");
        EXPECT_EQ((*log)[1].data["step_id"], "timelock/0");
        EXPECT_EQ((*log)[1].data["nonce"], 4);
        EXPECT_EQ((*log)[1].data["raw_tx"], "0x02aa");
        EXPECT_EQ((*log)[2].kind, "sent_transaction");
        EXPECT_EQ((*log)[2].data["block_number"], 77);
        EXPECT_EQ((*log)[2].data["status"], "mined");
        auto v = l->verify();
        ASSERT_TRUE(v.ok());
        EXPECT_TRUE(v->intact());
    }
    fs::remove_all(dir);
}

}  // namespace
}  // namespace suture::pipeline
