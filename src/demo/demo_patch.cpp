#include "demo/demo_patch.hpp"

#include <chrono>
#include <filesystem>

namespace suture::demo {
namespace {

using Clock = std::chrono::steady_clock;

std::chrono::milliseconds since(Clock::time_point t) {
    return std::chrono::duration_cast<std::chrono::milliseconds>(Clock::now() - t);
}

}  // namespace

std::vector<std::string> finding_lines(const Findings& findings, size_t max_lines) {
    std::vector<std::string> out;
    size_t shown = 0, total = 0;
    for (int pass = 0; pass < 3; ++pass) {
        for (const auto& f : findings) {
            // Errors that stand, then allowed ones, then warnings; info is left out.
            const bool error = f.severity == Severity::error && !f.suppressed;
            // Allowed by an annotation in the source (reviewed there): in the report, not the narrative.
            const bool allowed = f.suppressed && f.suppressed_by.rfind("@custom:", 0) != 0;
            if (f.suppressed && !allowed) continue;
            const bool warning = f.severity == Severity::warning && !f.suppressed;
            if ((pass == 0 && !error) || (pass == 1 && !allowed) || (pass == 2 && !warning)) continue;
            ++total;
            if (shown >= max_lines) continue;
            std::string line = std::string(severity_name(f.severity)) + " " + f.code + ": " + f.message;
            if (allowed) line += " (allowed: " + f.suppressed_by + ")";
            out.push_back(std::move(line));
            ++shown;
        }
    }
    if (total > shown) out.push_back("... and " + std::to_string(total - shown) + " more");
    return out;
}

Result<GateRunOutcome> run_gates(const pipeline::Manifest& m, ledger::Ledger& l, const GateRunSpec& spec,
                                 DemoObserver& obs) {
    ledger::PatchInput in;
    in.name = m.patch.name;
    in.manifest = std::filesystem::absolute(m.path).lexically_normal().string();
    in.incident_id = spec.incident;
    SUTURE_TRY(patch_id, l.add_patch(in));

    GateRunOutcome out;
    out.patch_id = patch_id;
    Clock::time_point started{};
    pipeline::RunOptions o;
    o.patch_id = patch_id;
    o.on_gate_start = [&](std::string_view gate) {
        started = Clock::now();
        obs.begin(spec.step_prefix + "gate:" + std::string(gate), std::string(gate));
    };
    o.on_progress = [&](std::string_view gate, uint64_t done, uint64_t total) {
        obs.progress(spec.step_prefix + "gate:" + std::string(gate), done, total);
    };
    o.on_gate_done = [&](const pipeline::GateRecord& r) {
        StepEnd e;
        e.elapsed = since(started);
        const bool stopped = r.verdict == "fail" || r.verdict == "error";
        const bool expected_stop = stopped && r.gate == spec.expect_stop;
        e.status = (!stopped || expected_stop) ? StepStatus::ok : StepStatus::failed;
        if (expected_stop) e.summary = r.verdict + ": stopped here, as this gate should";
        else e.summary = r.verdict;
        if (!r.notes.empty()) e.summary += " (" + r.notes.front() + ")";
        e.detail = finding_lines(r.findings, expected_stop ? 6 : 4);
        obs.end(spec.step_prefix + "gate:" + r.gate, e);
    };
    SUTURE_TRY(run, pipeline::run_patch(m, l, o));
    out.as_expected = run.stopped_at == spec.expect_stop;
    out.run = std::move(run);
    return out;
}

Result<ledger::ApprovalTally> approve_digest(const pipeline::Manifest& m, ledger::Ledger& l, int64_t patch_id,
                                             const Bytes32& digest, const std::vector<const chain::SecretKey*>& keys) {
    for (const auto* key : keys) {
        ledger::Approval a = ledger::sign_approval(*key, digest);
        SUTURE_CHECK(ledger::admit_approval(m.policy, digest, a));
        SUTURE_TRY(id, l.record_approval(a, patch_id));
        (void)id;
    }
    SUTURE_TRY(all, l.approvals(digest));
    std::vector<ledger::Approval> approvals;
    for (const auto& r : all) approvals.push_back(r.approval);
    return ledger::tally_approvals(m.policy, digest, approvals);
}

}  // namespace suture::demo
