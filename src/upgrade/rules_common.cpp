// Helpers shared by the rule files: findings at AST nodes, annotation lookup,
// ABI signatures and selectors.
#include <algorithm>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "solidity/ast.hpp"
#include "upgrade/annotations.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

Finding make_finding(const CodeModel& m, const Json* at, Severity sev, std::string code, std::string message,
                     std::string hint) {
    Finding f;
    f.severity = sev;
    f.code = std::move(code);
    f.message = std::move(message);
    f.hint = std::move(hint);
    if (at) f.location = m.location(*at);
    if (f.location.file.empty()) f.location.other = std::string(solidity::str_field(m.contract(), "name"));
    return f;
}

std::string allowed_by(const CodeModel& m, const Json& decl, std::string_view kind) {
    std::string k(kind);
    // Either tag allows the kind in the node's own scope (OpenZeppelin's skipCheck).
    auto allows = [&](const Json& n) {
        Allowances a = allowances_of(m.build(), n);
        return a.allow.count(k) || a.reachable.count(k);
    };
    if (allows(decl)) return allowance_text(m.build(), decl, kind, false);
    if (const Json* scope = m.owner(decl))
        if (allows(*scope)) return allowance_text(m.build(), *scope, kind, false);
    return {};
}

void suppress_if_allowed(const CodeModel& m, const Json& decl, std::string_view kind, Finding& f) {
    std::string by = allowed_by(m, decl, kind);
    if (by.empty()) return;
    f.suppressed = true;
    f.suppressed_by = std::move(by);
}

std::string selector_hex(std::string_view signature) {
    Bytes32 h = keccak256(signature);
    return to_hex(BytesView(h.data(), 4));
}

}  // namespace suture::upgrade
