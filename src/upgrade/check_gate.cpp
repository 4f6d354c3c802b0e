#include "upgrade/check_gate.hpp"

namespace suture::upgrade {

size_t CheckResult::failed() const {
    size_t n = 0;
    for (const auto& r : reports) n += has_errors(r.findings) ? 1 : 0;
    return n;
}

AllowanceVerdict apply_allowances(const Findings& findings, const std::vector<Allowance>& allow) {
    AllowanceVerdict v;
    std::vector<bool> used(allow.size(), false);
    for (const auto& f : findings) {
        if (f.suppressed || f.severity != Severity::error) continue;
        size_t i = 0;
        while (i < allow.size() && allow[i].code != f.code) ++i;
        if (i == allow.size()) {
            v.blocking.push_back(f);
            continue;
        }
        used[i] = true;
        v.allowed.push_back({f, allow[i].reason});
    }
    for (size_t i = 0; i < allow.size(); ++i)
        if (!used[i]) v.unused.push_back(allow[i]);
    return v;
}

namespace {

// The builds of one run: the new one, and the old one when it is another file
// (one build holding both versions is loaded once).
struct LoadedBuilds {
    const solidity::BuildSet* new_set = nullptr;
    const solidity::BuildSet* old_set = nullptr;  // null: no old build given
};

Result<LoadedBuilds> load_builds(const CheckRequest& req, CheckResult& out) {
    // Reserved up front: the pointers handed out below must not move.
    out.builds.reserve(2);
    SUTURE_TRY(new_set, solidity::load_build(req.new_build, req.load));
    out.build_path = new_set.path;
    out.builds.push_back(std::move(new_set));
    LoadedBuilds b;
    b.new_set = &out.builds.back();
    if (req.old_build.empty()) return b;
    if (req.old_build == req.new_build) {
        b.old_set = b.new_set;
        return b;
    }
    SUTURE_TRY(old_set, solidity::load_build(req.old_build, req.load));
    out.builds.push_back(std::move(old_set));
    b.old_set = &out.builds.back();
    return b;
}

// Every upgradeable contract of the build, as OpenZeppelin's `validate` (check_build.hpp).
Status check_whole(const CheckRequest& req, const LoadedBuilds& b, CheckResult& out) {
    BuildCheckOptions bo;
    bo.check = req.check;
    bo.select = req.select;
    bo.references = b.old_set != b.new_set ? b.old_set : nullptr;
    out.whole_build = true;
    out.select = req.select;
    SUTURE_TRY(reports, check_build(*b.new_set, bo));
    out.reports = std::move(reports);
    return {};
}

// The old version is the code at req.live: read it (the implementation for a
// proxy) and find the contract of the old build (else the new one) it runs.
Result<CheckReport> check_live(const CheckRequest& req, const LoadedBuilds& b, const solidity::ContractRef& new_ref,
                               const CheckOptions& opt, CheckResult& out) {
    const auto& live = *req.live;
    if (!live.view) return internal_error("check gate: a live reference without a chain view");
    SUTURE_TRY(code, fetch_deployed_code(*live.view, live.address, live.block));
    MatchOptions mo;
    mo.contract = req.old_contract;
    mo.allow_unmatched = live.allow_unmatched;
    SUTURE_TRY(ref, match_deployed(std::move(code), b.old_set ? *b.old_set : *b.new_set, mo));
    out.live = std::move(ref);
    return check_against_deployed(*out.live, new_ref, opt);
}

}  // namespace

Result<CheckResult> run_check_gate(const CheckRequest& req) {
    // Usage is decided before any build is read: a mistake costs no load.
    if (req.new_contract.empty()) {
        if (!req.old_contract.empty()) return usage_error("--old-contract needs --new-contract NAME");
        if (req.live) return usage_error("--old-address needs --new-contract NAME");
    } else if (req.select == BuildSelection::all) {
        return usage_error("--all checks a whole build: drop --new-contract");
    } else if (!req.live) {
        if (!req.old_build.empty() && req.old_contract.empty()) return usage_error("--old needs --old-contract NAME");
        // Without an old build the check would silently be a single-contract one.
        if (req.old_build.empty() && !req.old_contract.empty())
            return usage_error("--old-contract needs --old BUILD (or --old-address ADDR)");
    }

    CheckResult out;
    SUTURE_TRY(b, load_builds(req, out));
    if (req.new_contract.empty()) {
        SUTURE_CHECK(check_whole(req, b, out));
        return out;
    }
    SUTURE_TRY(new_ref, solidity::find_contract(*b.new_set, req.new_contract));
    CheckOptions opt = req.check;
    for (const auto& f : req.facets) {
        SUTURE_TRY(ref, solidity::find_contract(*b.new_set, f));
        opt.facets.push_back(ref);
    }
    if (req.live) {
        SUTURE_TRY(r, check_live(req, b, new_ref, opt, out));
        out.reports.push_back(std::move(r));
    } else if (b.old_set) {
        SUTURE_TRY(old_ref, solidity::find_contract(*b.old_set, req.old_contract));
        SUTURE_TRY(r, check_upgrade(old_ref, new_ref, opt));
        out.reports.push_back(std::move(r));
    } else {
        SUTURE_TRY(r, check_implementation(new_ref, opt));
        out.reports.push_back(std::move(r));
    }
    return out;
}

}  // namespace suture::upgrade
