// Rules on the implementation's state: constructors (as OpenZeppelin: any
// constructor with code, the message naming what it writes), state variables with initial values,
// immutables, and internal function types stored anywhere in storage
// (including inside mappings, arrays and structs).
#include <set>

#include "solidity/ast.hpp"
#include "upgrade/annotations.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

using solidity::str_field;

namespace {

// The first storage write reachable from `fn`, with its call path.
bool find_write(const CodeModel& m, const Json& fn, CallPath& path, std::set<const Json*>& seen, const CodeOp*& op) {
    if (!seen.insert(&fn).second) return false;
    for (const auto& o : m.ops(fn))
        if (o.kind == CodeOp::storage_write) {
            op = &o;
            return true;
        }
    for (const Json* callee : m.callees(fn)) {
        // Initializable: locking the implementation is the one write a constructor should make.
        if (str_field(*callee, "name") == "_disableInitializers") continue;
        path.push_back(callee);
        if (find_write(m, *callee, path, seen, op)) return true;
        path.pop_back();
    }
    return false;
}

bool contains_internal_function(const solidity::ContractStorage& s, const std::string& id, int depth = 0) {
    if (depth > 32) return false;
    if (id.rfind("t_function_internal", 0) == 0) return true;
    const solidity::StorageType* t = s.type(id);
    if (!t) return false;
    if (!t->value.empty() && contains_internal_function(s, t->value, depth + 1)) return true;
    if (!t->base.empty() && contains_internal_function(s, t->base, depth + 1)) return true;
    for (const auto& m : t->members)
        if (contains_internal_function(s, m.type, depth + 1)) return true;
    return false;
}

}  // namespace

void check_state_rules(const Target& t, Findings& out) {
    const CodeModel& m = t.code;
    // As OpenZeppelin's validator: any constructor with a statement or a
    // modifier (base constructor arguments included), in the contract or a
    // base, unless that constructor or its own contract allows `constructor`.
    // A constructor that only checks or sets immutables is refused too: the
    // reference refuses it, and a safety gate is never more lenient.
    for (const Json* ctor : m.constructors()) {
        const Json* mods = solidity::child(*ctor, "modifiers");
        const Json* body = solidity::child(*ctor, "body");
        const Json* stmts = body ? solidity::child(*body, "statements") : nullptr;
        if ((!stmts || stmts->empty()) && (!mods || mods->empty())) continue;
        std::string owner = m.describe(*ctor).substr(0, m.describe(*ctor).find('.'));
        CallPath path{ctor};
        std::set<const Json*> seen;
        const CodeOp* op = nullptr;
        std::string msg = "constructor of " + owner;
        if (find_write(m, *ctor, path, seen, op)) {
            Location at = m.location(*op->node);
            msg += " writes storage (" + op->what + (at.line ? " at " + at.file + ":" + std::to_string(at.line) : "") + ")";
            if (path.size() > 1) msg += " via " + path_text(m, path);
            msg += "; it runs on the implementation only, so the proxy never sees the value";
        } else {
            msg += " runs code on the implementation only, never in the proxy's context";
        }
        Finding f = make_finding(m, ctor, Severity::error, "constructor", msg,
                                 "Move the code into an initializer, or annotate the constructor with "
                                 "@custom:oz-upgrades-unsafe-allow constructor if it only sets immutables, checks "
                                 "or calls _disableInitializers()");
        const Json* scope = solidity::scope_contract(m.build(), *ctor);
        for (const Json* n : {ctor, scope})
            if (n && !f.suppressed && skip_check(*n, "constructor")) {
                f.suppressed = true;
                f.suppressed_by = allowance_text(m.build(), *n, "constructor", false);
            }
        out.push_back(std::move(f));
    }

    for (const Json* base : m.bases())
        for (const Json* v : solidity::members_of(*base, "VariableDeclaration")) {
            std::string_view mut = str_field(*v, "mutability");
            std::string name(str_field(*v, "name"));
            if (mut == "immutable") {
                Finding f = make_finding(m, v, Severity::error, "state-variable-immutable",
                                         "`" + name + "` is immutable: its value lives in the implementation's code "
                                                      "and is the same for every proxy",
                                         "Use a regular state variable set in the initializer, or annotate with "
                                         "@custom:oz-upgrades-unsafe-allow state-variable-immutable");
                suppress_if_allowed(m, *v, "state-variable-immutable", f);
                out.push_back(std::move(f));
            } else if (mut == "mutable" && solidity::child(*v, "value") &&
                       str_field(*v, "storageLocation") != "transient") {
                Finding f = make_finding(m, v, Severity::error, "state-variable-assignment",
                                         "`" + name + "` has an initial value, which is set in the implementation's "
                                                      "constructor and never in the proxy",
                                         "Assign it in the initializer instead (or make it constant)");
                suppress_if_allowed(m, *v, "state-variable-assignment", f);
                out.push_back(std::move(f));
            }
        }

    std::vector<const solidity::StorageItem*> items;
    for (const auto& it : t.storage.main.items) items.push_back(&it);
    for (const auto& ns : t.storage.namespaces)
        for (const auto& it : ns.items) items.push_back(&it);
    for (const auto* item : items) {
        if (!contains_internal_function(t.storage, item->type)) continue;
        const Json* decl = t.build.node(item->ast_id);
        const solidity::StorageType* ty = t.storage.type(item->type);
        Finding f = make_finding(m, decl, Severity::error, "internal-function-storage",
                                 "`" + item->label + "` stores an internal function type (" +
                                     (ty ? ty->label : item->type) +
                                     "): internal function pointers are code offsets that change with every "
                                     "new implementation",
                                 "Store an external function, a selector or an enum instead");
        // No annotation allows it: OpenZeppelin reads none for this kind (only its
        // unsafeAllow option), and Suture is never more lenient than the reference.
        out.push_back(std::move(f));
    }
}

}  // namespace suture::upgrade
