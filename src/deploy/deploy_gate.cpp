#include "deploy/deploy_gate.hpp"

namespace suture::deploy {
namespace {

// The proxy kind as the check's rules know it; automatic when they have no
// rules for it.
upgrade::ProxyKind check_kind(upgrade::ProxyPattern p) {
    using upgrade::ProxyPattern;
    switch (p) {
    case ProxyPattern::transparent:
    case ProxyPattern::zos: return upgrade::ProxyKind::transparent;
    case ProxyPattern::uups:
    case ProxyPattern::eip1822: return upgrade::ProxyKind::uups;
    case ProxyPattern::beacon: return upgrade::ProxyKind::beacon;
    case ProxyPattern::diamond: return upgrade::ProxyKind::diamond;
    default: return upgrade::ProxyKind::automatic;
    }
}

Finding not_run() {
    Finding f;
    f.severity = Severity::error;
    f.code = "check-not-run";
    f.message = "the new implementation was not checked for upgrade safety: no build names it";
    f.hint = "Give --artifact BUILD --contract NAME (the build it was compiled in)";
    return f;
}

}  // namespace

Result<CheckGateRun> run_check_gate(upgrade::ChainView& view, uint64_t block,
                                    const std::optional<upgrade::CheckRequest>& request,
                                    const std::vector<upgrade::Allowance>& allow, const upgrade::ProxyInfo& proxy,
                                    const std::optional<Address>& old_facet) {
    CheckGateRun run;
    if (!request) {
        run.own.push_back(not_run());
        run.verdict = upgrade::apply_allowances(run.own, allow);
        return run;
    }
    upgrade::CheckRequest req = *request;
    if (req.check.proxy == upgrade::ProxyKind::automatic) req.check.proxy = check_kind(proxy.kind);
    // A diamond's code is spread over facets: the old version is the facet
    // being replaced, when the user named it.
    std::optional<Address> live = proxy.address;
    if (proxy.kind == upgrade::ProxyPattern::diamond) {
        live = old_facet;
        if (!live) run.notes.push_back("diamond: the new facet is checked on its own (give --old-facet to compare it "
                                       "with the facet it replaces)");
    }
    if (live) {
        upgrade::LiveReference ref;
        ref.address = *live;
        ref.view = &view;
        ref.block = block;
        ref.allow_unmatched = true;  // an error below, which --allow can override
        req.live = ref;
    }
    SUTURE_TRY(result, upgrade::run_check_gate(req));
    for (auto& rep : result.reports)
        for (auto& f : rep.findings)
            if (f.code == "deployed-unmatched" && f.severity != Severity::error) {
                f.severity = Severity::error;
                f.hint = "Give the build the live implementation was compiled in (--old BUILD), or --allow "
                         "deployed-unmatched --reason TEXT";
            }
    Findings all;
    for (const auto& rep : result.reports) all.insert(all.end(), rep.findings.begin(), rep.findings.end());
    run.verdict = upgrade::apply_allowances(all, allow);
    run.check = std::move(result);
    return run;
}

}  // namespace suture::deploy
