// Typed records over the mirrored tables (ledger.hpp, records.hpp).
#include <algorithm>
#include <limits>

#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "ledger/ledger_impl.hpp"

namespace suture::ledger {
namespace {

const char* const kSeverities[] = {"low", "medium", "high", "critical"};
const char* const kVerdicts[] = {"pass", "fail", "error", "skipped"};
const char* const kTxStatuses[] = {"mined", "reverted", "replaced", "dropped"};

template <size_t N>
Status one_of(const char* const (&allowed)[N], const std::string& v, const char* what) {
    for (const char* a : allowed)
        if (v == a) return {};
    std::string list;
    for (const char* a : allowed) list += (list.empty() ? "" : ", ") + std::string(a);
    return input_error(std::string(what) + " \"" + v + "\" is not one of " + list);
}

Result<int64_t> to_int64(uint64_t v, const char* what) {
    if (v > uint64_t(std::numeric_limits<int64_t>::max()))
        return input_error(std::string(what) + " " + std::to_string(v) + " is too large for the ledger");
    return static_cast<int64_t>(v);
}

std::optional<int64_t> opt_int(const nlohmann::json& j) {
    if (j.is_number_integer()) return j.get<int64_t>();
    return std::nullopt;
}

Incident incident_of(const nlohmann::json& r) {
    Incident i;
    i.id = r["id"];
    i.seq = r["seq"];
    i.time = r["time"];
    i.info.title = r.value("title", "");
    i.info.severity = r.value("severity", "");
    i.info.description = r.value("description", "");
    return i;
}

Result<ApprovalRecord> approval_of(const nlohmann::json& r) {
    ApprovalRecord a;
    a.id = r["id"];
    a.seq = r["seq"];
    a.time = r["time"];
    a.patch_id = opt_int(r["patch_id"]);
    const std::string where = "approvals row " + std::to_string(a.id);
    auto text = [&](const char* key) { return r[key].is_string() ? r[key].get<std::string>() : std::string(); };
    SUTURE_TRY(digest, parse_bytes32(text("digest"), where + " digest"));
    a.approval.digest = digest;
    auto who = parse_address(text("reviewer"));
    if (!who.ok()) return std::move(who).error().context(where + " reviewer");
    a.approval.reviewer = *who;
    auto sig_bytes = from_hex(text("signature"));
    if (!sig_bytes.ok()) return std::move(sig_bytes).error().context(where + " signature");
    auto sig = chain::Signature::from_rsv65(*sig_bytes);
    if (!sig.ok()) return std::move(sig).error().context(where + " signature");
    a.approval.signature = *sig;
    return a;
}

}  // namespace

Result<PatchDigestRecord> patch_digest_of(const nlohmann::json& r) {
    PatchDigestRecord d;
    d.id = r["id"];
    d.seq = r["seq"];
    d.time = r["time"];
    d.patch_id = r["patch_id"].is_number_integer() ? r["patch_id"].get<int64_t>() : 0;
    const std::string where = "patch_digests row " + std::to_string(d.id);
    SUTURE_TRY(digest, parse_bytes32(r.value("digest", ""), where + " digest"));
    d.digest = digest;
    auto inputs = patch_digest_input_from_json(r["inputs"]);
    if (!inputs.ok()) return std::move(inputs).error().context(where);
    d.inputs = *inputs;
    // The stored digest must be the hash of the stored inputs: a row edited
    // to approve something else is caught here as well as by verify().
    if (patch_digest(d.inputs) != d.digest)
        return input_error(where + ": digest " + to_hex(d.digest) + " is not the hash of its inputs");
    return d;
}

Patch patch_of(const nlohmann::json& r) {
    Patch p;
    p.id = r["id"];
    p.seq = r["seq"];
    p.time = r["time"];
    p.info.incident_id = opt_int(r["incident_id"]);
    p.info.name = r.value("name", "");
    p.info.manifest = r.value("manifest", "");
    return p;
}

Result<int64_t> Ledger::open_incident(const IncidentInput& in) {
    if (in.title.empty()) return input_error("incident: the title is empty");
    SUTURE_CHECK(one_of(kSeverities, in.severity, "incident severity"));
    return impl_->insert_mirrored(*this, incidents_table(),
                                  {{"title", in.title}, {"severity", in.severity}, {"description", in.description}});
}

Result<std::vector<Incident>> Ledger::incidents() {
    SUTURE_TRY(rows, impl_->rows(incidents_table()));
    std::vector<Incident> out;
    for (const auto& r : rows) out.push_back(incident_of(r));
    return out;
}

Result<Incident> Ledger::incident(int64_t id) {
    SUTURE_TRY(rows, impl_->rows(incidents_table(), "r.id = CAST(?1 AS INTEGER)", std::to_string(id)));
    if (rows.empty()) return input_error("ledger " + path() + ": no incident " + std::to_string(id));
    return incident_of(rows.front());
}

Result<int64_t> Ledger::add_patch(const PatchInput& in) {
    if (in.name.empty()) return input_error("patch: the name is empty");
    nlohmann::json row{{"name", in.name}, {"manifest", in.manifest}};
    row["incident_id"] = in.incident_id ? nlohmann::json(*in.incident_id) : nlohmann::json();
    return impl_->insert_mirrored(*this, patches_table(), row);
}

Result<std::vector<Patch>> Ledger::patches() {
    SUTURE_TRY(rows, impl_->rows(patches_table()));
    std::vector<Patch> out;
    for (const auto& r : rows) out.push_back(patch_of(r));
    return out;
}

Result<int64_t> Ledger::record_patch_digest(int64_t patch_id, const PatchDigestInput& in) {
    return impl_->insert_mirrored(*this, patch_digests_table(),
                                  {{"patch_id", patch_id},
                                   {"digest", to_hex(patch_digest(in))},
                                   {"inputs", patch_digest_input_to_json(in)}});
}

Result<std::optional<PatchDigestRecord>> Ledger::latest_patch_digest(int64_t patch_id) {
    SUTURE_TRY(rows, impl_->rows(patch_digests_table(), "r.patch_id = CAST(?1 AS INTEGER)", std::to_string(patch_id)));
    if (rows.empty()) return std::optional<PatchDigestRecord>();
    SUTURE_TRY(d, patch_digest_of(rows.back()));
    return std::optional<PatchDigestRecord>(std::move(d));
}

Result<std::optional<PatchDigestRecord>> Ledger::find_patch_digest(const Bytes32& digest) {
    SUTURE_TRY(rows, impl_->rows(patch_digests_table(), "r.digest = ?1", to_hex(digest)));
    if (rows.empty()) return std::optional<PatchDigestRecord>();
    SUTURE_TRY(d, patch_digest_of(rows.back()));
    return std::optional<PatchDigestRecord>(std::move(d));
}

Result<int64_t> Ledger::record_gate_run(const GateRunInput& in) {
    if (in.gate.empty()) return input_error("gate run: the gate name is empty");
    SUTURE_CHECK(one_of(kVerdicts, in.verdict, "gate verdict"));
    if (!in.findings.is_array()) return input_error("gate run " + in.gate + ": findings must be a JSON array");
    return impl_->insert_mirrored(*this, gate_runs_table(),
                                  {{"patch_id", in.patch_id},
                                   {"gate", in.gate},
                                   {"input_hash", to_hex(in.input_hash)},
                                   {"verdict", in.verdict},
                                   {"findings", in.findings}});
}

Result<int64_t> Ledger::record_approval(const Approval& a, std::optional<int64_t> patch_id) {
    SUTURE_CHECK(check_approval_signature(a));
    nlohmann::json row{{"digest", to_hex(a.digest)},
                       {"reviewer", to_checksum(a.reviewer)},
                       {"signature", to_hex(a.signature.to_rsv65())}};
    row["patch_id"] = patch_id ? nlohmann::json(*patch_id) : nlohmann::json();
    return impl_->insert_mirrored(*this, approvals_table(), row);
}

Result<std::vector<ApprovalRecord>> Ledger::approvals(std::optional<Bytes32> digest) {
    std::vector<nlohmann::json> rows;
    if (digest) {
        SUTURE_TRY(r, impl_->rows(approvals_table(), "r.digest = ?1", to_hex(*digest)));
        rows = std::move(r);
    } else {
        SUTURE_TRY(r, impl_->rows(approvals_table()));
        rows = std::move(r);
    }
    std::vector<ApprovalRecord> out;
    for (const auto& r : rows) {
        SUTURE_TRY(a, approval_of(r));
        out.push_back(std::move(a));
    }
    return out;
}

Result<int64_t> Ledger::record_deploy_step(const DeployStepInput& in) {
    if (in.step_id.empty()) return input_error("deploy step: the step id is empty");
    SUTURE_TRY(nonce, to_int64(in.nonce, "deploy step nonce"));
    return impl_->insert_mirrored(*this, deploy_steps_table(),
                                  {{"patch_id", in.patch_id},
                                   {"step_id", in.step_id},
                                   {"description", in.description},
                                   {"nonce", nonce},
                                   {"raw_tx", to_hex(in.raw_tx)},
                                   {"tx_hash", to_hex(in.tx_hash)}});
}

Result<int64_t> Ledger::record_sent_transaction(const SentTransactionInput& in) {
    SUTURE_CHECK(one_of(kTxStatuses, in.status, "transaction status"));
    nlohmann::json row{{"deploy_step_id", in.deploy_step_id}, {"tx_hash", to_hex(in.tx_hash)}, {"status", in.status}};
    if (in.block_number) {
        SUTURE_TRY(b, to_int64(*in.block_number, "block number"));
        row["block_number"] = b;
    } else {
        row["block_number"] = nullptr;
    }
    return impl_->insert_mirrored(*this, sent_transactions_table(), row);
}

}  // namespace suture::ledger
