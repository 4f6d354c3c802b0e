// delegatecall / selfdestruct, two ways, reported once per operation:
// - where OpenZeppelin's validator looks (its validate/run.ts opcode errors):
//   anywhere in the contract's own code, in the non-internal functions,
//   modifiers and constructors of the contracts it inherits, and in every
//   function those call (libraries included), with its annotation rules
//   (`unsafe-allow` prunes a node, `unsafe-allow-reachable` also what it
//   calls; on a contract, for its own code / what it inherits);
// - reachable from the implementation's external functions along resolved
//   calls and modifiers, in Solidity and in inline assembly (which
//   OpenZeppelin does not see), reported with the call path.
// So Suture reports every operation the reference reports, and more.
// External library linking is an error unless the contract allows it, as in
// OpenZeppelin: the library's code is checked, but the linked address is not.
#include <map>
#include <set>

#include "solidity/ast.hpp"
#include "solidity/source_location.hpp"
#include "upgrade/annotations.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

namespace {

struct Hit {
    const CodeOp* op = nullptr;
    CallPath path;
    std::string suppressed_by;  // "" when not suppressed
};

const char* kind_name(CodeOp::Kind k) { return k == CodeOp::delegatecall ? "delegatecall" : "selfdestruct"; }

class Reach {
public:
    Reach(const CodeModel& m) : m_(m) {}

    void from(const Json& entry) {
        CallPath path{&entry};
        // `unsafe-allow-reachable` on the contract covers all it inherits (as in OpenZeppelin).
        std::map<std::string, std::string> reach_allowed;
        for (const auto& k : allowances_of(m_.build(), m_.contract()).reachable)
            reach_allowed.try_emplace(k, allowance_text(m_.build(), m_.contract(), k, true));
        visit(entry, path, reach_allowed);
    }

    const std::map<const Json*, Hit>& hits() const { return hits_; }

private:
    void visit(const Json& fn, CallPath& path, std::map<std::string, std::string> allowed) {
        Allowances a = allowances_of(m_.build(), fn);
        for (const auto& k : a.reachable)
            allowed.try_emplace(k, allowance_text(m_.build(), fn, k, true));
        std::string key = std::to_string(reinterpret_cast<uintptr_t>(&fn)) + "|";
        for (const auto& [k, v] : allowed) key += k + ",";
        if (!seen_.insert(key).second) return;
        for (const auto& op : m_.ops(fn)) {
            if (op.kind == CodeOp::storage_write) continue;
            std::string kind = kind_name(op.kind);
            std::string by = allowed_by(m_, fn, kind);
            if (by.empty())
                if (auto it = allowed.find(kind); it != allowed.end()) by = it->second;
            auto it = hits_.find(op.node);
            if (it == hits_.end() || (!it->second.suppressed_by.empty() && by.empty()))
                hits_[op.node] = Hit{&op, path, by};
        }
        for (const Json* callee : m_.callees(fn)) {
            if (std::find(path.begin(), path.end(), callee) != path.end()) continue;
            path.push_back(callee);
            visit(*callee, path, allowed);
            path.pop_back();
        }
    }

    const CodeModel& m_;
    std::map<const Json*, Hit> hits_;
    std::set<std::string> seen_;
};

// Whether `outer`'s source range holds `inner`'s.
bool encloses(const Json& outer, const Json& inner) {
    auto o = solidity::parse_src(solidity::str_field(outer, "src"));
    auto n = solidity::parse_src(solidity::str_field(inner, "src"));
    return o && n && o->source == n->source && n->start >= o->start && n->start + n->length <= o->start + o->length;
}

bool is_internal_function(const Json& n) {
    if (solidity::node_type(n) != "FunctionDefinition" || solidity::str_field(n, "kind") == "constructor") return false;
    std::string_view vis = solidity::str_field(n, "visibility");
    return vis == "internal" || vis == "private";
}

// OpenZeppelin's getContractOpcodeErrors for one kind: the FunctionCall nodes
// it reports. Results are cached per (node, scope) as OpenZeppelin caches them
// (a call cycle sees the partial result).
class OpcodeScan {
public:
    OpcodeScan(const Build& b, std::string kind) : b_(b), kind_(std::move(kind)) {}

