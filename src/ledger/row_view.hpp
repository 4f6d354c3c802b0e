// One row of a mirrored table read straight from its SQLite statement into a
// typed record (ledger_records.cpp, ledger_queries.cpp): no JSON object per
// row; only json columns are parsed.
//
// The statement is "SELECT id, audit_seq, <the table's columns>, event" (the
// event text of the row's audit record, for its time). A cell that does not
// hold its column's type (an edit through plain SQL) is an error naming the
// table, the row and the column: "gate_runs row 3: verdict is not text".
// A RowView is valid until the statement steps on.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "ledger/ledger_tables.hpp"
#include "ledger/sqlite_db.hpp"

namespace suture::ledger {

class RowView {
public:
    RowView(const MirroredTable& t, const Statement& st) : t_(t), st_(st) {}

    int64_t id() const { return st_.int64(0); }
    int64_t seq() const { return st_.int64(1); }
    int64_t time() const;        // of its audit record; 0 when the record has none
    std::string where() const;  // "gate_runs row 3"

    bool is_null(const char* column) const { return st_.is_null(index(column)); }
    Result<int64_t> integer(const char* column) const;
    Result<std::optional<int64_t>> optional_integer(const char* column) const;  // NULL: nullopt
    Result<std::string> text(const char* column) const;
    Result<Bytes32> hash(const char* column) const;   // 0x + 64 hex digits
    Result<Bytes> bytes(const char* column) const;    // 0x-hex
    Result<nlohmann::json> json(const char* column) const;

    // id, seq and time, which every record of a mirrored row carries.
    template <typename Record>
    void header(Record& r) const {
        r.id = id(), r.seq = seq(), r.time = time();
    }

private:
    int index(const char* column) const;  // the statement column holding `column`
    const MirroredTable& t_;
    const Statement& st_;
};

// "SELECT id, audit_seq, c1, c2, ... FROM table"; with `column` and `expr`,
// that column is read as "expr AS column" (a query that filters a json
// column in SQL, such as the error findings of a gate run).
std::string select_columns(const MirroredTable& t, std::string_view column = {}, std::string_view expr = {});

}  // namespace suture::ledger
