// Building the patch report from the ledger (patch_report.hpp).
#include "report/patch_report.hpp"

#include <algorithm>
#include <ctime>
#include <map>
#include <set>

#include "core/finding_json.hpp"
#include "core/hex.hpp"
#include "ledger/ledger_tables.hpp"
#include "pipeline/state_deploy.hpp"

namespace suture::report {
namespace {

using nlohmann::json;

std::string short_hex(const Bytes32& h) { return to_hex(BytesView(h.data(), 6)) + "…"; }

// Reads one section: its error is noted and the section left empty.
template <typename T>
std::optional<T> section(PatchReport& r, const char* what, Result<T> got) {
    if (got.ok()) return std::move(*got);
    r.read_errors.push_back(std::string(what) + ": " + got.error().message);
    return std::nullopt;
}

GateRunView gate_view(const ledger::GateRun& g) {
    GateRunView v;
    v.id = g.id, v.seq = g.seq, v.time = g.time;
    v.gate = g.info.gate;
    v.verdict = g.info.verdict;
    v.input_hash = g.info.input_hash;
    for (const auto& entry : g.info.findings) {
        auto f = finding_from_json(entry);
        if (f.ok()) v.findings.push_back(std::move(*f));
        else v.unreadable_findings.push_back(entry.dump());
    }
    return v;
}

std::string gate_summary(const GateRunView& g) {
    std::string s = "gate " + g.gate + ": " + g.verdict;
    const size_t n = g.findings.size() + g.unreadable_findings.size();
    if (n) s += " (" + std::to_string(n) + (n == 1 ? " finding)" : " findings)");
    return s;
}

// A deploy into a local state file (pipeline/state_deploy.hpp): its steps
// committed in one block, and what it left as the target's implementation.
// Returns the timeline's line for it.
std::string read_state_deploy(PatchReport& r, const ledger::LoggedEvent& e) {
    const json& d = e.data;
    auto text = [&](const char* key) { return d.value(key, json()).is_string() ? d[key].get<std::string>() : std::string(); };
    std::optional<uint64_t> block;
    if (d.value("block", json()).is_number_unsigned()) block = d["block"].get<uint64_t>();
    const json steps = d.value("steps", json::array());
    for (size_t i = 0; steps.is_array() && i < steps.size(); ++i) {
        TransactionView t;
        t.seq = e.seq, t.time = e.time;
        t.step_id = "state-file/" + std::to_string(i);
        t.description = steps[i].value("what", std::string()) + ": " + steps[i].value("detail", std::string());
        t.status = "committed";
        t.block = block;
        r.transactions.push_back(std::move(t));
    }
    r.state_deploy_facts.clear();
    for (const char* key : {"proxy", "implementation", "new_code_hash", "file"})
        if (!text(key).empty()) r.state_deploy_facts.push_back({key, text(key)});
    if (block) r.state_deploy_facts.push_back({"block", std::to_string(*block)});
    return "deployed into state file " + text("file") + (block ? " in block " + std::to_string(*block) : "") +
           ": implementation " + text("implementation");
}

// The patch's free-form events (data.patch_id) and their gate details.
void read_events(PatchReport& r, ledger::Ledger& l) {
    auto events = section(r, "audit log", l.log());
    if (!events) return;
    for (const auto& e : *events) {
        if (!e.data.is_object() || e.data.value("patch_id", json()) != json(r.patch.id)) continue;
        if (ledger::mirrored_table_for(e.kind)) continue;  // read through its table
        if (e.kind == pipeline::kGateDetailsEvent) {
            const json run = e.data.value("gate_run", json());
            auto it = std::find_if(r.gates.begin(), r.gates.end(), [&](const GateRunView& g) { return json(g.id) == run; });
            auto d = pipeline::gate_details_from_json(e.data);
            if (it == r.gates.end())
                r.read_errors.push_back("audit record " + std::to_string(e.seq) + ": gate details for gate run " +
                                        run.dump() + ", which is not a run of this patch");
            else if (!d.ok())
                r.read_errors.push_back("audit record " + std::to_string(e.seq) + ": " + d.error().message);
            else
                it->details = std::move(*d);
            continue;
        }
        std::string text = e.kind == pipeline::kStateDeployEvent ? read_state_deploy(r, e) : e.kind + " " + e.data.dump();
        if (text.size() > 200) text = text.substr(0, 197) + "...";
        r.timeline.push_back({e.seq, e.time, e.kind, text});
    }
}

void read_gates(PatchReport& r, ledger::Ledger& l) {
    auto runs = section(r, "gate runs", l.gate_runs(r.patch.id));
    if (!runs) return;
    for (const auto& g : *runs) r.gates.push_back(gate_view(g));
    std::set<std::string> seen;
    for (auto it = r.gates.rbegin(); it != r.gates.rend(); ++it) it->latest = seen.insert(it->gate).second;
    for (const auto& g : r.gates) r.timeline.push_back({g.seq, g.time, "gate_run", gate_summary(g)});
}

// What the latest run of each gate established (runs are already in order).
void collect_details(PatchReport& r) {
    for (const auto& g : r.gates) {
        if (!g.latest || !g.details) continue;
        const auto& d = *g.details;
        if (!d.layout.empty()) r.layout = d.layout;
        for (const auto& x : d.differences) r.differences.push_back({g.gate, x});
        if (!d.gains.empty()) r.gains = d.gains;
        if (!d.state.empty()) r.final_state = d.state;
    }
}

void read_approvals(PatchReport& r, ledger::Ledger& l, const std::vector<ledger::PatchDigestRecord>& digests,
                    const std::optional<ledger::Policy>& policy) {
    auto all = section(r, "approvals", l.approvals());
    if (!all) return;
    std::set<Bytes32> mine;
    for (const auto& d : digests) mine.insert(d.digest);
    std::vector<ledger::Approval> signed_list;
    for (const auto& a : *all) {
        if (a.patch_id != r.patch.id && !mine.count(a.approval.digest)) continue;
        ApprovalView v;
        v.id = a.id, v.seq = a.seq, v.time = a.time;
        v.reviewer = a.approval.reviewer;
        v.digest = a.approval.digest;
        v.signature = to_hex(a.approval.signature.to_rsv65());
        v.current = r.digest && r.digest->digest == v.digest;
        v.valid = ledger::check_approval_signature(a.approval).ok();
        r.approvals.push_back(std::move(v));
        signed_list.push_back(a.approval);
        r.timeline.push_back({a.seq, a.time, "approval",
                              "approved by " + to_checksum(a.approval.reviewer) + " (digest " +
                                  short_hex(a.approval.digest) + (r.approvals.back().current ? ", current)" : ", not current)")});
    }
    if (!policy || !r.digest) return;
    auto tally = ledger::tally_approvals(*policy, r.digest->digest, signed_list);
    for (size_t i = 0; i < tally.entries.size() && i < r.approvals.size(); ++i)
        r.approvals[i].standing = ledger::standing_name(tally.entries[i].standing);
    r.approval_summary = ApprovalSummary{unsigned(tally.signed_by.size()), tally.threshold, tally.missing};
}

void read_transactions(PatchReport& r, ledger::Ledger& l) {
    auto steps = section(r, "deploy steps", l.deploy_steps(r.patch.id));
    auto sent = section(r, "sent transactions", l.sent_transactions(r.patch.id));
    if (!steps) return;
    std::map<int64_t, const ledger::SentTransaction*> outcome;  // step row -> last outcome
    if (sent)
        for (const auto& s : *sent) outcome[s.info.deploy_step_id] = &s;
    for (const auto& s : *steps) {
        TransactionView t;
        t.step_row = s.id, t.seq = s.seq, t.time = s.time;
        t.step_id = s.info.step_id;
        t.description = s.info.description;
        t.nonce = s.info.nonce;
        t.tx_hash = s.info.tx_hash;
        t.status = "sent";
        if (auto it = outcome.find(s.id); it != outcome.end()) {
            t.status = it->second->info.status;
            t.block = it->second->info.block_number;
            t.tx_hash = it->second->info.tx_hash;  // a replacement has its own hash
        }
        r.timeline.push_back({s.seq, s.time, "deploy_step",
                              "deploy step " + s.info.step_id + ": " + s.info.description + ", nonce " +
                                  std::to_string(s.info.nonce) + ", tx " + to_hex(s.info.tx_hash)});
        r.transactions.push_back(std::move(t));
    }
    if (sent)
        for (const auto& s : *sent)
            r.timeline.push_back({s.seq, s.time, "sent_transaction",
                                  "tx " + to_hex(s.info.tx_hash) + " " + s.info.status +
                                      (s.info.block_number ? " in block " + std::to_string(*s.info.block_number) : "")});
}

std::string overall_status(const PatchReport& r) {
    if (!r.transactions.empty()) {
        bool all_mined = true;
        for (const auto& t : r.transactions) {
            if (t.status == "reverted") return "deploy failed (step " + t.step_id + " reverted)";
            all_mined = all_mined && (t.status == "mined" || t.status == "committed");
        }
        return all_mined ? "deployed" : "deploying";
    }
    if (r.gates.empty()) return "no gate run yet";
    for (const auto& g : r.gates)
        if (g.latest && (g.verdict == "fail" || g.verdict == "error")) return "blocked by " + g.gate;
    return "gates passed";
}

}  // namespace

std::string utc_text(int64_t unix_seconds) {
    std::time_t t = static_cast<std::time_t>(unix_seconds);
    std::tm tm{};
    gmtime_r(&t, &tm);
    char buf[32];
    std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S UTC", &tm);
    return buf;
}

Result<PatchReport> build_patch_report(ledger::Ledger& l, const PatchReportOptions& opts) {
    PatchReport r;
    r.ledger_path = l.path();
    SUTURE_TRY(check, l.verify());
    r.integrity.intact = check.intact();
    r.integrity.records = check.records;
    r.integrity.head = check.head.hash;
    for (const auto& p : check.problems) r.integrity.problems.push_back(p.message);

    if (opts.patch_id) {
        SUTURE_TRY(p, l.patch(*opts.patch_id));
        r.patch = std::move(p);
    } else {
        SUTURE_TRY(all, l.patches());
        if (all.empty()) return input_error("ledger " + l.path() + " has no patches (`suture patch new` records one)");
        r.patch = all.back();
    }
    r.timeline.push_back({r.patch.seq, r.patch.time, "patch",
                          "patch " + std::to_string(r.patch.id) + " \"" + r.patch.info.name + "\" recorded" +
                              (r.patch.info.manifest.empty() ? "" : " from " + r.patch.info.manifest)});
    if (r.patch.info.incident_id) {
        r.incident = section(r, "incident", l.incident(*r.patch.info.incident_id));
        if (r.incident)
            r.timeline.push_back({r.incident->seq, r.incident->time, "incident",
                                  "incident " + std::to_string(r.incident->id) + " opened (" + r.incident->info.severity +
                                      "): " + r.incident->info.title});
    }
    auto digests = section(r, "patch digests", l.patch_digests(r.patch.id)).value_or(std::vector<ledger::PatchDigestRecord>{});
    if (!digests.empty()) r.digest = digests.back();
    for (const auto& d : digests)
        r.timeline.push_back({d.seq, d.time, "patch_digest",
                              "patch digest " + to_hex(d.digest) + " (route " + d.inputs.route + ", chain " +
                                  std::to_string(d.inputs.chain_id) + ")"});

    read_gates(r, l);
    read_events(r, l);
    collect_details(r);
    if (r.final_state.empty()) r.final_state = r.state_deploy_facts;
    read_approvals(r, l, digests, opts.policy);
    read_transactions(r, l);
    std::stable_sort(r.transactions.begin(), r.transactions.end(),
                     [](const TransactionView& a, const TransactionView& b) { return a.seq < b.seq; });
    std::stable_sort(r.timeline.begin(), r.timeline.end(),
                     [](const TimelineEvent& a, const TimelineEvent& b) { return a.seq < b.seq; });
    r.status = overall_status(r);
    return r;
}

}  // namespace suture::report
