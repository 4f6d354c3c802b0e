// Route `beacon`: the beacon's owner calls UpgradeableBeacon.upgradeTo; every
// BeaconProxy of that beacon switches at once. A beacon has no
// upgradeToAndCall, so an initializer is a second call to the proxy, sent by
// the same account right after.
#include "deploy/calldata.hpp"
#include "deploy/route.hpp"

namespace suture::deploy {

Result<MechanismPlan> plan_beacon(RouteContext&, const upgrade::ProxyInfo& info, const UpgradeTarget& target) {
    if (info.kind != upgrade::ProxyPattern::beacon || !info.beacon)
        return wrong_proxy_kind("beacon", info, ", not a beacon proxy");
    MechanismPlan plan;
    plan.mechanism = "beacon";
    if (!info.authorities.empty()) plan.sender = info.authorities[0].address;
    UpgradeCall c;
    c.to = *info.beacon;
    c.data = *calldata("upgradeTo(address)", {target.implementation});
    c.what = "beacon " + to_checksum(*info.beacon) + ".upgradeTo(" + to_checksum(target.implementation) + ")";
    plan.calls.push_back(std::move(c));
    if (!target.init_data.empty())
        plan.calls.push_back({info.address, uint256(0), target.init_data,
                              "proxy initializer call (" + std::to_string(target.init_data.size()) + " bytes)"});
    return plan;
}

}  // namespace suture::deploy
