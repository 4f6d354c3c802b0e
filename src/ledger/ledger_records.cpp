// Typed records over the mirrored tables (ledger.hpp, records.hpp).
#include <algorithm>
#include <limits>
#include <map>

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

Result<Incident> incident_of(const RowView& r) {
    Incident i;
    r.header(i);
    SUTURE_TRY(title, r.text("title"));
    SUTURE_TRY(severity, r.text("severity"));
    SUTURE_TRY(description, r.text("description"));
    i.info = {std::move(title), std::move(severity), std::move(description)};
    return i;
}

// Reviewer addresses already parsed in one read, by their text: a few
// reviewers sign many approvals, and each parse checks the EIP-55 checksum
// (a keccak); the same text always parses the same.
using ReviewerCache = std::map<std::string, Address, std::less<>>;

Result<ApprovalRecord> approval_of(const RowView& r, ReviewerCache& reviewers) {
    ApprovalRecord a;
    r.header(a);
    SUTURE_TRY(patch_id, r.optional_integer("patch_id"));
    a.patch_id = patch_id;
    SUTURE_TRY(digest, r.hash("digest"));
    a.approval.digest = digest;
    SUTURE_TRY(reviewer, r.text("reviewer"));
    auto known = reviewers.find(reviewer);
    if (known == reviewers.end()) {
        auto who = parse_address(reviewer);
        if (!who.ok()) return std::move(who).error().context(r.where() + " reviewer");
        known = reviewers.emplace(std::move(reviewer), *who).first;
    }
    a.approval.reviewer = known->second;
    SUTURE_TRY(sig_bytes, r.bytes("signature"));
    auto sig = chain::Signature::from_rsv65(sig_bytes);
    if (!sig.ok()) return std::move(sig).error().context(r.where() + " signature");
    a.approval.signature = *sig;
    return a;
}

}  // namespace

Result<PatchDigestRecord> patch_digest_of(const RowView& r) {
    PatchDigestRecord d;
    r.header(d);
    SUTURE_TRY(patch_id, r.integer("patch_id"));
    d.patch_id = patch_id;
    SUTURE_TRY(digest, r.hash("digest"));
    d.digest = digest;
    SUTURE_TRY(json, r.json("inputs"));
    auto inputs = patch_digest_input_from_json(json);
    if (!inputs.ok()) return std::move(inputs).error().context(r.where());
    d.inputs = std::move(*inputs);
    // The stored digest must be the hash of the stored inputs: a row edited
    // to approve something else is caught here as well as by verify().
    if (patch_digest(d.inputs) != d.digest)
        return input_error(r.where() + ": digest " + to_hex(d.digest) + " is not the hash of its inputs");
    return d;
}

Result<Patch> patch_of(const RowView& r) {
    Patch p;
    r.header(p);
    SUTURE_TRY(incident_id, r.optional_integer("incident_id"));
    SUTURE_TRY(name, r.text("name"));
    SUTURE_TRY(manifest, r.text("manifest"));
    p.info = {incident_id, std::move(name), std::move(manifest)};
    return p;
}

Result<int64_t> Ledger::open_incident(const IncidentInput& in) {
    if (in.title.empty()) return input_error("incident: the title is empty");
    SUTURE_CHECK(one_of(kSeverities, in.severity, "incident severity"));
    return impl_->insert_mirrored(*this, incidents_table(),
                                  {{"title", in.title}, {"severity", in.severity}, {"description", in.description}});
}

Result<std::vector<Incident>> Ledger::incidents() { return read_rows<Incident>(*impl_, incidents_table(), incident_of); }

Result<Incident> Ledger::incident(int64_t id) {
    SUTURE_TRY(rows, read_rows<Incident>(*impl_, incidents_table(), incident_of, "r.id = CAST(?1 AS INTEGER)",
                                         std::to_string(id)));
    if (rows.empty()) return input_error("ledger " + path() + ": no incident " + std::to_string(id));
    return std::move(rows.front());
}

Result<int64_t> Ledger::add_patch(const PatchInput& in) {
    if (in.name.empty()) return input_error("patch: the name is empty");
    nlohmann::json row{{"name", in.name}, {"manifest", in.manifest}};
    row["incident_id"] = in.incident_id ? nlohmann::json(*in.incident_id) : nlohmann::json();
    return impl_->insert_mirrored(*this, patches_table(), row);
}

Result<std::vector<Patch>> Ledger::patches() { return read_rows<Patch>(*impl_, patches_table(), patch_of); }

Result<int64_t> Ledger::record_patch_digest(int64_t patch_id, const PatchDigestInput& in) {
    return impl_->insert_mirrored(*this, patch_digests_table(),
                                  {{"patch_id", patch_id},
                                   {"digest", to_hex(patch_digest(in))},
                                   {"inputs", patch_digest_input_to_json(in)}});
}

namespace {

// The last row `where` selects, as a digest record (nullopt: none).
Result<std::optional<PatchDigestRecord>> last_patch_digest(Ledger::Impl& d, const std::string& where, std::string arg) {
    SUTURE_TRY(rows, read_rows<PatchDigestRecord>(d, patch_digests_table(), patch_digest_of,
                                                  "r.id = (SELECT MAX(id) FROM patch_digests WHERE " + where + ")",
                                                  std::move(arg)));
    if (rows.empty()) return std::optional<PatchDigestRecord>();
    return std::optional<PatchDigestRecord>(std::move(rows.back()));
}

}  // namespace

Result<std::optional<PatchDigestRecord>> Ledger::latest_patch_digest(int64_t patch_id) {
    return last_patch_digest(*impl_, "patch_id = CAST(?1 AS INTEGER)", std::to_string(patch_id));
}

Result<std::optional<PatchDigestRecord>> Ledger::find_patch_digest(const Bytes32& digest) {
    return last_patch_digest(*impl_, "digest = ?1", to_hex(digest));
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
    ReviewerCache reviewers;
    auto parse = [&reviewers](const RowView& r) { return approval_of(r, reviewers); };
    if (digest) return read_rows<ApprovalRecord>(*impl_, approvals_table(), parse, "r.digest = ?1", to_hex(*digest));
    return read_rows<ApprovalRecord>(*impl_, approvals_table(), parse);
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
