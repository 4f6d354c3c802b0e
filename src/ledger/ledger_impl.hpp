// The Ledger's private state and the helpers its .cpp files share (not for
// other layers: use ledger.hpp).
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "ledger/ledger.hpp"
#include "ledger/ledger_tables.hpp"
#include "ledger/row_view.hpp"
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
    // Calls `fn` on each row of `t` in id order, optionally filtered by
    // `where` (SQL over the table's columns as r.<column>, with ?1 bound to
    // `arg`); stops at the first error. `source` replaces select_columns(t)
    // (the same columns, some computed).
    Status each_row(const MirroredTable& t, const std::function<Status(const RowView&)>& fn,
                    const std::string& where = {}, std::optional<std::string> arg = std::nullopt,
                    const std::string& source = {});
};

// A row of `t` as the object its audit event carries ({"id": ..., columns}).
// `st` is positioned on a row of select_columns(t).
Result<nlohmann::json> row_object(const MirroredTable& t, const Statement& st);

// The typed records of the rows each_row() visits, parsed by `parse` (RowView -> Result<Record>).
template <typename Record, typename Parse>
Result<std::vector<Record>> read_rows(Ledger::Impl& d, const MirroredTable& t, Parse parse, const std::string& where = {},
                                      std::optional<std::string> arg = std::nullopt, const std::string& source = {}) {
    std::vector<Record> out;
    SUTURE_CHECK(d.each_row(
        t,
        [&](const RowView& row) -> Status {
            SUTURE_TRY(rec, parse(row));
            out.push_back(std::move(rec));
            return {};
        },
        where, std::move(arg), source));
    return out;
}

// Typed records of rows (ledger_records.cpp). A stored digest that is not
// the hash of its stored inputs is an error.
Result<Patch> patch_of(const RowView& row);
Result<PatchDigestRecord> patch_digest_of(const RowView& row);

}  // namespace suture::ledger
