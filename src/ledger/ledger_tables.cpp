// Mirrored tables (ledger_tables.hpp). Must match schema.cpp's CREATE TABLEs.
#include "ledger/ledger_tables.hpp"

namespace suture::ledger {
namespace {

using K = ColumnKind;

constexpr Column kIncident[] = {{"title", K::text}, {"severity", K::text}, {"description", K::text}};
constexpr Column kPatch[] = {{"incident_id", K::integer, true}, {"name", K::text}, {"manifest", K::text}};
constexpr Column kPatchDigest[] = {{"patch_id", K::integer}, {"digest", K::text}, {"inputs", K::json}};
constexpr Column kGateRun[] = {{"patch_id", K::integer}, {"gate", K::text}, {"input_hash", K::text},
                               {"verdict", K::text}, {"findings", K::json}};
constexpr Column kApproval[] = {{"patch_id", K::integer, true}, {"digest", K::text}, {"reviewer", K::text},
                                {"signature", K::text}};
constexpr Column kDeployStep[] = {{"patch_id", K::integer}, {"step_id", K::text}, {"description", K::text},
                                  {"nonce", K::integer}, {"raw_tx", K::text}, {"tx_hash", K::text}};
constexpr Column kSentTx[] = {{"deploy_step_id", K::integer}, {"tx_hash", K::text},
                              {"block_number", K::integer, true}, {"status", K::text}};

constexpr MirroredTable kTables[] = {
    {"incidents", "incident", kIncident},
    {"patches", "patch", kPatch},
    {"patch_digests", "patch_digest", kPatchDigest},
    {"gate_runs", "gate_run", kGateRun},
    {"approvals", "approval", kApproval},
    {"deploy_steps", "deploy_step", kDeployStep},
    {"sent_transactions", "sent_transaction", kSentTx},
};

}  // namespace

std::span<const MirroredTable> mirrored_tables() { return kTables; }

const MirroredTable* mirrored_table_for(std::string_view kind) {
    for (const auto& t : kTables)
        if (kind == t.event_kind) return &t;
    return nullptr;
}

const MirroredTable& incidents_table() { return kTables[0]; }
const MirroredTable& patches_table() { return kTables[1]; }
const MirroredTable& patch_digests_table() { return kTables[2]; }
const MirroredTable& gate_runs_table() { return kTables[3]; }
const MirroredTable& approvals_table() { return kTables[4]; }
const MirroredTable& deploy_steps_table() { return kTables[5]; }
const MirroredTable& sent_transactions_table() { return kTables[6]; }

}  // namespace suture::ledger
