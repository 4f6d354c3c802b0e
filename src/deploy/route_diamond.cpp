// Route `diamond`: the owner calls diamondCut (EIP-2535) with the cut computed
// from the loupe: Replace what the old facet serves and the new one keeps, Add
// what is new, Remove what the new facet dropped. An initializer runs through
// diamondCut's (init, calldata) pair as a delegatecall into the new facet.
#include <map>

#include "deploy/route.hpp"

namespace suture::deploy {
namespace {

// The facet now serving most of the new facet's selectors (the diamond's own
// immutable functions excluded): the one the new facet replaces.
std::optional<Address> guess_old_facet(const upgrade::ProxyInfo& info, const std::vector<uint32_t>& fresh) {
    std::map<Address, size_t> hits;
    for (const auto& f : info.facets) {
        if (f.address == info.address) continue;
        for (auto s : f.selectors)
            if (std::binary_search(fresh.begin(), fresh.end(), s)) ++hits[f.address];
    }
    std::optional<Address> best;
    size_t most = 0;
    for (const auto& [a, n] : hits)
        if (n > most) most = n, best = a;
    return best;
}

}  // namespace

Result<MechanismPlan> plan_diamond(RouteContext&, const upgrade::ProxyInfo& info, const UpgradeTarget& target) {
    if (info.kind != upgrade::ProxyPattern::diamond)
        return wrong_proxy_kind("diamond", info, ", not an EIP-2535 diamond with a loupe");
    MechanismPlan plan;
    plan.mechanism = "diamond";
    if (!info.authorities.empty()) plan.sender = info.authorities[0].address;
    if (target.cuts) {
        plan.cuts = *target.cuts;
    } else {
        std::vector<uint32_t> fresh = target.new_selectors;
        std::sort(fresh.begin(), fresh.end());
        auto old = target.old_facet ? target.old_facet : guess_old_facet(info, fresh);
        if (!old)
            return input_error("route diamond: no facet of " + to_checksum(info.address) +
                               " serves any function of the new facet; name the facet to replace (--old-facet)");
        SUTURE_TRY(cuts, diamond_cut_diff(info.facets, info.address, *old, target.implementation, fresh));
        plan.cuts = std::move(cuts);
    }
    Address init = target.init_data.empty() ? Address{} : target.implementation;
    SUTURE_TRY(data, diamond_cut_calldata(plan.cuts, init, target.init_data));
    std::string what = "diamondCut(";
    for (size_t i = 0; i < plan.cuts.size(); ++i)
        what += (i ? ", " : "") + std::string(facet_cut_action_name(plan.cuts[i].action)) + " " +
                std::to_string(plan.cuts[i].selectors.size());
    what += target.init_data.empty() ? ")" : ", init " + to_checksum(init) + ")";
    plan.calls.push_back({info.address, uint256(0), std::move(data), what});
    return plan;
}

}  // namespace suture::deploy
