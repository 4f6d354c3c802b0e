// UUPS (ERC-1822/ERC-1967): an implementation that answers proxiableUUID()
// must keep a public upgrade function, and its _authorizeUpgrade must be able
// to pass, or the proxy can never be upgraded again.
#include "solidity/ast.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

using solidity::child;
using solidity::str_field;

namespace {

bool has_entry(const CodeModel& m, std::string_view selector_sig) {
    std::string sel = selector_hex(selector_sig).substr(2);
    for (const Json* f : m.entry_points())
        if (str_field(*f, "functionSelector") == sel) return true;
    return false;
}

// A statement that always reverts: revert(...), revert Err(...), require(false, ...), assert(false).
bool always_reverts(const Json& st) {
    std::string_view nt = solidity::node_type(st);
    if (nt == "RevertStatement") return true;
    if (nt != "ExpressionStatement") return false;
    const Json* e = child(st, "expression");
    if (!e || solidity::node_type(*e) != "FunctionCall") return false;
    const Json* callee = child(*e, "expression");
    std::string_view name = callee ? str_field(*callee, "name") : std::string_view();
    if (name == "revert") return true;
    if (name == "require" || name == "assert") {
        const Json* args = child(*e, "arguments");
        if (args && !args->empty()) {
            const Json& a = (*args)[0];
            return solidity::node_type(a) == "Literal" && str_field(a, "value") == "false";
        }
    }
    return false;
}

}  // namespace

void check_upgrade_path(const Target& t, ProxyKind proxy, Findings& out) {
    const CodeModel& m = t.code;
    bool uups = has_entry(m, "proxiableUUID()");
    if (!uups && proxy != ProxyKind::uups) return;
    if (!has_entry(m, "upgradeToAndCall(address,bytes)") && !has_entry(m, "upgradeTo(address)")) {
        Finding f = make_finding(m, &m.contract(), Severity::error, "missing-public-upgradeto",
                                 std::string(str_field(m.contract(), "name")) +
                                     " is a UUPS implementation without a public upgradeToAndCall(address,bytes): "
                                     "after this upgrade the proxy can never be upgraded again",
                                 "Inherit UUPSUpgradeable (and keep upgradeToAndCall public)");
        suppress_if_allowed(m, m.contract(), "missing-public-upgradeto", f);
        out.push_back(std::move(f));
        return;
    }
    for (const Json* f : m.functions()) {
        if (str_field(*f, "name") != "_authorizeUpgrade") continue;
        const Json* body = child(*f, "body");
        const Json* sts = body ? child(*body, "statements") : nullptr;
        if (!sts) continue;
        for (const auto& st : *sts)
            if (always_reverts(st)) {
                out.push_back(make_finding(m, &st, Severity::error, "uups-upgrade-blocked",
                                           "`" + m.describe(*f) + "` always reverts: the proxy could never be "
                                           "upgraded after this implementation",
                                           "Authorize upgrades with an access check (e.g. onlyOwner) instead of "
                                           "reverting"));
                break;
            }
    }
}

}  // namespace suture::upgrade
