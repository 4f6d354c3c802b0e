// Route `direct`: the proxy's admin account calls the proxy itself
// (OpenZeppelin 4 transparent proxies and ZeppelinOS proxies whose admin is an
// account, not a ProxyAdmin contract).
#include "core/abi_encode.hpp"
#include "deploy/calldata.hpp"
#include "deploy/route.hpp"
#include "upgrade/proxy_code_scan.hpp"

namespace suture::deploy {

UpgradeCall proxy_upgrade_call(const Address& proxy, BytesView dispatcher_code, const UpgradeTarget& target,
                               const std::string& who) {
    static const auto upgrade_to = abi::selector("upgradeTo(address)");
    uint32_t sel = (uint32_t(upgrade_to[0]) << 24) | (uint32_t(upgrade_to[1]) << 16) | (uint32_t(upgrade_to[2]) << 8) |
                   upgrade_to[3];
    UpgradeCall c;
    c.to = proxy;
    if (target.init_data.empty() && upgrade::has_selector(dispatcher_code, sel)) {
        c.data = *calldata("upgradeTo(address)", {target.implementation});
        c.what = who + ".upgradeTo(" + to_checksum(target.implementation) + ")";
    } else {
        c.data = *calldata("upgradeToAndCall(address,bytes)", {target.implementation, target.init_data});
        c.what = who + ".upgradeToAndCall(" + to_checksum(target.implementation) + ", " +
                 (target.init_data.empty() ? std::string("no call") : std::to_string(target.init_data.size()) + " bytes") +
                 ")";
    }
    return c;
}

Result<MechanismPlan> plan_direct(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target) {
    using upgrade::ProxyPattern;
    if (info.kind != ProxyPattern::transparent && info.kind != ProxyPattern::zos)
        return wrong_proxy_kind("direct", info, "; `direct` upgrades transparent or ZeppelinOS proxies through their admin");
    if (info.authorities.empty()) return input_error("route direct: the proxy has no admin in its admin slot");
    const auto& admin = info.authorities[0];
    if (admin.kind == upgrade::AuthorityKind::proxy_admin_v4 || admin.kind == upgrade::AuthorityKind::proxy_admin_v5)
        return input_error("route direct: the admin " + to_checksum(admin.address) + " is a ProxyAdmin (" +
                           upgrade::authority_kind_name(admin.kind) + "); use --route proxy-admin");
    SUTURE_TRY(code, ctx.view.code(info.address));
    MechanismPlan plan;
    plan.mechanism = "direct";
    plan.sender = admin.address;
    plan.calls.push_back(proxy_upgrade_call(info.address, code, target, "proxy"));
    return plan;
}

}  // namespace suture::deploy
