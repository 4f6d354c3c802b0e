// Selector clashes: a transparent proxy answers its admin interface itself,
// so an implementation function with the same selector is unreachable for the
// admin (or shadows the upgrade function); in a diamond, two facets with one
// selector cannot both be mounted.
#include <map>

#include "solidity/ast.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

using solidity::str_field;

namespace {

// TransparentUpgradeableProxy: OpenZeppelin 5 dispatches only upgradeToAndCall
// for the admin; OpenZeppelin 4 also admin(), implementation(), changeAdmin(address), upgradeTo(address).
constexpr const char* kTransparentInterface[] = {
    "upgradeToAndCall(address,bytes)", "upgradeTo(address)", "changeAdmin(address)", "admin()", "implementation()",
};

std::map<std::string, std::string> selectors_of(const solidity::Contract& c) {
    std::map<std::string, std::string> out;
    for (const auto& e : c.abi.entries)
        if (e.kind == abi::EntryKind::function) {
            std::string sig = e.canonical();
            out[selector_hex(sig)] = sig;
        }
    return out;
}

}  // namespace

void check_selectors(const Target& t, ProxyKind proxy, const std::vector<solidity::ContractRef>& facets,
                     Findings& out) {
    const CodeModel& m = t.code;
    auto own = selectors_of(t.contract);
    bool uups = own.count(selector_hex("proxiableUUID()")) > 0;
    bool transparent = proxy == ProxyKind::transparent || (proxy == ProxyKind::automatic && !uups);
    if (transparent)
        for (const char* sig : kTransparentInterface) {
            auto it = own.find(selector_hex(sig));
            if (it == own.end()) continue;
            out.push_back(make_finding(
                m, &m.contract(), Severity::error, "transparent-selector-clash",
                "`" + it->second + "` (" + it->first + ") clashes with the transparent proxy's `" + sig +
                    "`: calls from the admin never reach the implementation" +
                    (it->second == sig ? " and it shadows the proxy's own upgrade function" : ""),
                "Rename the function, or deploy behind a UUPS proxy"));
        }

    if (facets.empty()) return;
    std::map<std::string, std::string> seen;  // selector -> "Facet.sig"
    for (const auto& [sel, sig] : own) seen[sel] = t.contract.name + "." + sig;
    for (const auto& facet : facets)
        for (const auto& [sel, sig] : selectors_of(*facet.contract)) {
            auto [it, fresh] = seen.emplace(sel, facet.contract->name + "." + sig);
            if (fresh) continue;
            out.push_back(make_finding(m, &m.contract(), Severity::error, "diamond-selector-collision",
                                       "selector " + sel + " of " + facet.contract->name + "." + sig +
                                           " collides with " + it->second,
                                       "Rename one of the functions; a diamond routes each selector to one facet"));
        }
}

}  // namespace suture::upgrade
