// Reading one patch's history back (ledger.hpp: patch, gate_runs,
// deploy_steps, sent_transactions, patch_digests; the latest gate runs and
// digests for `suture status`). A row whose values do not parse (an edit
// through plain SQL) is an error naming table, row and column (row_view.hpp);
// `verify()` says which audit record it contradicts.
#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "ledger/ledger_impl.hpp"

namespace suture::ledger {
namespace {

constexpr const char* kOfPatch = "r.patch_id = CAST(?1 AS INTEGER)";

Result<GateRun> gate_run_of(const RowView& r) {
    GateRun g;
    r.header(g);
    SUTURE_TRY(patch_id, r.integer("patch_id"));
    SUTURE_TRY(gate, r.text("gate"));
    SUTURE_TRY(input_hash, r.hash("input_hash"));
    SUTURE_TRY(verdict, r.text("verdict"));
    SUTURE_TRY(findings, r.json("findings"));
    if (!findings.is_array()) return input_error(r.where() + ": findings is not a JSON array");
    g.info = {patch_id, std::move(gate), input_hash, std::move(verdict), std::move(findings)};
    return g;
}

Result<DeployStep> deploy_step_of(const RowView& r) {
    DeployStep s;
    r.header(s);
    SUTURE_TRY(patch_id, r.integer("patch_id"));
    SUTURE_TRY(step_id, r.text("step_id"));
    SUTURE_TRY(description, r.text("description"));
    SUTURE_TRY(nonce, r.integer("nonce"));
    SUTURE_TRY(raw_tx, r.bytes("raw_tx"));
    SUTURE_TRY(tx_hash, r.hash("tx_hash"));
    if (nonce < 0) return input_error(r.where() + ": nonce is negative");
    s.info = {patch_id, std::move(step_id), std::move(description), uint64_t(nonce), std::move(raw_tx), tx_hash};
    return s;
}

Result<SentTransaction> sent_transaction_of(const RowView& r) {
    SentTransaction t;
    r.header(t);
    SUTURE_TRY(step, r.integer("deploy_step_id"));
    SUTURE_TRY(tx_hash, r.hash("tx_hash"));
    SUTURE_TRY(status, r.text("status"));
    SUTURE_TRY(block, r.optional_integer("block_number"));
    if (block && *block < 0) return input_error(r.where() + ": block_number is negative");
    t.info = {step, tx_hash, block ? std::optional<uint64_t>(uint64_t(*block)) : std::nullopt, std::move(status)};
    return t;
}

}  // namespace

Result<Patch> Ledger::patch(int64_t id) {
    SUTURE_TRY(rows, read_rows<Patch>(*impl_, patches_table(), patch_of, "r.id = CAST(?1 AS INTEGER)", std::to_string(id)));
    if (rows.empty()) return input_error("ledger " + path() + ": no patch " + std::to_string(id));
    return std::move(rows.front());
}

Result<std::vector<GateRun>> Ledger::gate_runs(int64_t patch_id) {
    return read_rows<GateRun>(*impl_, gate_runs_table(), gate_run_of, kOfPatch, std::to_string(patch_id));
}

Result<std::vector<GateRun>> Ledger::latest_gate_runs(std::optional<int64_t> patch_id, FindingFilter findings) {
    // Errors only: SQLite's JSON functions keep the array's objects that
    // have "severity": "error". Text that is not a JSON array
    // passes unchanged, so gate_run_of names it as before. A valid array whose
    // text holds no "error" string (and no escape that could spell one) has no
    // such element: it reads as [] without taking it apart (most runs).
    const std::string source =
        findings == FindingFilter::all
            ? std::string()
            : select_columns(gate_runs_table(), "findings",
                             "CASE WHEN NOT json_valid(findings) OR substr(ltrim(findings, char(32, 9, 10, 13)), 1, 1) <> '[' "
                             "THEN findings "
                             "WHEN instr(findings, '\"error\"') = 0 AND instr(findings, char(92)) = 0 THEN '[]' "
                             "ELSE (SELECT json_group_array(f.value) FROM json_each(findings) f "
                             "WHERE f.type = 'object' AND json_extract(f.value, '$.severity') = 'error') END");
    if (patch_id)
        return read_rows<GateRun>(*impl_, gate_runs_table(), gate_run_of,
                                  "r.id IN (SELECT MAX(id) FROM gate_runs WHERE patch_id = CAST(?1 AS INTEGER) GROUP BY gate)",
                                  std::to_string(*patch_id), source);
    return read_rows<GateRun>(*impl_, gate_runs_table(), gate_run_of,
                              "r.id IN (SELECT MAX(id) FROM gate_runs GROUP BY patch_id, gate)", std::nullopt, source);
}

// Status over many patches: the digest column only, neither the inputs'
// JSON parsed nor the digest recomputed (a third of status's time on 1,000
// patches); readiness reads whole records, which are checked.
Result<std::vector<PatchDigestRef>> Ledger::latest_patch_digests(std::optional<int64_t> patch_id) {
    auto ref_of = [](const RowView& r) -> Result<PatchDigestRef> {
        SUTURE_TRY(id, r.integer("patch_id"));
        SUTURE_TRY(digest, r.hash("digest"));
        return PatchDigestRef{id, digest};
    };
    if (patch_id)
        return read_rows<PatchDigestRef>(*impl_, patch_digests_table(), ref_of,
                                         "r.id = (SELECT MAX(id) FROM patch_digests WHERE patch_id = CAST(?1 AS INTEGER))",
                                         std::to_string(*patch_id));
    return read_rows<PatchDigestRef>(*impl_, patch_digests_table(), ref_of,
                                     "r.id IN (SELECT MAX(id) FROM patch_digests GROUP BY patch_id)");
}

Result<std::vector<DeployStep>> Ledger::deploy_steps(int64_t patch_id) {
    return read_rows<DeployStep>(*impl_, deploy_steps_table(), deploy_step_of, kOfPatch, std::to_string(patch_id));
}

Result<std::vector<SentTransaction>> Ledger::sent_transactions(int64_t patch_id) {
    return read_rows<SentTransaction>(
        *impl_, sent_transactions_table(), sent_transaction_of,
        "r.deploy_step_id IN (SELECT id FROM deploy_steps WHERE patch_id = CAST(?1 AS INTEGER))", std::to_string(patch_id));
}

Result<std::vector<PatchDigestRecord>> Ledger::patch_digests(int64_t patch_id) {
    return read_rows<PatchDigestRecord>(*impl_, patch_digests_table(), patch_digest_of, kOfPatch,
                                        std::to_string(patch_id));
}

}  // namespace suture::ledger
