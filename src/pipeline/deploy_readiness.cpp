#include "pipeline/deploy_readiness.hpp"

#include <algorithm>

#include "core/finding_json.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "pipeline/gate.hpp"
#include "pipeline/patch_digest_inputs.hpp"
#include "pipeline/pipeline_run.hpp"

namespace suture::pipeline {
namespace {

// Each digest input that differs between what was recorded for review and now.
std::vector<std::string> digest_changes(const ledger::PatchDigestInput& was, const ledger::PatchDigestInput& now) {
    std::vector<std::string> out;
    auto hash = [&](const char* what, const Bytes32& a, const Bytes32& b) {
        if (a != b) out.push_back(std::string(what) + " was " + to_hex(a) + ", is " + to_hex(b) + " now");
    };
    if (was.chain_id != now.chain_id)
        out.push_back("chain id was " + std::to_string(was.chain_id) + ", is " + std::to_string(now.chain_id) + " now");
    if (was.target != now.target)
        out.push_back("target was " + to_checksum(was.target) + ", is " + to_checksum(now.target) + " now");
    if (was.route != now.route) out.push_back("route was " + was.route + ", is " + now.route + " now");
    hash("the runtime code live behind the target (old code hash)", was.old_code_hash, now.old_code_hash);
    if (was.new_code_hash != now.new_code_hash)
        out.push_back("the bytecode about to be deployed hashes to " + to_hex(now.new_code_hash) +
                      ", not to the reviewed " + to_hex(was.new_code_hash) + " (the new build changed)");
    hash("the storage layout hash", was.layout_hash, now.layout_hash);
    if (was.initializer != now.initializer)
        out.push_back("the initializer calldata was " + to_hex(was.initializer) + ", is " + to_hex(now.initializer) +
                      " now");
    hash("the verification report hash (gate runs)", was.report_hash, now.report_hash);
    return out;
}

void check_gates(const Manifest& m, int64_t patch_id, const std::vector<ledger::GateRun>& latest, GateContext& ctx,
                 unsigned counted, std::vector<std::string>& missing) {
    for (const auto& g : gates()) {
        auto run = std::find_if(latest.begin(), latest.end(), [&](const auto& r) { return r.info.gate == g.name; });
        const std::string name = std::string("gate ") + g.name;
        if (run == latest.end()) {
            missing.push_back(name + " has not run (suture run --patch " + std::to_string(patch_id) + ")");
            continue;
        }
        const auto& v = run->info.verdict;
        if (v == "skipped" && g.configured(m)) {
            missing.push_back(name + " was skipped as not configured, but " + m.path + " configures it now: run it");
            continue;
        }
        if (v != "pass" && v != "skipped") {
            std::string codes;
            for (const auto& fj : run->info.findings) {
                auto f = finding_from_json(fj);
                if (f && f->severity == Severity::error && !f->suppressed)
                    codes += (codes.empty() ? "" : ", ") + f->code;
            }
            missing.push_back(name + " " + (v == "error" ? "could not run" : "failed") +
                              (codes.empty() ? std::string() : " (" + codes + ")") +
                              "; fix it, or allow each finding in [[policy.allow]] with a reason, and run again");
            continue;
        }
        auto now = gate_input_hash(g, ctx);
        if (!now || *now != run->info.input_hash) {
            missing.push_back(name + " ran on other inputs than today's (the builds, the manifest or the chain changed): run it again");
            continue;
        }
        for (const auto& fj : run->info.findings) {
            auto f = finding_from_json(fj);
            if (!f || !f->suppressed || f->severity != Severity::error) continue;
            if (!f->suppressed_by.starts_with(kAllowedByPolicy)) continue;
            const ledger::AllowRule* rule = allow_rule(m.policy, f->code);
            if (!rule) {
                missing.push_back(name + ": finding " + f->code + " was allowed by a [[policy.allow]] rule that " + m.path +
                                  " no longer has (with a reason)");
            } else if (counted < rule->reviewers) {
                missing.push_back(name + ": finding " + f->code + " is allowed (\"" + rule->reason + "\") only with " +
                                  std::to_string(rule->reviewers) + " reviewer approval(s) of the current digest; " +
                                  std::to_string(counted) + " counted");
            }
        }
    }
}

}  // namespace

Result<DeployReadiness> deploy_readiness(const Manifest& m, ledger::Ledger& l, int64_t patch_id, TargetChain& chain,
                                         const PatchCode& code) {
    DeployReadiness r;
    r.patch_id = patch_id;
    SUTURE_TRY(patch, l.patch(patch_id));
    (void)patch;
    // A ledger edited by hand (plain SQL) may say that a gate passed or a reviewer
    // signed when neither happened: nothing is deployed on records that do not verify.
    SUTURE_TRY(audit, l.verify());
    if (!audit.intact())
        r.missing.push_back("the ledger does not verify (" + audit.problems.front().message +
                            "); run `suture log verify`");
    SUTURE_TRY(runs, l.gate_runs(patch_id));
    const auto latest = latest_gate_runs(runs);
    SUTURE_TRY(report_hash, verification_report_hash(latest));
    r.current = patch_digest_input(chain, code, report_hash);
    r.digest = ledger::patch_digest(r.current);

    SUTURE_TRY(approvals, l.approvals(r.digest));
    std::vector<ledger::Approval> list;
    for (const auto& a : approvals) list.push_back(a.approval);
    r.tally = ledger::tally_approvals(m.policy, r.digest, list);

    GateContext ctx{m, code, chain};
    check_gates(m, patch_id, latest, ctx, unsigned(r.tally.signed_by.size()), r.missing);

    SUTURE_TRY(recorded, l.latest_patch_digest(patch_id));
    if (!recorded) {
        r.missing.push_back("no patch digest recorded for review (suture run --patch " + std::to_string(patch_id) + ")");
    } else if (recorded->digest != r.digest) {
        std::string why;
        for (const auto& c : digest_changes(recorded->inputs, r.current)) why += "; " + c;
        r.missing.push_back("the patch digest now is " + to_hex(r.digest) + ", not the reviewed " +
                            to_hex(recorded->digest) + why);
    }
    if (!r.tally.met()) {
        auto s = ledger::require_approvals(r.tally);
        std::string msg = s.ok() ? "approvals below the threshold" : s.error().message;
        for (const auto& e : r.tally.entries)
            if (e.standing != ledger::ApprovalStanding::counted)
                msg += "; the approval by " + to_checksum(e.approval.reviewer) + " does not count (" +
                       ledger::standing_name(e.standing) + ")";
        r.missing.push_back(msg);
    }
    return r;
}

void check_deploy_intent(DeployReadiness& r, const DeployIntent& intent) {
    if (intent.route != r.current.route)
        r.missing.push_back("--route " + intent.route + " is not the reviewed route " + r.current.route);
    if (intent.proxy != r.current.target)
        r.missing.push_back("--proxy " + to_checksum(intent.proxy) + " is not the reviewed target " +
                            to_checksum(r.current.target));
    if (!intent.new_runtime)
        r.missing.push_back("no artifact to deploy: the reviewed digest commits to the new build's runtime code");
    else if (keccak256(*intent.new_runtime) != r.current.new_code_hash)
        r.missing.push_back("the bytecode about to be deployed hashes to " + to_hex(keccak256(*intent.new_runtime)) +
                            ", not to the reviewed " + to_hex(r.current.new_code_hash));
    if (intent.initializer != r.current.initializer)
        r.missing.push_back("the initializer calldata " + to_hex(intent.initializer) + " is not the reviewed " +
                            to_hex(r.current.initializer));
}

Status require_ready(const DeployReadiness& r) {
    if (r.ready()) return {};
    std::string msg = "deploy of patch " + std::to_string(r.patch_id) + " refused; nothing was sent:";
    for (const auto& m : r.missing) msg += "\n  - " + m;
    return Error{ErrorKind::findings, msg};
}

}  // namespace suture::pipeline
