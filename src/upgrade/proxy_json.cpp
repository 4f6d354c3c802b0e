#include "upgrade/proxy_json.hpp"

#include <cstdio>

#include "core/hex.hpp"

namespace suture::upgrade {

std::string selector_hex(uint32_t s) {
    char buf[11];
    std::snprintf(buf, sizeof buf, "0x%08x", s);
    return buf;
}

nlohmann::json to_json(const Authority& a) {
    nlohmann::json j = {{"relation", a.relation}, {"address", to_checksum(a.address)},
                        {"kind", authority_kind_name(a.kind)}};
    if (!a.version.empty()) j["version"] = a.version;
    if (a.min_delay) j["minDelay"] = *a.min_delay;
    if (a.kind == AuthorityKind::timelock) {
        auto roles = nlohmann::json::array();
        for (const auto& r : a.roles)
            roles.push_back({{"role", r.role}, {"roleId", to_hex(r.role_id)}, {"account", to_checksum(r.account)}});
        j["roles"] = roles;
        j["rolesComplete"] = a.roles_complete;
    }
    if (a.kind == AuthorityKind::safe) {
        auto owners = nlohmann::json::array();
        for (const auto& o : a.owners) owners.push_back(to_checksum(o));
        j["owners"] = owners;
        if (a.threshold) j["threshold"] = *a.threshold;
    }
    return j;
}

nlohmann::json to_json(const ProxyInfo& info) {
    nlohmann::json j = {{"address", to_checksum(info.address)},
                        {"hasCode", info.has_code},
                        {"proxy", info.kind != ProxyPattern::none},
                        {"kind", proxy_pattern_name(info.kind)}};
    if (info.implementation) j["implementation"] = to_checksum(*info.implementation);
    if (info.beacon) j["beacon"] = to_checksum(*info.beacon);
    if (info.uups_version) j["upgradeInterfaceVersion"] = *info.uups_version;
    if (!info.facets.empty()) {
        auto facets = nlohmann::json::array();
        for (const auto& f : info.facets) {
            auto sels = nlohmann::json::array();
            for (auto s : f.selectors) sels.push_back(selector_hex(s));
            facets.push_back({{"address", to_checksum(f.address)}, {"selectors", sels}});
        }
        j["facets"] = facets;
    }
    auto auth = nlohmann::json::array();
    for (const auto& a : info.authorities) auth.push_back(to_json(a));
    j["authorities"] = auth;
    if (info.owner) j["owner"] = to_checksum(*info.owner);
    if (info.paused) j["paused"] = *info.paused;
    return j;
}

}  // namespace suture::upgrade
