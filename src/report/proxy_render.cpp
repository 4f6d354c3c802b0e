#include "report/proxy_render.hpp"

#include <algorithm>
#include <sstream>

#include "upgrade/proxy_json.hpp"

namespace suture::report {
namespace {

const char* describe(upgrade::ProxyPattern k) {
    using upgrade::ProxyPattern;
    switch (k) {
    case ProxyPattern::transparent: return "transparent proxy (EIP-1967, admin slot set)";
    case ProxyPattern::uups: return "UUPS proxy (EIP-1967 slot, EIP-1822 proxiableUUID on the implementation)";
    case ProxyPattern::eip1967: return "EIP-1967 proxy (no admin slot, implementation not UUPS)";
    case ProxyPattern::beacon: return "beacon proxy (EIP-1967 beacon slot)";
    case ProxyPattern::diamond: return "EIP-2535 diamond";
    case ProxyPattern::minimal: return "EIP-1167 minimal proxy (clone; not upgradeable)";
    case ProxyPattern::zos: return "ZeppelinOS proxy (org.zeppelinos.proxy.* slots, pre-EIP-1967)";
    case ProxyPattern::eip1822: return "EIP-1822 proxy (PROXIABLE slot)";
    case ProxyPattern::safe: return "Safe proxy (singleton in slot 0)";
    case ProxyPattern::none: return "not a proxy";
    }
    return "not a proxy";
}

void authority_text(std::ostringstream& o, const upgrade::Authority& a) {
    o << "  " << a.relation << ": " << to_checksum(a.address) << " (" << upgrade::authority_kind_name(a.kind);
    if (!a.version.empty()) o << " " << a.version;
    o << ")\n";
    if (a.min_delay) o << "    min delay: " << *a.min_delay << " s\n";
    for (const auto& r : a.roles) o << "    " << r.role << ": " << to_checksum(r.account) << "\n";
    if (a.kind == upgrade::AuthorityKind::timelock && !a.roles_complete)
        o << "    roles: unknown (the node gave no logs)\n";
    if (a.threshold) {
        o << "    threshold: " << *a.threshold << " of " << a.owners.size() << "\n";
        for (const auto& owner : a.owners) o << "    owner: " << to_checksum(owner) << "\n";
    }
}

}  // namespace

std::string inspect_text(const upgrade::ProxyInfo& info) {
    std::ostringstream o;
    o << to_checksum(info.address) << ": ";
    if (!info.has_code) {
        o << "no code (an externally owned account or an empty address): not a proxy\n";
        return o.str();
    }
    o << describe(info.kind) << "\n";
    if (info.implementation)
        o << "  " << (info.kind == upgrade::ProxyPattern::minimal ? "target" : "implementation") << ": "
          << to_checksum(*info.implementation) << "\n";
    if (info.beacon) o << "  beacon: " << to_checksum(*info.beacon) << "\n";
    if (info.uups_version) o << "  UPGRADE_INTERFACE_VERSION: " << *info.uups_version << "\n";
    for (const auto& f : info.facets) {
        o << "  facet " << to_checksum(f.address) << ":";
        for (auto s : f.selectors) o << " " << upgrade::selector_hex(s);
        o << "\n";
    }
    for (const auto& a : info.authorities) authority_text(o, a);
    // The contract's owner() is said once: as the upgrade authority when it is
    // that (a UUPS proxy), else on its own line.
    bool owner_said = std::any_of(info.authorities.begin(), info.authorities.end(), [&](const upgrade::Authority& a) {
        return a.relation == "owner()" && info.owner && a.address == *info.owner;
    });
    if (info.owner && !owner_said) o << "  owner(): " << to_checksum(*info.owner) << "\n";
    if (info.paused) o << "  paused(): " << (*info.paused ? "true" : "false") << "\n";
    return o.str();
}

}  // namespace suture::report
