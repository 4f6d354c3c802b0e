// The Ledger's private state and the helpers its .cpp files share (not for
// other layers: use ledger.hpp).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ledger/ledger.hpp"
#include "ledger/ledger_tables.hpp"
#include "ledger/sqlite_db.hpp"
#include "ledger/writer_lock.hpp"

namespace suture::ledger {

struct Ledger::Impl {
    Database db;
    std::optional<WriterLock> lock;  // held when opened for writing
    Access access = Access::read;
    int depth = 0;                   // transaction() nesting
    AuditHead head;                  // valid inside a transaction
    std::optional<Statement> insert_event, update_head;

    Impl(Database d) : db(std::move(d)) {}

    Status require_write() const;
    // Appends one event inside the current transaction; returns its seq.
    Result<int64_t> append_event(std::string_view kind, const nlohmann::json& data);
    // Inserts a row of `t` (values from `row`, by column name) and its audit
    // event (data = row + id) inside one transaction; returns the row id.
    Result<int64_t> insert_mirrored(Ledger& l, const MirroredTable& t, const nlohmann::json& row);
    // Rows of `t` (objects with "id", every column, "seq" and "time"),
    // optionally filtered by `where` (SQL over the table's columns, with ?1 bound to `arg`).
    Result<std::vector<nlohmann::json>> rows(const MirroredTable& t, const std::string& where = {},
                                             std::optional<std::string> arg = std::nullopt);
};

// A row of `t` as the object its audit event carries ({"id": ..., columns}).
// `st` is positioned on a row of "SELECT id, audit_seq, <columns>".
Result<nlohmann::json> row_object(const MirroredTable& t, const Statement& st);

// Typed records of rows() objects (ledger_records.cpp). A stored digest that
// is not the hash of its stored inputs is an error.
Patch patch_of(const nlohmann::json& row);
Result<PatchDigestRecord> patch_digest_of(const nlohmann::json& row);

// "SELECT id, audit_seq, c1, c2, ... FROM table".
std::string select_columns(const MirroredTable& t);

}  // namespace suture::ledger
