// Reading one patch's history back (ledger.hpp: patch, gate_runs,
// deploy_steps, sent_transactions, patch_digests). A row whose values do not
// parse (an edit through plain SQL) is an error naming table, row and column;
// `verify()` says which audit record it contradicts.
#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "ledger/ledger_impl.hpp"

namespace suture::ledger {
namespace {

constexpr const char* kOfPatch = "r.patch_id = CAST(?1 AS INTEGER)";

// One row of rows(): typed column access with errors naming the cell.
struct RowReader {
    const nlohmann::json& row;
    std::string where;  // "gate_runs row 3"

    Result<int64_t> integer(const char* column) const {
        auto it = row.find(column);
        if (it == row.end() || !it->is_number_integer()) return input_error(where + ": " + column + " is not an integer");
        return it->get<int64_t>();
    }
    Result<std::string> text(const char* column) const {
        auto it = row.find(column);
        if (it == row.end() || !it->is_string()) return input_error(where + ": " + column + " is not text");
        return it->get<std::string>();
    }
    Result<Bytes32> hash(const char* column) const {
        SUTURE_TRY(t, text(column));
        return parse_bytes32(t, where + " " + column);
    }
    Result<Bytes> bytes(const char* column) const {
        SUTURE_TRY(t, text(column));
        auto b = from_hex(t);
        if (!b.ok()) return std::move(b).error().context(where + " " + column);
        return std::move(*b);
    }
    // id, seq and time, which every row of rows() carries.
    template <typename Record>
    Status header(Record& r) const {
        SUTURE_TRY(id, integer("id"));
        SUTURE_TRY(seq, integer("seq"));
        SUTURE_TRY(time, integer("time"));
        r.id = id, r.seq = seq, r.time = time;
        return {};
    }
};

RowReader reader(const MirroredTable& t, const nlohmann::json& row) {
    const auto id = row.find("id");
    return {row, std::string(t.table) + " row " + (id != row.end() ? id->dump() : std::string("?"))};
}

// Takes the row by value: the findings array is moved out, not copied (status reads thousands).
Result<GateRun> gate_run_of(nlohmann::json row) {
    const RowReader r = reader(gate_runs_table(), row);
    GateRun g;
    SUTURE_CHECK(r.header(g));
    SUTURE_TRY(patch_id, r.integer("patch_id"));
    SUTURE_TRY(gate, r.text("gate"));
    SUTURE_TRY(input_hash, r.hash("input_hash"));
    SUTURE_TRY(verdict, r.text("verdict"));
    g.info.patch_id = patch_id;
    g.info.gate = std::move(gate);
    g.info.input_hash = input_hash;
    g.info.verdict = std::move(verdict);
    auto findings = row.find("findings");
    if (findings == row.end() || !findings->is_array()) return input_error(r.where + ": findings is not a JSON array");
    g.info.findings = std::move(*findings);
    return g;
}

Result<DeployStep> deploy_step_of(const nlohmann::json& row) {
    const RowReader r = reader(deploy_steps_table(), row);
    DeployStep s;
    SUTURE_CHECK(r.header(s));
    SUTURE_TRY(patch_id, r.integer("patch_id"));
    SUTURE_TRY(step_id, r.text("step_id"));
    SUTURE_TRY(description, r.text("description"));
    SUTURE_TRY(nonce, r.integer("nonce"));
    SUTURE_TRY(raw_tx, r.bytes("raw_tx"));
    SUTURE_TRY(tx_hash, r.hash("tx_hash"));
    if (nonce < 0) return input_error(r.where + ": nonce is negative");
    s.info = {patch_id, std::move(step_id), std::move(description), uint64_t(nonce), std::move(raw_tx), tx_hash};
    return s;
}

Result<SentTransaction> sent_transaction_of(const nlohmann::json& row) {
    const RowReader r = reader(sent_transactions_table(), row);
    SentTransaction t;
    SUTURE_CHECK(r.header(t));
    SUTURE_TRY(step, r.integer("deploy_step_id"));
    SUTURE_TRY(tx_hash, r.hash("tx_hash"));
    SUTURE_TRY(status, r.text("status"));
    t.info.deploy_step_id = step;
    t.info.tx_hash = tx_hash;
    t.info.status = std::move(status);
    if (!row.value("block_number", nlohmann::json()).is_null()) {
        SUTURE_TRY(block, r.integer("block_number"));
        if (block < 0) return input_error(r.where + ": block_number is negative");
        t.info.block_number = uint64_t(block);
    }
    return t;
}

template <typename Record, typename Parse>
Result<std::vector<Record>> typed(std::vector<nlohmann::json>&& rows, Parse parse) {
    std::vector<Record> out;
    out.reserve(rows.size());
    for (auto& row : rows) {
        SUTURE_TRY(rec, parse(std::move(row)));
        out.push_back(std::move(rec));
    }
    return out;
}

}  // namespace

Result<Patch> Ledger::patch(int64_t id) {
    SUTURE_TRY(rows, impl_->rows(patches_table(), "r.id = CAST(?1 AS INTEGER)", std::to_string(id)));
    if (rows.empty()) return input_error("ledger " + path() + ": no patch " + std::to_string(id));
    return patch_of(rows.front());
}

Result<std::vector<GateRun>> Ledger::gate_runs(int64_t patch_id) {
    SUTURE_TRY(rows, impl_->rows(gate_runs_table(), kOfPatch, std::to_string(patch_id)));
    return typed<GateRun>(std::move(rows), gate_run_of);
}

Result<std::vector<GateRun>> Ledger::all_gate_runs() {
    SUTURE_TRY(rows, impl_->rows(gate_runs_table()));
    return typed<GateRun>(std::move(rows), gate_run_of);
}

Result<std::vector<PatchDigestRecord>> Ledger::all_patch_digests() {
    SUTURE_TRY(rows, impl_->rows(patch_digests_table()));
    return typed<PatchDigestRecord>(std::move(rows), patch_digest_of);
}

Result<std::vector<DeployStep>> Ledger::deploy_steps(int64_t patch_id) {
    SUTURE_TRY(rows, impl_->rows(deploy_steps_table(), kOfPatch, std::to_string(patch_id)));
    return typed<DeployStep>(std::move(rows), deploy_step_of);
}

Result<std::vector<SentTransaction>> Ledger::sent_transactions(int64_t patch_id) {
    SUTURE_TRY(rows, impl_->rows(sent_transactions_table(),
                                 "r.deploy_step_id IN (SELECT id FROM deploy_steps WHERE patch_id = CAST(?1 AS INTEGER))",
                                 std::to_string(patch_id)));
    return typed<SentTransaction>(std::move(rows), sent_transaction_of);
}

Result<std::vector<PatchDigestRecord>> Ledger::patch_digests(int64_t patch_id) {
    SUTURE_TRY(rows, impl_->rows(patch_digests_table(), kOfPatch, std::to_string(patch_id)));
    return typed<PatchDigestRecord>(std::move(rows), patch_digest_of);
}

}  // namespace suture::ledger
