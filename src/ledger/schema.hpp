// The ledger's SQL schema: numbered migrations applied in order.
//
// `schema_version` holds one row per applied migration (version,
// description, time). Opening a ledger for writing applies every migration
// above its version, each in its own transaction, so a crash leaves the
// ledger at the last complete version. A ledger whose version is above what
// this build knows was written by a newer Suture and is refused rather than
// misread.
#pragma once

#include <span>

#include "core/result.hpp"
#include "ledger/sqlite_db.hpp"

namespace suture::ledger {

struct Migration {
    int version;  // 1, 2, 3, ... without gaps
    const char* description;
    Status (*apply)(Database& db);
};

// The ledger's migrations, oldest first.
std::span<const Migration> ledger_migrations();

// The highest applied version; 0 for an empty database.
Result<int> schema_version(Database& db);

// Applies the migrations of `list` above the current version (each in a
// BEGIN IMMEDIATE transaction with its schema_version row) and returns the
// new version. Errors name the migration that failed; it is rolled back.
Result<int> migrate(Database& db, std::span<const Migration> list);

}  // namespace suture::ledger
