#include "pipeline/pipeline_run.hpp"

#include "core/finding_json.hpp"
#include "core/hex.hpp"
#include "pipeline/gate.hpp"
#include "pipeline/patch_digest_inputs.hpp"

namespace suture::pipeline {
namespace {

Finding gate_finding(Severity s, const char* code, std::string message) {
    Finding f;
    f.severity = s;
    f.code = code;
    f.message = std::move(message);
    return f;
}

Result<GateRecord> run_gate(const GateDef& g, GateContext& ctx) {
    GateRecord rec;
    rec.gate = g.name;
    SUTURE_TRY(hash, gate_input_hash(g, ctx));
    rec.input_hash = hash;
    if (!g.configured(ctx.manifest)) {
        rec.verdict = "skipped";
        rec.findings.push_back(gate_finding(Severity::info, "gate-not-configured",
                                            std::string("the ") + g.name + " gate is not configured in " +
                                                ctx.manifest.path));
        return rec;
    }
    if (!g.run) {
        rec.verdict = "fail";
        rec.findings.push_back(gate_finding(
            Severity::error, "gate-not-available",
            std::string("the ") + g.name + " gate is configured in " + ctx.manifest.path +
                " but not available in this build of suture: nothing was checked, so the pipeline stops here"));
        return rec;
    }
    auto result = g.run(ctx);
    if (!result) {
        rec.verdict = "error";
        rec.findings.push_back(gate_finding(Severity::error, "gate-error",
                                            std::string("the ") + g.name + " gate could not run: " +
                                                result.error().message));
        return rec;
    }
    rec.findings = std::move(result->findings);
    rec.notes = std::move(result->notes);
    rec.details = std::move(result->details);
    allow_by_policy(ctx.manifest.policy, rec.findings);
    rec.verdict = has_errors(rec.findings) ? "fail" : "pass";
    return rec;
}

}  // namespace

const ledger::AllowRule* allow_rule(const ledger::Policy& p, const std::string& code) {
    for (const auto& r : p.allow)
        if (r.code == code && !r.reason.empty()) return &r;
    return nullptr;
}

void allow_by_policy(const ledger::Policy& policy, Findings& findings) {
    for (auto& f : findings) {
        if (f.severity != Severity::error || f.suppressed) continue;
        if (const ledger::AllowRule* r = allow_rule(policy, f.code)) {
            f.suppressed = true;
            f.suppressed_by = std::string(kAllowedByPolicy) + " (" + std::to_string(r->reviewers) +
                              " reviewer approval(s)): " + r->reason;
        }
    }
}

Result<RunReport> run_patch(const Manifest& m, ledger::Ledger& l, const RunOptions& o) {
    if (!o.until.empty() && !find_gate(o.until))
        return usage_error("--until " + o.until + ": not a gate (" + gate_names() + ")");
    SUTURE_TRY(patch, l.patch(o.patch_id));
    (void)patch;
    SUTURE_TRY(code, load_patch_code(m));
    SUTURE_TRY(chain, TargetChain::open(m));
    GateContext ctx{m, code, *chain};
    RunReport report;
    report.patch_id = o.patch_id;
    report.until = o.until;
    for (const auto& g : gates()) {
        if (o.on_gate_start) o.on_gate_start(g.name);
        if (o.on_progress)
            ctx.on_progress = [&o, name = g.name](uint64_t done, uint64_t total) { o.on_progress(name, done, total); };
        SUTURE_TRY(rec, run_gate(g, ctx));
        ledger::GateRunInput in;
        in.patch_id = o.patch_id;
        in.gate = rec.gate;
        in.input_hash = rec.input_hash;
        in.verdict = rec.verdict;
        in.findings = findings_json(rec.findings);
        // The run and what it established (docs/report.md "Gate details") commit together.
        SUTURE_CHECK(l.transaction([&]() -> Status {
            SUTURE_TRY(id, l.record_gate_run(in));
            rec.gate_run_id = id;
            if (!rec.details.empty()) SUTURE_CHECK(record_gate_details(l, o.patch_id, id, rec.details));
            return {};
        }));
        const bool stop = rec.verdict == "fail" || rec.verdict == "error";
        if (o.on_gate_done) o.on_gate_done(rec);
        report.gates.push_back(std::move(rec));
        if (stop) {
            report.stopped_at = g.name;
            break;
        }
        if (o.until == g.name) break;
    }
    SUTURE_TRY(runs, l.gate_runs(o.patch_id));
    SUTURE_TRY(report_hash, verification_report_hash(latest_gate_runs(runs)));
    report.digest_input = patch_digest_input(*chain, code, report_hash);
    report.digest = ledger::patch_digest(report.digest_input);
    SUTURE_TRY(latest, l.latest_patch_digest(o.patch_id));
    if (latest && latest->digest == report.digest) {
        report.digest_id = latest->id;
    } else {
        SUTURE_TRY(did, l.record_patch_digest(o.patch_id, report.digest_input));
        report.digest_id = did;
    }
    return report;
}

}  // namespace suture::pipeline
