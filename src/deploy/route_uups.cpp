// Route `uups`: the account the implementation authorizes (_authorizeUpgrade,
// usually owner()) calls upgradeToAndCall on the proxy (EIP-1822). The current
// implementation runs that call, so its code decides whether the older
// upgradeTo(address) exists.
#include "deploy/route.hpp"

namespace suture::deploy {

Result<MechanismPlan> plan_uups(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target) {
    using upgrade::ProxyPattern;
    if (info.kind != ProxyPattern::uups && info.kind != ProxyPattern::eip1822)
        return wrong_proxy_kind("uups", info, "; its implementation does not answer EIP-1822 proxiableUUID()");
    if (!info.implementation) return input_error("route uups: the proxy has no implementation");
    SUTURE_TRY(code, ctx.view.code(*info.implementation));
    MechanismPlan plan;
    plan.mechanism = "uups";
    if (!info.authorities.empty() && info.authorities[0].relation == "owner()") plan.sender = info.authorities[0].address;
    plan.calls.push_back(proxy_upgrade_call(info.address, code, target, "proxy"));
    return plan;
}

}  // namespace suture::deploy
