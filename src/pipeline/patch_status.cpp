#include "pipeline/patch_status.hpp"

#include <algorithm>
#include <map>
#include <unordered_map>

#include "core/finding_json.hpp"
#include "core/hex.hpp"
#include "pipeline/gate.hpp"
#include "pipeline/manifest.hpp"
#include "pipeline/pipeline_run.hpp"

namespace suture::pipeline {
namespace {

GateStanding standing(const std::string& gate, const ledger::GateRun* run) {
    GateStanding s{gate, run ? run->info.verdict : "pending"};
    if (!run) return s;
    // The run's error findings only (FindingFilter::errors: objects).
    for (const auto& fj : run->info.findings) {
        if (!fj.is_object() || fj.value("severity", nlohmann::json()) != "error") continue;
        auto sup = fj.find("suppressed");
        auto by = fj.find("suppressed_by");
        if (sup == fj.end() || *sup != true) ++s.blocking;
        else if (by != fj.end() && by->is_string() && by->get_ref<const std::string&>().starts_with(kAllowedByPolicy))
            ++s.allowed;
    }
    return s;
}

}  // namespace

Result<std::vector<PatchStatus>> patch_statuses(ledger::Ledger& l, std::optional<int64_t> patch_id) {
    std::vector<ledger::Patch> patches;
    if (patch_id) {
        SUTURE_TRY(p, l.patch(*patch_id));
        patches.push_back(std::move(p));
    } else {
        SUTURE_TRY(all, l.patches());
        patches = std::move(all);
    }
    // Only what stands: the latest run of each (patch, gate), the latest digest of each patch.
    // Only error findings count (blocking or allowed): the ledger selects them in SQL.
    SUTURE_TRY(runs, l.latest_gate_runs(patch_id, ledger::FindingFilter::errors));
    SUTURE_TRY(digests, l.latest_patch_digests(patch_id));
    SUTURE_TRY(approvals, l.approvals());

    // Runs by (patch, gate); digest by patch; approvals by digest.
    std::unordered_map<int64_t, std::map<std::string, const ledger::GateRun*>> latest;
    for (const auto& r : runs) latest[r.info.patch_id][r.info.gate] = &r;
    std::unordered_map<int64_t, Bytes32> digest_of;
    for (const auto& d : digests) digest_of[d.patch_id] = d.digest;
    std::map<Bytes32, std::vector<ledger::Approval>> by_digest;
    for (const auto& a : approvals) by_digest[a.approval.digest].push_back(a.approval);
    std::map<std::string, Result<Manifest>> manifests;

    std::vector<PatchStatus> out;
    out.reserve(patches.size());
    for (const auto& p : patches) {
        PatchStatus s;
        s.patch = p;
        const auto& mine = latest[p.id];
        for (const auto& g : gates()) {
            auto it = mine.find(g.name);
            s.gates.push_back(standing(g.name, it == mine.end() ? nullptr : it->second));
            const auto& st = s.gates.back();
            if (st.state == "pending") s.blockers.push_back(std::string("gate ") + g.name + " has not run");
            else if (st.state == "fail" || st.state == "error")
                s.blockers.push_back(std::string("gate ") + g.name + (st.state == "fail" ? " failed" : " could not run") +
                                     " (" + std::to_string(st.blocking) + " finding(s) not allowed)");
            if (s.next.empty() && st.state != "pass" && st.state != "skipped") s.next = g.name;
        }
        if (auto d = digest_of.find(p.id); d != digest_of.end()) s.digest = d->second;
        else s.blockers.push_back("no patch digest recorded (run the pipeline)");

        auto m = manifests.find(p.info.manifest);
        if (m == manifests.end()) m = manifests.emplace(p.info.manifest, load_manifest(p.info.manifest)).first;
        if (!m->second.ok()) {
            s.blockers.push_back("its manifest cannot be read: " + m->second.error().message);
        } else if (s.digest) {
            // Counted as recorded: the ledger admitted only approvals whose signature
            // recovers to their reviewer (and `log verify` finds rows edited since);
            // deploy readiness recovers every signature again before anything is sent.
            const ledger::Policy& policy = m->second->policy;
            std::vector<Address> counted;
            if (auto it = by_digest.find(*s.digest); it != by_digest.end())
                for (const auto& a : it->second)
                    if (std::find(policy.reviewers.begin(), policy.reviewers.end(), a.reviewer) != policy.reviewers.end() &&
                        std::find(counted.begin(), counted.end(), a.reviewer) == counted.end())
                        counted.push_back(a.reviewer);
            s.approvals = counted.size();
            s.threshold = policy.threshold;
            if (s.approvals < s.threshold)
                s.blockers.push_back(std::to_string(s.approvals) + " of " + std::to_string(s.threshold) +
                                     " approvals of digest " + to_hex(*s.digest).substr(0, 10) + "...");
        }
        if (s.next.empty()) s.next = s.approvals >= s.threshold && s.threshold > 0 ? "deploy" : "approve";
        out.push_back(std::move(s));
    }
    return out;
}

}  // namespace suture::pipeline
