// SQLite connection and statements (sqlite_db.hpp).
#include "ledger/sqlite_db.hpp"

#include <sqlite3.h>

#include <utility>

namespace suture::ledger {
namespace {

Error sqlite_error(const std::string& path, std::string_view what, sqlite3* db) {
    std::string msg = path + ": " + std::string(what) + ": " + (db ? sqlite3_errmsg(db) : "out of memory");
    // SQLITE_BUSY after the busy timeout: another connection holds the write
    // lock (the ledger's own writer lock normally prevents reaching here).
    if (db && (sqlite3_errcode(db) & 0xff) == SQLITE_BUSY)
        msg += " (another process is writing to this ledger)";
    return input_error(std::move(msg));
}

}  // namespace

Statement::Statement(Statement&& o) noexcept : stmt_(std::exchange(o.stmt_, nullptr)), path_(o.path_) {}

Statement& Statement::operator=(Statement&& o) noexcept {
    if (this != &o) {
        if (stmt_) sqlite3_finalize(stmt_);
        stmt_ = std::exchange(o.stmt_, nullptr);
        path_ = o.path_;
    }
    return *this;
}

Statement::~Statement() {
    if (stmt_) sqlite3_finalize(stmt_);
}

// Bind errors (SQLITE_RANGE, SQLITE_NOMEM) resurface at step() as the
// statement's error, so the fluent binders need not return a status.
Statement& Statement::bind(int i, int64_t v) {
    sqlite3_bind_int64(stmt_, i, v);
    return *this;
}

Statement& Statement::bind(int i, std::string_view t) {
    sqlite3_bind_text(stmt_, i, t.data(), static_cast<int>(t.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_blob(int i, BytesView b) {
    sqlite3_bind_blob(stmt_, i, b.data(), static_cast<int>(b.size()), SQLITE_TRANSIENT);
    return *this;
}

Statement& Statement::bind_null(int i) {
    sqlite3_bind_null(stmt_, i);
    return *this;
}

Result<bool> Statement::step() {
    int rc = sqlite3_step(stmt_);
    if (rc == SQLITE_ROW) return true;
    if (rc == SQLITE_DONE) return false;
    sqlite3* db = sqlite3_db_handle(stmt_);
    Error e = sqlite_error(*path_, std::string("running \"") + sqlite3_sql(stmt_) + "\"", db);
    sqlite3_reset(stmt_);
    return e;
}

Status Statement::run() {
    for (;;) {
        SUTURE_TRY(row, step());
        if (!row) break;
    }
    reset();
    return {};
}

void Statement::reset() {
    sqlite3_reset(stmt_);
    sqlite3_clear_bindings(stmt_);
}

bool Statement::is_null(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_NULL; }
bool Statement::is_integer(int c) const { return sqlite3_column_type(stmt_, c) == SQLITE_INTEGER; }
int64_t Statement::int64(int c) const { return sqlite3_column_int64(stmt_, c); }

std::string_view Statement::text_view(int c) const {
    auto* p = reinterpret_cast<const char*>(sqlite3_column_text(stmt_, c));
    return p ? std::string_view(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, c))) : std::string_view();
}

std::string Statement::text(int c) const { return std::string(text_view(c)); }

BytesView Statement::blob(int c) const {
    auto* p = static_cast<const uint8_t*>(sqlite3_column_blob(stmt_, c));
    return p ? BytesView(p, static_cast<size_t>(sqlite3_column_bytes(stmt_, c))) : BytesView();
}

int Statement::column_count() const { return sqlite3_column_count(stmt_); }
std::string Statement::column_name(int c) const { return sqlite3_column_name(stmt_, c); }

Result<Database> Database::open(const std::string& path, Mode mode, int busy_timeout_ms) {
    Database d;
    d.path_ = std::make_unique<std::string>(path);
    int flags = mode == Mode::read_only ? SQLITE_OPEN_READONLY : (SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE);
    flags |= SQLITE_OPEN_NOMUTEX;
    int rc = sqlite3_open_v2(path.c_str(), &d.db_, flags, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(path, "cannot open the ledger", d.db_);
    sqlite3_extended_result_codes(d.db_, 1);
    sqlite3_busy_timeout(d.db_, busy_timeout_ms);
    SUTURE_CHECK(d.exec("PRAGMA foreign_keys = ON"));
    return d;
}

Database::Database(Database&& o) noexcept : db_(std::exchange(o.db_, nullptr)), path_(std::move(o.path_)) {}

Database& Database::operator=(Database&& o) noexcept {
    if (this != &o) {
        if (db_) sqlite3_close_v2(db_);
        db_ = std::exchange(o.db_, nullptr);
        path_ = std::move(o.path_);
    }
    return *this;
}

Database::~Database() {
    if (db_) sqlite3_close_v2(db_);
}

Status Database::exec(std::string_view sql) {
    std::string s(sql);
    char* msg = nullptr;
    int rc = sqlite3_exec(db_, s.c_str(), nullptr, nullptr, &msg);
    if (rc != SQLITE_OK) {
        std::string m = msg ? msg : sqlite3_errmsg(db_);
        sqlite3_free(msg);
        std::string text = *path_ + ": " + m;
        if ((rc & 0xff) == SQLITE_BUSY) text += " (another process is writing to this ledger)";
        return input_error(std::move(text));
    }
    return {};
}

Result<Statement> Database::prepare(std::string_view sql) {
    sqlite3_stmt* s = nullptr;
    int rc = sqlite3_prepare_v3(db_, sql.data(), static_cast<int>(sql.size()), SQLITE_PREPARE_PERSISTENT, &s, nullptr);
    if (rc != SQLITE_OK) return sqlite_error(*path_, "preparing \"" + std::string(sql) + "\"", db_);
    return Statement(s, path_.get());
}

int64_t Database::last_insert_rowid() const { return sqlite3_last_insert_rowid(db_); }

Error Database::error(std::string_view what) const { return sqlite_error(*path_, what, db_); }

}  // namespace suture::ledger
