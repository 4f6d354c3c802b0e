// The ledger edited behind Suture's back with plain SQL (as the sqlite3
// shell would: foreign keys off): verify() names the first bad record and
// what was done to it.
#include <gtest/gtest.h>

#include "chain/keys.hpp"
#include "ledger/ledger.hpp"
#include "ledger/sqlite_db.hpp"
#include "temp_dir.hpp"

namespace suture::ledger {
namespace {

using nlohmann::json;

// Records: 1 note, 2 incident, 3 note, 4 patch, 5 approval, 6 note, 7 note, 8 note.
class Tamper : public test::TempDirTest {
protected:
    void SetUp() override {
        TempDirTest::SetUp();
        auto key = chain::SecretKey::from_hex("0x8da4ef21b864d2cc526dbdb2a120bd2874c36c9d0a1fb7f8c63d7f7a8b41de8f");
        ASSERT_TRUE(key.ok());
        auto l = Ledger::open(file("l.db"), Access::write);
        ASSERT_TRUE(l.ok());
        ASSERT_TRUE(l->append("note", json{{"n", 1}}).ok());
        ASSERT_TRUE(l->open_incident({"drain", "high", ""}).ok());
        ASSERT_TRUE(l->append("note", json{{"n", 3}}).ok());
        ASSERT_TRUE(l->add_patch({1, "p", "suture.toml"}).ok());
        ASSERT_TRUE(l->record_approval(sign_approval(*key, Bytes32{}), 1).ok());
        for (int n = 6; n <= 8; ++n) ASSERT_TRUE(l->append("note", json{{"n", n}}).ok());
        auto r = l->verify();
        ASSERT_TRUE(r.ok());
        ASSERT_TRUE(r->intact());
    }

    void sql(const std::string& statements) {
        auto db = Database::open(file("l.db"), Database::Mode::read_write_create, 100);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(db->exec("PRAGMA foreign_keys = OFF").ok());
        auto s = db->exec(statements);
        ASSERT_TRUE(s.ok()) << s.error().message;
    }

    TamperFinding first_problem() {
        auto l = Ledger::open(file("l.db"), Access::read);
        EXPECT_TRUE(l.ok());
        if (!l.ok()) return {};
        auto r = l->verify();
        EXPECT_TRUE(r.ok());
        if (!r.ok() || r->intact()) {
            ADD_FAILURE() << "tampering not detected";
            return {};
        }
        return r->problems.front();
    }
};

// Renumbering goes one row at a time (the primary key is checked per row).
std::string shift(int from, int to, int by) {
    std::string s;
    if (by > 0)
        for (int k = to; k >= from; --k)
            s += "UPDATE audit_log SET seq = " + std::to_string(k + by) + " WHERE seq = " + std::to_string(k) + ";";
    else
        for (int k = from; k <= to; ++k)
            s += "UPDATE audit_log SET seq = " + std::to_string(k + by) + " WHERE seq = " + std::to_string(k) + ";";
    return s;
}

struct Case {
    const char* name;
    std::string sql;
    int64_t seq;
    TamperKind kind;
    const char* says;
};

TEST_F(Tamper, EachEditIsNamed) {
    const Case cases[] = {
        {"edit a record's text", "UPDATE audit_log SET event = replace(event, '\"n\":3', '\"n\":4') WHERE seq = 3", 3,
         TamperKind::edited, "record 3 (note): edited"},
        {"edit a record's hash", "UPDATE audit_log SET hash = zeroblob(32) WHERE seq = 6", 6, TamperKind::edited,
         "record 6 (note): edited"},
        {"delete a record", "DELETE FROM audit_log WHERE seq = 3", 3, TamperKind::deleted, "record 3: missing"},
        {"delete the last record", "DELETE FROM audit_log WHERE seq = 8", 8, TamperKind::deleted,
         "record 8: missing at the end"},
        {"delete and renumber", "DELETE FROM audit_log WHERE seq = 3;" + shift(4, 8, -1), 3, TamperKind::deleted,
         "record 3: missing"},
        {"insert at the end",
         "INSERT INTO audit_log SELECT 9, replace(event, '\"seq\":8', '\"seq\":9'), hash, hash FROM audit_log "
         "WHERE seq = 8",
         9, TamperKind::inserted, "record 9: inserted after the ledger's head"},
        {"insert in the middle",
         shift(6, 8, 1) + "INSERT INTO audit_log SELECT 6, event, prev_hash, hash FROM audit_log WHERE seq = 7", 6,
         TamperKind::inserted, "record 6: 1 record(s) inserted at 6"},
        {"reorder two records",
         "UPDATE audit_log SET seq = -1 WHERE seq = 6; UPDATE audit_log SET seq = 6 WHERE seq = 8;"
         "UPDATE audit_log SET seq = 8 WHERE seq = -1",
         6, TamperKind::reordered, "record 6: out of order (position 6 holds record 8"},
        {"edit a mirrored row", "UPDATE incidents SET severity = 'low' WHERE id = 1", 2, TamperKind::edited,
         "incidents row 1 (record 2): edited: column severity is \"low\" in the table but \"high\""},
        {"delete a mirrored row", "DELETE FROM approvals WHERE id = 1", 5, TamperKind::deleted,
         "record 5 (approval): its approvals row 1 is missing"},
        {"insert a mirrored row",
         "INSERT INTO approvals (id, audit_seq, patch_id, digest, reviewer, signature) "
         "SELECT 2, 7, patch_id, digest, reviewer, signature FROM approvals WHERE id = 1",
         7, TamperKind::inserted, "approvals row 2: not in the audit log (inserted"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        TearDown();
        SetUp();
        sql(c.sql);
        TamperFinding f = first_problem();
        EXPECT_EQ(f.seq, c.seq) << f.message;
        EXPECT_EQ(f.kind, c.kind) << f.message;
        EXPECT_NE(f.message.find(c.says), std::string::npos) << f.message;
    }
}

}  // namespace
}  // namespace suture::ledger
