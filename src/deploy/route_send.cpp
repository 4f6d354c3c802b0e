// Sending a plan from an account (the EOA routes), and the checks that the
// keys given can do it, made before anything is sent.
#include "deploy/route.hpp"

namespace suture::deploy {

const char* route_name(Route r) {
    switch (r) {
    case Route::direct: return "direct";
    case Route::proxy_admin: return "proxy-admin";
    case Route::uups: return "uups";
    case Route::beacon: return "beacon";
    case Route::diamond: return "diamond";
    case Route::timelock: return "timelock";
    case Route::safe: return "safe";
    }
    return "direct";
}

Result<Route> parse_route(std::string_view name) {
    for (auto r : {Route::direct, Route::proxy_admin, Route::uups, Route::beacon, Route::diamond, Route::timelock,
                   Route::safe})
        if (name == route_name(r)) return r;
    return usage_error("unknown route '" + std::string(name) +
                       "' (direct, proxy-admin, uups, beacon, diamond, timelock, safe)");
}

Error wrong_proxy_kind(std::string_view route, const upgrade::ProxyInfo& info, std::string_view why) {
    return input_error("route " + std::string(route) + ": " + to_checksum(info.address) + " is a " +
                       upgrade::proxy_pattern_name(info.kind) + " proxy" + std::string(why));
}

Error not_authorized_by(std::string_view route, const RouteContext& ctx, const MechanismPlan& plan,
                        std::string_view contract) {
    return input_error("route " + std::string(route) + ": " + plan.mechanism + " upgrades of " +
                       to_checksum(ctx.request.proxy) + " are authorized by " +
                       (plan.sender ? to_checksum(*plan.sender) : std::string("nobody known")) + ", which is not a " +
                       std::string(contract));
}

Result<MechanismPlan> plan_mechanism(RouteContext& ctx, const upgrade::ProxyInfo& info, const UpgradeTarget& target) {
    using upgrade::ProxyPattern;
    switch (ctx.request.route) {
    case Route::direct: return plan_direct(ctx, info, target);
    case Route::proxy_admin: return plan_proxy_admin(ctx, info, target);
    case Route::uups: return plan_uups(ctx, info, target);
    case Route::beacon: return plan_beacon(ctx, info, target);
    case Route::diamond: return plan_diamond(ctx, info, target);
    case Route::timelock:
    case Route::safe: break;
    }
    // Timelock and Safe execute whatever mechanism the proxy kind needs.
    switch (info.kind) {
    case ProxyPattern::transparent:
    case ProxyPattern::zos: {
        bool via_admin = !info.authorities.empty() &&
                         (info.authorities[0].kind == upgrade::AuthorityKind::proxy_admin_v4 ||
                          info.authorities[0].kind == upgrade::AuthorityKind::proxy_admin_v5);
        return via_admin ? plan_proxy_admin(ctx, info, target) : plan_direct(ctx, info, target);
    }
    case ProxyPattern::uups:
    case ProxyPattern::eip1822: return plan_uups(ctx, info, target);
    case ProxyPattern::beacon: return plan_beacon(ctx, info, target);
    case ProxyPattern::diamond: return plan_diamond(ctx, info, target);
    default:
        return input_error(std::string("route ") + route_name(ctx.request.route) + ": no upgrade mechanism for a " +
                           upgrade::proxy_pattern_name(info.kind) + " proxy");
    }
}

Status send_step(RouteContext& ctx, const TxRequest& req, const chain::SecretKey& key) {
    if (ctx.request.dry_run) {
        ctx.outcome.planned.push_back(req);
        return {};
    }
    SUTURE_TRY(sent, ctx.sender.send(req, key));
    ctx.outcome.sent.push_back(std::move(sent));
    return {};
}

Status check_executor(RouteContext& ctx, const MechanismPlan& plan) {
    switch (ctx.request.route) {
    case Route::timelock: return check_timelock(ctx, plan);
    case Route::safe: return check_safe(ctx, plan);
    default: break;
    }
    const auto* key = ctx.request.admin;
    if (!key) return usage_error(std::string("route ") + route_name(ctx.request.route) + ": no key to send the upgrade from");
    if (!plan.sender) {
        ctx.outcome.notes.push_back("the proxy names no owner(); whether " + to_checksum(key->address()) +
                                    " may upgrade is left to the simulation of each call");
        return {};
    }
    if (*plan.sender != key->address()) {
        std::string hint;
        for (const auto& a : ctx.outcome.before.authorities)
            if (a.address == *plan.sender && (a.kind == upgrade::AuthorityKind::timelock || a.kind == upgrade::AuthorityKind::safe))
                hint = std::string(" (it is a ") + upgrade::authority_kind_name(a.kind) + ": use --route " +
                       upgrade::authority_kind_name(a.kind) + ")";
        return input_error(std::string("route ") + route_name(ctx.request.route) + ": the key given is for " +
                           to_checksum(key->address()) + ", but " + plan.mechanism + " upgrades of " +
                           to_checksum(ctx.request.proxy) + " must come from " + to_checksum(*plan.sender) + hint +
                           "; refusing before sending anything");
    }
    return {};
}

Status execute_eoa(RouteContext& ctx, const MechanismPlan& plan) {
    const auto& key = *ctx.request.admin;
    for (const auto& c : plan.calls) SUTURE_CHECK(send_step(ctx, {c.what, key.address(), c.to, c.value, c.data}, key));
    return {};
}

}  // namespace suture::deploy
