// Route `proxy-admin`: the owner of an OpenZeppelin ProxyAdmin upgrades the
// transparent proxy through it. v4 has upgrade(proxy, impl) and
// upgradeAndCall(proxy, impl, data); v5 has upgradeAndCall only (with empty
// data for a plain upgrade). The version comes from the ProxyAdmin's code.
#include "deploy/calldata.hpp"
#include "deploy/route.hpp"

namespace suture::deploy {

Result<MechanismPlan> plan_proxy_admin(RouteContext&, const upgrade::ProxyInfo& info, const UpgradeTarget& target) {
    using upgrade::AuthorityKind;
    if (info.authorities.empty() || (info.authorities[0].kind != AuthorityKind::proxy_admin_v4 &&
                                     info.authorities[0].kind != AuthorityKind::proxy_admin_v5))
        return input_error("route proxy-admin: the admin of " + to_checksum(info.address) + " is " +
                           (info.authorities.empty() ? std::string("not set")
                                                     : std::string(upgrade::authority_kind_name(info.authorities[0].kind)) +
                                                           " " + to_checksum(info.authorities[0].address)) +
                           ", not an OpenZeppelin ProxyAdmin");
    const auto& pa = info.authorities[0];
    bool v4 = pa.kind == AuthorityKind::proxy_admin_v4;
    MechanismPlan plan;
    plan.mechanism = v4 ? "proxy-admin v4" : "proxy-admin v5";
    if (info.authorities.size() > 1) plan.sender = info.authorities[1].address;
    UpgradeCall c;
    c.to = pa.address;
    std::string who = std::string("ProxyAdmin(") + (v4 ? "v4" : "v5") + ")";
    if (v4 && target.init_data.empty()) {
        c.data = *calldata("upgrade(address,address)", {info.address, target.implementation});
        c.what = who + ".upgrade(" + to_checksum(info.address) + ", " + to_checksum(target.implementation) + ")";
    } else {
        c.data = *calldata("upgradeAndCall(address,address,bytes)", {info.address, target.implementation, target.init_data});
        c.what = who + ".upgradeAndCall(" + to_checksum(info.address) + ", " + to_checksum(target.implementation) +
                 ", " + std::to_string(target.init_data.size()) + " bytes)";
    }
    plan.calls.push_back(std::move(c));
    return plan;
}

}  // namespace suture::deploy