    std::vector<const Json*> contract(const Json& c, bool inherited) {
        Key key{&c, inherited};
        if (auto it = cache_.find(key); it != cache_.end()) return it->second;
        cache_[key] = {};
        std::vector<const Json*> out = function_errors(c, inherited);
        if (!skip_check_reachable(c, kind_))
            if (const Json* bases = solidity::child(c, "baseContracts"))
                for (const auto& base : *bases) {
                    const Json* name = solidity::child(base, "baseName");
                    const Json* def = name ? b_.node(solidity::id_field(*name, "referencedDeclaration")) : nullptr;
                    if (!def) continue;
                    auto more = contract(*def, true);
                    out.insert(out.end(), more.begin(), more.end());
                }
        cache_[key] = out;
        return out;
    }

private:
    using Key = std::pair<const Json*, bool>;

    std::vector<const Json*> function_errors(const Json& node, bool inherited) {
        std::vector<const Json*> out;
        const Json* parent = solidity::node_type(node) == "ContractDefinition" ? nullptr : solidity::scope_contract(b_, node);
        if (!parent || !skip_check(*parent, kind_))
            solidity::walk(node, [&](const Json& n) {
                if (skip_check(n, kind_) || (inherited && is_internal_function(n))) return false;
                if (solidity::node_type(n) == "FunctionCall" && is_opcode_call(n)) out.push_back(&n);
                return true;
            });
        if (!parent || !skip_check_reachable(*parent, kind_)) {
            std::vector<const Json*> refs;
            solidity::walk(node, [&](const Json& n) {
                if (skip_check_reachable(n, kind_) || (inherited && is_internal_function(n))) return false;
                if (solidity::node_type(n) == "FunctionCall")
                    if (const Json* e = solidity::child(n, "expression")) {
                        int64_t id = solidity::id_field(*e, "referencedDeclaration");
                        const Json* d = id > 0 ? b_.node(id) : nullptr;
                        if (d && solidity::node_type(*d) == "FunctionDefinition") refs.push_back(d);
                    }
                return true;
            });
            for (const Json* d : refs) {
                Key key{d, inherited};
                auto it = cache_.find(key);
                if (it == cache_.end()) {
                    cache_[key] = {};
                    auto found = function_errors(*d, inherited);
                    it = cache_.insert_or_assign(key, std::move(found)).first;
                }
                out.insert(out.end(), it->second.begin(), it->second.end());
            }
        }
        return out;
    }

    // OpenZeppelin matches the callee's type identifier (t_function_baredelegatecall_*,
    // t_function_selfdestruct_*), which the artifact loader does not keep: the
    // same calls are `<address>.delegatecall(...)` (call options allowed) and
    // the builtin `selfdestruct(...)` (no declaration of that name in the build).
    bool is_opcode_call(const Json& call) const {
        const Json* e = solidity::child(call, "expression");
        while (e && solidity::node_type(*e) == "FunctionCallOptions") e = solidity::child(*e, "expression");
        if (!e) return false;
        if (kind_ == "selfdestruct")
            return solidity::node_type(*e) == "Identifier" && solidity::str_field(*e, "name") == "selfdestruct" &&
                   !b_.node(solidity::id_field(*e, "referencedDeclaration"));
        if (solidity::node_type(*e) != "MemberAccess" || solidity::str_field(*e, "memberName") != "delegatecall")
            return false;
        const Json* base = solidity::child(*e, "expression");
        const Json* td = base ? solidity::child(*base, "typeDescriptions") : nullptr;
        return td && solidity::str_field(*td, "typeString").starts_with("address");
    }

    const Build& b_;
    std::string kind_;
    std::map<Key, std::vector<const Json*>> cache_;
};

}  // namespace

