// The ledger tables that mirror audit events: which event kind fills which
// table, and with which columns.
//
// Each mirrored row is written in the same transaction as its audit record,
// and the record's "data" is exactly the row: {"id": ..., column: value,
// ...} (json columns hold canonical JSON text in the row and the value
// itself in the event). verify() rebuilds each row's object and compares,
// so a row edited, inserted or deleted by plain SQL is named even though the
// tables carry no hashes of their own.
#pragma once

#include <span>
#include <string_view>

namespace suture::ledger {

enum class ColumnKind { integer, text, json };

struct Column {
    const char* name;
    ColumnKind kind;
    bool nullable = false;
};

struct MirroredTable {
    const char* table;       // SQL table name
    const char* event_kind;  // audit event kind that adds one row
    std::span<const Column> columns;  // besides id and audit_seq, in schema order
};

std::span<const MirroredTable> mirrored_tables();
// The table an event kind fills, or null for a free-form event.
const MirroredTable* mirrored_table_for(std::string_view event_kind);

// The mirrored tables by name (each is one of mirrored_tables()).
const MirroredTable& incidents_table();
const MirroredTable& patches_table();
const MirroredTable& patch_digests_table();
const MirroredTable& gate_runs_table();
const MirroredTable& approvals_table();
const MirroredTable& deploy_steps_table();
const MirroredTable& sent_transactions_table();

}  // namespace suture::ledger
