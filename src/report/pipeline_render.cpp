#include "report/pipeline_render.hpp"

#include <sstream>

#include "core/finding_json.hpp"
#include "core/hex.hpp"

namespace suture::report {
namespace {

using nlohmann::json;

std::string where(const Finding& f) {
    if (!f.location.file.empty())
        return f.location.file + (f.location.line ? ":" + std::to_string(f.location.line) : std::string());
    return f.location.other;
}

void finding_lines(std::ostringstream& o, const Findings& fs, const char* indent) {
    for (const auto& f : fs) {
        o << indent << (f.suppressed ? "allowed " : "") << severity_name(f.severity) << " " << f.code << ": "
          << f.message;
        if (const std::string w = where(f); !w.empty()) o << " [" << w << "]";
        o << "\n";
        if (f.suppressed && !f.suppressed_by.empty()) o << indent << "  (" << f.suppressed_by << ")\n";
        else if (!f.hint.empty() && f.severity != Severity::info) o << indent << "  hint: " << f.hint << "\n";
    }
}

Findings findings_of(const ledger::GateRun& r) {
    Findings out;
    for (const auto& j : r.info.findings)
        if (auto f = finding_from_json(j)) out.push_back(std::move(*f));
    return out;
}

std::string verdict_word(const std::string& v) {
    if (v == "pass") return "passed";
    if (v == "fail") return "FAILED";
    if (v == "error") return "ERROR (could not run)";
    if (v == "skipped") return "skipped (not configured)";
    return v;
}

json digest_input_json(const ledger::PatchDigestInput& in, const Bytes32& digest) {
    json j = ledger::patch_digest_input_to_json(in);
    j["digest"] = to_hex(digest);
    return j;
}

json tally_json(const ledger::ApprovalTally& t) {
    json signed_by = json::array(), missing = json::array();
    for (const auto& a : t.signed_by) signed_by.push_back(to_checksum(a));
    for (const auto& a : t.missing) missing.push_back(to_checksum(a));
    json entries = json::array();
    for (const auto& e : t.entries)
        entries.push_back({{"reviewer", to_checksum(e.approval.reviewer)}, {"standing", ledger::standing_name(e.standing)}});
    return {{"counted", t.signed_by.size()}, {"threshold", t.threshold}, {"met", t.met()},
            {"signed_by", signed_by}, {"missing", missing}, {"approvals", entries}};
}

}  // namespace

std::string run_text(const pipeline::RunReport& r) {
    std::ostringstream o;
    o << "patch " << r.patch_id << ": gates\n";
    for (const auto& g : r.gates) {
        o << "  " << g.gate << ": " << verdict_word(g.verdict) << "  (input " << to_hex(g.input_hash).substr(0, 18)
          << "..., gate run " << g.gate_run_id << ")\n";
        for (const auto& n : g.notes) o << "      " << n << "\n";
        Findings shown;
        for (const auto& f : g.findings)
            if (g.verdict != "skipped") shown.push_back(f);
        finding_lines(o, shown, "      ");
    }
    if (!r.stopped_at.empty()) o << "stopped at gate " << r.stopped_at << ": the gates after it did not run\n";
    else if (!r.until.empty()) o << "stopped after gate " << r.until << " (--until)\n";
    else o << "every gate passed or was not configured\n";
    o << "patch digest " << to_hex(r.digest) << " (recorded, ledger row " << r.digest_id << ")\n";
    for (const auto& [what, value] : ledger::describe_patch_digest_input(r.digest_input))
        o << "    " << what << ": " << value << "\n";
    if (r.passed() && r.until.empty()) o << "next: reviewers approve it (suture approve --patch " << r.patch_id << ")\n";
    return o.str();
}

json run_json(const pipeline::RunReport& r) {
    json gates = json::array();
    for (const auto& g : r.gates)
        gates.push_back({{"gate", g.gate}, {"verdict", g.verdict}, {"input_hash", to_hex(g.input_hash)},
                         {"gate_run_id", g.gate_run_id}, {"findings", findings_json(g.findings)}, {"notes", g.notes}});
    return {{"patch_id", r.patch_id}, {"passed", r.passed()}, {"stopped_at", r.stopped_at}, {"until", r.until},
            {"gates", gates}, {"patch_digest", digest_input_json(r.digest_input, r.digest)}};
}

std::string status_text(const std::vector<pipeline::PatchStatus>& all) {
    std::ostringstream o;
    if (all.empty()) o << "no patches (suture patch new)\n";
    for (const auto& s : all) {
        o << "patch " << s.patch.id << " " << s.patch.info.name << "\n  gates:";
        for (const auto& g : s.gates) {
            o << " " << g.gate << "=" << g.state;
            if (g.allowed) o << "(" << g.allowed << " allowed)";
        }
        o << "\n  next: " << s.next << "\n";
        o << "  digest: " << (s.digest ? to_hex(*s.digest) : std::string("none recorded")) << "\n";
        if (s.threshold) o << "  approvals: " << s.approvals << " of " << s.threshold << "\n";
        if (s.blockers.empty()) o << "  ready to deploy (deploy re-checks against the builds and the chain)\n";
        for (const auto& b : s.blockers) o << "  blocked: " << b << "\n";
    }
    return o.str();
}

json status_json(const std::vector<pipeline::PatchStatus>& all) {
    json out = json::array();
    for (const auto& s : all) {
        json gates = json::array();
        for (const auto& g : s.gates)
            gates.push_back({{"gate", g.gate}, {"state", g.state}, {"allowed", g.allowed}, {"blocking", g.blocking}});
        out.push_back({{"patch_id", s.patch.id}, {"name", s.patch.info.name}, {"gates", gates}, {"next", s.next},
                       {"digest", s.digest ? json(to_hex(*s.digest)) : json()}, {"approvals", s.approvals},
                       {"threshold", s.threshold}, {"blockers", s.blockers}});
    }
    return out;
}

std::string patch_list_text(const std::vector<ledger::Patch>& patches) {
    std::ostringstream o;
    if (patches.empty()) o << "no patches\n";
    for (const auto& p : patches)
        o << p.id << "  " << p.info.name << "  "
          << (p.info.incident_id ? "incident " + std::to_string(*p.info.incident_id) : std::string("no incident")) << "  "
          << p.info.manifest << "\n";
    return o.str();
}

std::string patch_record_text(const PatchRecord& p) {
    std::ostringstream o;
    o << "patch " << p.patch.id << ": " << p.patch.info.name << "\n"
      << "  manifest:  " << p.patch.info.manifest << "\n";
    if (p.patch.info.incident_id) o << "  incident:  " << *p.patch.info.incident_id << "\n";
    o << "  gate runs:" << (p.runs.empty() ? " none (suture run --patch " + std::to_string(p.patch.id) + ")" : "") << "\n";
    for (const auto& r : p.runs) {
        o << "    " << r.id << "  " << r.info.gate << ": " << verdict_word(r.info.verdict) << "  (input "
          << to_hex(r.info.input_hash).substr(0, 18) << "...)\n";
        if (r.info.verdict != "skipped") finding_lines(o, findings_of(r), "        ");
    }
    if (!p.digest) {
        o << "  digest:    none recorded\n";
    } else {
        o << "  digest:    " << to_hex(p.digest->digest) << "\n";
        for (const auto& [what, value] : ledger::describe_patch_digest_input(p.digest->inputs))
            o << "      " << what << ": " << value << "\n";
    }
    if (p.tally) {
        o << "  approvals: " << p.tally->signed_by.size() << " of " << p.tally->threshold << " counted\n";
        for (const auto& e : p.tally->entries)
            o << "      " << to_checksum(e.approval.reviewer) << "  " << ledger::standing_name(e.standing) << "\n";
    } else if (!p.policy_error.empty()) {
        o << "  approvals: not counted (" << p.policy_error << ")\n";
    }
    return o.str();
}

json patch_record_json(const PatchRecord& p) {
    json runs = json::array();
    for (const auto& r : p.runs)
        runs.push_back({{"id", r.id}, {"time", r.time}, {"gate", r.info.gate}, {"verdict", r.info.verdict},
                        {"input_hash", to_hex(r.info.input_hash)}, {"findings", r.info.findings}});
    json j{{"id", p.patch.id}, {"name", p.patch.info.name}, {"manifest", p.patch.info.manifest},
           {"incident_id", p.patch.info.incident_id ? json(*p.patch.info.incident_id) : json()}, {"gate_runs", runs}};
    j["digest"] = p.digest ? digest_input_json(p.digest->inputs, p.digest->digest) : json();
    j["approvals"] = p.tally ? tally_json(*p.tally) : json();
    return j;
}

std::string init_text(const pipeline::InitResult& r) {
    std::ostringstream o;
    o << "wrote " << r.path << "\n";
    for (const auto& f : r.found) o << "  " << f << "\n";
    o << "review it, then: suture patch new && suture run\n";
    return o.str();
}

std::string state_deploy_text(const pipeline::StateDeployOutcome& o) {
    std::ostringstream s;
    s << "deployed on " << o.file << " in block " << o.block << " (in-process EVM; audit record " << o.record_seq
      << ")\n";
    for (const auto& st : o.execution.steps) s << "  " << st.what << ": " << st.detail << "\n";
    if (o.execution.implementation) s << "implementation " << to_checksum(*o.execution.implementation) << "\n";
    return s.str();
}

json state_deploy_json(const pipeline::StateDeployOutcome& o) {
    json steps = json::array();
    for (const auto& st : o.execution.steps) steps.push_back({{"what", st.what}, {"ok", st.ok}, {"detail", st.detail}});
    return {{"file", o.file}, {"block", o.block}, {"record_seq", o.record_seq},
            {"implementation", o.execution.implementation ? json(to_checksum(*o.execution.implementation)) : json()},
            {"steps", steps}};
}

}  // namespace suture::report