void check_unsafe_calls(const Target& t, Findings& out) {
    const CodeModel& m = t.code;
    Reach reach(m);
    for (const Json* entry : m.entry_points()) reach.from(*entry);
    for (const auto& [node, hit] : reach.hits()) {
        std::string kind = kind_name(hit.op->kind);
        std::string msg = "`" + hit.op->what + "` reachable from `" + m.describe(*hit.path.front()) + "`";
        if (hit.path.size() > 1) msg += " via " + path_text(m, hit.path);
        msg += kind == "delegatecall" ? ": code run in the proxy's context can overwrite its storage or selfdestruct it"
                                      : ": destroying the implementation bricks every proxy using it";
        Finding f = make_finding(m, node, Severity::error, kind, msg,
                                 kind == "delegatecall"
                                     ? "Remove the delegatecall, or annotate the function with "
                                       "@custom:oz-upgrades-unsafe-allow delegatecall if its target is trusted"
                                     : "Remove selfdestruct from code reachable by the implementation");
        if (!hit.suppressed_by.empty()) {
            f.suppressed = true;
            f.suppressed_by = hit.suppressed_by;
        }
        out.push_back(std::move(f));
    }

    // The operations OpenZeppelin reports that no external function reaches
    // unsuppressed (an unused internal function, a parent's constructor, ...).
    std::set<const Json*> reported;
    for (const auto& [node, hit] : reach.hits())
        if (hit.suppressed_by.empty()) reported.insert(node);
    for (const char* kind : {"delegatecall", "selfdestruct"}) {
        OpcodeScan scan(m.build(), kind);
        for (const Json* call : scan.contract(m.contract(), false)) {
            const Json* callee = solidity::child(*call, "expression");  // Reach records a delegatecall's member access
            while (callee && solidity::node_type(*callee) == "FunctionCallOptions")
                callee = solidity::child(*callee, "expression");
            if (callee && reported.count(callee)) continue;
            if (!reported.insert(call).second) continue;
            const Json* fn = call;
            for (const Json* base : m.bases())  // the function or modifier holding the call, for the message
                for (const char* t : {"FunctionDefinition", "ModifierDefinition"})
                    for (const Json* f : solidity::members_of(*base, t))
                        if (fn == call && encloses(*f, *call)) fn = f;
            std::string where = fn == call ? std::string("a library or base contract") : "`" + m.describe(*fn) + "`";
            out.push_back(make_finding(
                m, call, Severity::error, kind,
                std::string("`") + kind + "` in " + where +
                    (std::string(kind) == "delegatecall"
                         ? ": code run in the proxy's context can overwrite its storage or selfdestruct it"
                         : ": destroying the implementation bricks every proxy using it"),
                std::string(kind) == "delegatecall"
                    ? "Remove the delegatecall, or annotate it with @custom:oz-upgrades-unsafe-allow delegatecall if its "
                      "target is trusted"
                    : "Remove selfdestruct from the implementation and the code it inherits or calls"));
        }
    }

    // External (public/external-function) libraries are linked at deployment.
    std::set<std::string> libs;
    for (const auto* refs : {&t.contract.link_references, &t.contract.deployed_link_references})
        for (const auto& ref : *refs) libs.insert(ref.qualified());
    for (const auto& lib : libs) {
        Finding f = make_finding(m, &m.contract(), Severity::error, "external-library-linking",
                                 "links the external library " + lib +
                                     "; its code was checked for delegatecall and selfdestruct along the calls, but the "
                                     "address linked at deployment must hold exactly this code",
                                 "Make the library functions internal, or annotate the contract with "
                                 "@custom:oz-upgrades-unsafe-allow external-library-linking once the linked address "
                                 "is verified");
        if (skip_check(m.contract(), "external-library-linking")) {
            f.suppressed = true;
            f.suppressed_by = allowance_text(m.build(), m.contract(), "external-library-linking", false);
        }
        out.push_back(std::move(f));
    }
}

}  // namespace suture::upgrade
