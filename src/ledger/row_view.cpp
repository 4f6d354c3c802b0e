// RowView (row_view.hpp).
#include "ledger/row_view.hpp"

#include <cstdlib>
#include <cstring>

#include "core/hex.hpp"
#include "ledger/audit_chain.hpp"
#include "ledger/patch_digest.hpp"

namespace suture::ledger {

std::string select_columns(const MirroredTable& t, std::string_view column, std::string_view expr) {
    std::string sql = "SELECT id, audit_seq";
    for (const auto& c : t.columns) {
        if (!column.empty() && column == c.name) sql += ", " + std::string(expr) + " AS " + c.name;
        else sql += std::string(", ") + c.name;
    }
    return sql + " FROM " + t.table;
}

int RowView::index(const char* column) const {
    for (size_t i = 0; i < t_.columns.size(); ++i)
        if (std::strcmp(t_.columns[i].name, column) == 0) return static_cast<int>(i) + 2;
    // A column name is a literal of this layer's code, never input: a wrong one is a bug here.
    std::abort();
}

int64_t RowView::time() const {
    return event_time(st_.text_view(static_cast<int>(t_.columns.size()) + 2)).value_or(0);
}

std::string RowView::where() const { return std::string(t_.table) + " row " + std::to_string(id()); }

Result<int64_t> RowView::integer(const char* column) const {
    const int c = index(column);
    if (!st_.is_integer(c)) return input_error(where() + ": " + column + " is not an integer");
    return st_.int64(c);
}

Result<std::optional<int64_t>> RowView::optional_integer(const char* column) const {
    if (is_null(column)) return std::optional<int64_t>();
    SUTURE_TRY(v, integer(column));
    return std::optional<int64_t>(v);
}

Result<std::string> RowView::text(const char* column) const {
    const int c = index(column);
    if (st_.is_null(c)) return input_error(where() + ": " + column + " is not text");
    return st_.text(c);
}

Result<Bytes32> RowView::hash(const char* column) const {
    const int c = index(column);
    if (st_.is_null(c)) return input_error(where() + ": " + column + " is not text");
    return parse_bytes32(st_.text_view(c), where() + " " + column);
}

Result<Bytes> RowView::bytes(const char* column) const {
    const int c = index(column);
    if (st_.is_null(c)) return input_error(where() + ": " + column + " is not text");
    auto b = from_hex(st_.text_view(c));
    if (!b.ok()) return std::move(b).error().context(where() + " " + column);
    return std::move(*b);
}

Result<nlohmann::json> RowView::json(const char* column) const {
    const int c = index(column);
    if (!st_.is_null(c)) {
        auto parsed = nlohmann::json::parse(st_.text_view(c), nullptr, false);
        if (!parsed.is_discarded()) return parsed;
    }
    return input_error(where() + ": " + column + " is not JSON");
}

}  // namespace suture::ledger
