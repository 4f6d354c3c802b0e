// The patch report as JSON (patch_render.hpp; keys in docs/report.md).
#include "core/finding_json.hpp"
#include "core/hex.hpp"
#include "report/patch_render.hpp"
#include "upgrade/layout_json.hpp"

namespace suture::report {
namespace {

using nlohmann::json;

json opt(const std::optional<uint64_t>& v) { return v ? json(*v) : json(); }

json ledger_json(const PatchReport& r) {
    return {{"path", r.ledger_path},
            {"verified", r.integrity.intact},
            {"records", r.integrity.records},
            {"head", to_hex(r.integrity.head)},
            {"problems", r.integrity.problems},
            {"read_errors", r.read_errors}};
}

json digest_json(const ledger::PatchDigestRecord& d) {
    return {{"value", to_hex(d.digest)}, {"seq", d.seq}, {"time", d.time},
            {"inputs", ledger::patch_digest_input_to_json(d.inputs)}};
}

json gate_json(const GateRunView& g) {
    json j{{"id", g.id},         {"seq", g.seq},
           {"time", g.time},     {"gate", g.gate},
           {"verdict", g.verdict}, {"latest", g.latest},
           {"input_hash", to_hex(g.input_hash)}, {"findings", findings_json(g.findings)},
           {"unreadable_findings", g.unreadable_findings}};
    j["details"] = g.details ? pipeline::gate_details_json(*g.details) : json();
    return j;
}

}  // namespace

json patch_json(const PatchReport& r) {
    json out{{"schema", "suture-patch-report/1"}, {"ledger", ledger_json(r)}};
    out["patch"] = {{"id", r.patch.id},
                    {"name", r.patch.info.name},
                    {"manifest", r.patch.info.manifest},
                    {"seq", r.patch.seq},
                    {"time", r.patch.time},
                    {"status", r.status}};
    out["incident"] = r.incident ? json{{"id", r.incident->id},
                                        {"title", r.incident->info.title},
                                        {"severity", r.incident->info.severity},
                                        {"description", r.incident->info.description},
                                        {"time", r.incident->time}}
                                 : json();
    out["digest"] = r.digest ? digest_json(*r.digest) : json();

    json timeline = json::array();
    for (const auto& e : r.timeline)
        timeline.push_back({{"seq", e.seq}, {"time", e.time}, {"kind", e.kind}, {"summary", e.summary}});
    out["timeline"] = timeline;

    json gates = json::array();
    for (const auto& g : r.gates) gates.push_back(gate_json(g));
    out["gates"] = gates;

    out["layout"] = upgrade::layout_json(r.layout);
    json diffs = json::array();
    for (const auto& d : r.differences)
        diffs.push_back({{"gate", d.gate},
                         {"where", d.difference.where},
                         {"old", d.difference.old_result},
                         {"new", d.difference.new_result},
                         {"expected", d.difference.expected},
                         {"reason", d.difference.reason}});
    out["differences"] = diffs;
    pipeline::GateDetails rest;
    rest.gains = r.gains;
    rest.state = r.final_state;
    const json rest_json = pipeline::gate_details_json(rest);
    out["gains"] = rest_json["gains"];
    out["final_state"] = rest_json["state"];

    json approvals = json::array();
    for (const auto& a : r.approvals) {
        json j{{"id", a.id},           {"seq", a.seq},         {"time", a.time},
               {"reviewer", to_checksum(a.reviewer)}, {"digest", to_hex(a.digest)},
               {"signature", a.signature}, {"current", a.current}, {"valid", a.valid}};
        j["standing"] = a.standing.empty() ? json() : json(a.standing);
        approvals.push_back(std::move(j));
    }
    out["approvals"] = approvals;
    if (r.approval_summary) {
        json missing = json::array();
        for (const auto& m : r.approval_summary->missing) missing.push_back(to_checksum(m));
        out["approval_threshold"] = {{"counted", r.approval_summary->counted},
                                     {"threshold", r.approval_summary->threshold},
                                     {"met", r.approval_summary->counted >= r.approval_summary->threshold},
                                     {"missing", missing}};
    } else {
        out["approval_threshold"] = nullptr;
    }

    json txs = json::array();
    for (const auto& t : r.transactions)
        txs.push_back({{"step_id", t.step_id},
                       {"description", t.description},
                       {"nonce", opt(t.nonce)},
                       {"tx_hash", t.tx_hash ? json(to_hex(*t.tx_hash)) : json()},
                       {"status", t.status},
                       {"block", opt(t.block)},
                       {"seq", t.seq},
                       {"time", t.time}});
    out["transactions"] = txs;
    return out;
}

}  // namespace suture::report
