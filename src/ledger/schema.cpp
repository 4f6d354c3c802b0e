// Ledger schema and migrations (schema.hpp). Table contents are described in
// docs/ledger.md; ledger_tables.cpp lists the columns each event mirrors.
#include "ledger/schema.hpp"

#include <ctime>
#include <string>

namespace suture::ledger {
namespace {

// Version 1: the audit chain and the tables that mirror its events. Every
// mirrored row names its audit record (audit_seq), so verify() can compare
// the two (the reference is checked at commit: the row is inserted first,
// since its id is part of the event). Hashes, addresses and calldata are 0x-hex text, readable with the
// sqlite3 shell; the chain's own hashes are 32-byte blobs.
Status create_v1(Database& db) {
    return db.exec(R"sql(
CREATE TABLE audit_log (
    seq       INTEGER PRIMARY KEY,
    event     TEXT NOT NULL,
    prev_hash BLOB NOT NULL,
    hash      BLOB NOT NULL
);
CREATE TABLE audit_head (
    id   INTEGER PRIMARY KEY CHECK (id = 1),
    seq  INTEGER NOT NULL,
    hash BLOB NOT NULL
);
CREATE TABLE incidents (
    id          INTEGER PRIMARY KEY,
    audit_seq   INTEGER NOT NULL UNIQUE REFERENCES audit_log(seq) DEFERRABLE INITIALLY DEFERRED,
    title       TEXT NOT NULL,
    severity    TEXT NOT NULL,
    description TEXT NOT NULL
);
CREATE TABLE patches (
    id          INTEGER PRIMARY KEY,
    audit_seq   INTEGER NOT NULL UNIQUE REFERENCES audit_log(seq) DEFERRABLE INITIALLY DEFERRED,
    incident_id INTEGER REFERENCES incidents(id),
    name        TEXT NOT NULL,
    manifest    TEXT NOT NULL
);
CREATE TABLE patch_digests (
    id        INTEGER PRIMARY KEY,
    audit_seq INTEGER NOT NULL UNIQUE REFERENCES audit_log(seq) DEFERRABLE INITIALLY DEFERRED,
    patch_id  INTEGER NOT NULL REFERENCES patches(id),
    digest    TEXT NOT NULL,
    inputs    TEXT NOT NULL
);
CREATE TABLE gate_runs (
    id         INTEGER PRIMARY KEY,
    audit_seq  INTEGER NOT NULL UNIQUE REFERENCES audit_log(seq) DEFERRABLE INITIALLY DEFERRED,
    patch_id   INTEGER NOT NULL REFERENCES patches(id),
    gate       TEXT NOT NULL,
    input_hash TEXT NOT NULL,
    verdict    TEXT NOT NULL,
    findings   TEXT NOT NULL
);
CREATE TABLE approvals (
    id        INTEGER PRIMARY KEY,
    audit_seq INTEGER NOT NULL UNIQUE REFERENCES audit_log(seq) DEFERRABLE INITIALLY DEFERRED,
    patch_id  INTEGER REFERENCES patches(id),
    digest    TEXT NOT NULL,
    reviewer  TEXT NOT NULL,
    signature TEXT NOT NULL
);
CREATE TABLE deploy_steps (
    id          INTEGER PRIMARY KEY,
    audit_seq   INTEGER NOT NULL UNIQUE REFERENCES audit_log(seq) DEFERRABLE INITIALLY DEFERRED,
    patch_id    INTEGER NOT NULL REFERENCES patches(id),
    step_id     TEXT NOT NULL,
    description TEXT NOT NULL,
    nonce       INTEGER NOT NULL,
    raw_tx      TEXT NOT NULL,
    tx_hash     TEXT NOT NULL
);
CREATE TABLE sent_transactions (
    id             INTEGER PRIMARY KEY,
    audit_seq      INTEGER NOT NULL UNIQUE REFERENCES audit_log(seq) DEFERRABLE INITIALLY DEFERRED,
    deploy_step_id INTEGER NOT NULL REFERENCES deploy_steps(id),
    tx_hash        TEXT NOT NULL,
    block_number   INTEGER,
    status         TEXT NOT NULL
);
CREATE INDEX gate_runs_patch ON gate_runs(patch_id);
CREATE INDEX approvals_digest ON approvals(digest);
CREATE INDEX deploy_steps_patch ON deploy_steps(patch_id);
)sql");
}

// Version 2: what `suture status` reads is the latest gate run of each
// (patch, gate) and the latest digest of each patch; these indexes answer
// MAX(id) per group without sorting every row (status on 1,000 patches).
Status create_v2(Database& db) {
    return db.exec(R"sql(
CREATE INDEX gate_runs_latest ON gate_runs(patch_id, gate, id);
CREATE INDEX patch_digests_latest ON patch_digests(patch_id, id);
)sql");
}

constexpr Migration kMigrations[] = {
    {1, "audit chain, incidents, patches, patch digests, gate runs, approvals, deploy steps, sent transactions",
     create_v1},
    {2, "indexes for the latest gate run and digest of each patch", create_v2},
};

}  // namespace

std::span<const Migration> ledger_migrations() { return kMigrations; }

Result<int> schema_version(Database& db) {
    SUTURE_TRY(exists, db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_version'"));
    SUTURE_TRY(has, exists.step());
    if (!has) return 0;
    SUTURE_TRY(q, db.prepare("SELECT COALESCE(MAX(version), 0) FROM schema_version"));
    SUTURE_TRY(row, q.step());
    return row ? static_cast<int>(q.int64(0)) : 0;
}

Result<int> migrate(Database& db, std::span<const Migration> list) {
    SUTURE_CHECK(db.exec("CREATE TABLE IF NOT EXISTS schema_version ("
                         "version INTEGER PRIMARY KEY, description TEXT NOT NULL, applied_at INTEGER NOT NULL)"));
    SUTURE_TRY(current, schema_version(db));
    const int known = list.empty() ? 0 : list.back().version;
    if (current > known)
        return input_error(db.path() + ": ledger schema version " + std::to_string(current) +
                           " is newer than this suture knows (" + std::to_string(known) + "): use a newer suture");
    for (const Migration& m : list) {
        if (m.version <= current) continue;
        SUTURE_CHECK(db.exec("BEGIN IMMEDIATE"));
        Status applied = m.apply(db);
        if (applied.ok()) {
            auto ins = db.prepare("INSERT INTO schema_version (version, description, applied_at) VALUES (?1, ?2, ?3)");
            if (!ins.ok()) applied = std::move(ins).error();
            else applied = ins->bind(1, m.version).bind(2, m.description).bind(3, int64_t(std::time(nullptr))).run();
        }
        if (applied.ok()) applied = db.exec("COMMIT");
        if (!applied.ok()) {
            (void)db.exec("ROLLBACK");
            return std::move(applied).error().context("migration " + std::to_string(m.version) + " (" +
                                                      m.description + ")");
        }
        current = m.version;
    }
    return current;
}

}  // namespace suture::ledger
