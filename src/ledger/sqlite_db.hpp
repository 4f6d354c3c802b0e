// A thin RAII layer over the SQLite C API: one connection, prepared
// statements, and every failure as a Result naming the database file.
//
// Nothing here knows the ledger's schema; ledger.cpp and schema.cpp do.
// A Database is used from one thread at a time (SQLite's default
// serialized mode would allow more, the ledger never needs it).
#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"

struct sqlite3;
struct sqlite3_stmt;

namespace suture::ledger {

class Statement {
public:
    Statement(Statement&& other) noexcept;
    Statement& operator=(Statement&& other) noexcept;
    Statement(const Statement&) = delete;
    Statement& operator=(const Statement&) = delete;
    ~Statement();

    // Parameters are 1-based, as in SQL's ?1, ?2, ...
    Statement& bind(int index, int64_t value);
    Statement& bind(int index, std::string_view text);
    Statement& bind_blob(int index, BytesView blob);
    Statement& bind_null(int index);

    // Advances one row: true while a row is available, false when done.
    Result<bool> step();
    // Runs a statement that returns no rows (INSERT, UPDATE, ...) to the end
    // and resets it so it can be bound and run again.
    Status run();
    void reset();

    // Columns are 0-based.
    bool is_null(int col) const;
    bool is_integer(int col) const;
    int64_t int64(int col) const;
    std::string text(int col) const;
    std::string_view text_view(int col) const;  // valid until the next step()
    BytesView blob(int col) const;               // valid until the next step()
    int column_count() const;
    std::string column_name(int col) const;

private:
    friend class Database;
    Statement(sqlite3_stmt* s, const std::string* path) : stmt_(s), path_(path) {}
    sqlite3_stmt* stmt_ = nullptr;
    const std::string* path_ = nullptr;  // the owning Database's file, for messages
};

class Database {
public:
    enum class Mode { read_only, read_write_create };

    // Opens `path` with foreign keys on and a busy timeout. The caller
    // chooses the journal mode (ledger.cpp sets WAL).
    static Result<Database> open(const std::string& path, Mode mode, int busy_timeout_ms);

    Database(Database&& other) noexcept;
    Database& operator=(Database&& other) noexcept;
    Database(const Database&) = delete;
    Database& operator=(const Database&) = delete;
    ~Database();

    // Runs one or more statements without results.
    Status exec(std::string_view sql);
    Result<Statement> prepare(std::string_view sql);
    int64_t last_insert_rowid() const;
    const std::string& path() const { return *path_; }

    // "<file>: <what>: <sqlite message>", for errors raised by callers.
    Error error(std::string_view what) const;

private:
    Database() = default;
    sqlite3* db_ = nullptr;
    // Heap-held so that statements can point at it across moves of the Database.
    std::unique_ptr<std::string> path_;
};

}  // namespace suture::ledger
