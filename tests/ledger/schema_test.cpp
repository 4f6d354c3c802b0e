// Schema migrations: applied in order, once, each atomically; a newer ledger is refused.
#include <gtest/gtest.h>

#include "ledger/ledger.hpp"
#include "ledger/schema.hpp"
#include "temp_dir.hpp"

namespace suture::ledger {
namespace {

using test::TempDirTest;
class Schema : public TempDirTest {};

Status make_a(Database& db) { return db.exec("CREATE TABLE a (x INTEGER)"); }
Status make_b(Database& db) { return db.exec("CREATE TABLE b (y INTEGER)"); }
Status add_a_column(Database& db) { return db.exec("ALTER TABLE a ADD COLUMN z TEXT"); }
Status broken(Database& db) {
    // The first statement succeeds: the rollback must undo it.
    SUTURE_CHECK(db.exec("CREATE TABLE c (w INTEGER)"));
    return db.exec("CREATE TABLE a (x INTEGER)");  // already exists
}

bool has_table(Database& db, const char* name) {
    auto q = db.prepare(std::string("SELECT 1 FROM sqlite_master WHERE name = '") + name + "'");
    if (!q.ok()) return false;
    auto row = q->step();
    return row.ok() && *row;
}

TEST_F(Schema, AppliesInOrderAndOnlyOnce) {
    auto db = Database::open(file("m.db"), Database::Mode::read_write_create, 100);
    ASSERT_TRUE(db.ok());
    const Migration v2[] = {{1, "a", make_a}, {2, "b", make_b}};
    auto v = migrate(*db, v2);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(*v, 2);
    // Again: nothing to apply (make_a would fail if it ran twice).
    v = migrate(*db, v2);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(*v, 2);
    // A later build adds migration 3: only it runs.
    const Migration v3[] = {{1, "a", make_a}, {2, "b", make_b}, {3, "a.z", add_a_column}};
    v = migrate(*db, v3);
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(*v, 3);
    auto rows = db->prepare("SELECT version, description FROM schema_version ORDER BY version");
    ASSERT_TRUE(rows.ok());
    std::vector<std::string> got;
    while (*rows->step()) got.push_back(std::to_string(rows->int64(0)) + ":" + rows->text(1));
    EXPECT_EQ(got, (std::vector<std::string>{"1:a", "2:b", "3:a.z"}));
}

TEST_F(Schema, FailedMigrationIsRolledBackAndNamed) {
    auto db = Database::open(file("m.db"), Database::Mode::read_write_create, 100);
    ASSERT_TRUE(db.ok());
    const Migration list[] = {{1, "a", make_a}, {2, "broken step", broken}};
    auto v = migrate(*db, list);
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message.find("migration 2 (broken step)"), std::string::npos) << v.error().message;
    auto version = schema_version(*db);
    ASSERT_TRUE(version.ok());
    EXPECT_EQ(*version, 1);
    EXPECT_FALSE(has_table(*db, "c"));
}

TEST_F(Schema, NewerLedgerIsRefused) {
    auto db = Database::open(file("m.db"), Database::Mode::read_write_create, 100);
    ASSERT_TRUE(db.ok());
    const Migration list[] = {{1, "a", make_a}, {2, "b", make_b}};
    ASSERT_TRUE(migrate(*db, list).ok());
    auto v = migrate(*db, std::span<const Migration>(list, 1));
    ASSERT_FALSE(v.ok());
    EXPECT_NE(v.error().message.find("schema version 2 is newer than this suture knows (1)"), std::string::npos)
        << v.error().message;
}

TEST_F(Schema, LedgerOpensAtTheLatestVersion) {
    {
        auto l = Ledger::open(file("l.db"), Access::write);
        ASSERT_TRUE(l.ok()) << l.error().message;
    }
    auto db = Database::open(file("l.db"), Database::Mode::read_only, 100);
    ASSERT_TRUE(db.ok());
    auto v = schema_version(*db);
    ASSERT_TRUE(v.ok());
    EXPECT_EQ(*v, ledger_migrations().back().version);
    for (const char* t : {"audit_log", "incidents", "patches", "patch_digests", "gate_runs", "approvals",
                          "deploy_steps", "sent_transactions"})
        EXPECT_TRUE(has_table(*db, t)) << t;
    auto mode = db->prepare("PRAGMA journal_mode");
    ASSERT_TRUE(mode.ok());
    ASSERT_TRUE(*mode->step());
    EXPECT_EQ(mode->text(0), "wal");
}

TEST_F(Schema, ReadingAMissingLedgerSaysHowToCreateIt) {
    auto l = Ledger::open(file("none.db"), Access::read);
    ASSERT_FALSE(l.ok());
    EXPECT_NE(l.error().message.find("does not exist"), std::string::npos) << l.error().message;
}

}  // namespace
}  // namespace suture::ledger
