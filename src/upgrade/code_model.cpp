#include "upgrade/code_model.hpp"

#include <algorithm>

#include "solidity/ast.hpp"
#include "solidity/source_location.hpp"

namespace suture::upgrade {

using solidity::child;
using solidity::id_field;
using solidity::node_type;
using solidity::str_field;

CodeModel::CodeModel(const Build& b, const Json& contract)
    : b_(b), c_(contract), bases_(solidity::linearized_bases(b, contract)) {}

namespace {

std::vector<std::string> param_types(const Json& fn) {
    std::vector<std::string> out;
    const Json* params = child(fn, "parameters");
    const Json* list = params ? child(*params, "parameters") : nullptr;
    if (!list) return out;
    for (const auto& p : *list) {
        const Json* td = child(p, "typeDescriptions");
        out.emplace_back(td ? str_field(*td, "typeString") : "");
    }
    return out;
}

bool is_callable_kind(const Json& fn) {
    std::string_view kind = str_field(fn, "kind");
    return kind == "function" || kind == "fallback" || kind == "receive";
}

// The declaration a call expression names (Identifier, MemberAccess, through
// call options), or nullptr.
const Json* called_decl(const Build& b, const Json& expr, bool* via_super) {
    std::string_view nt = node_type(expr);
    if (nt == "FunctionCallOptions") {
        const Json* e = child(expr, "expression");
        return e ? called_decl(b, *e, via_super) : nullptr;
    }
    if (nt == "MemberAccess") {
        const Json* base = child(expr, "expression");
        if (base && node_type(*base) == "Identifier" && str_field(*base, "name") == "super") *via_super = true;
    }
    if (nt == "Identifier" || nt == "MemberAccess" || nt == "IdentifierPath")
        return b.node(id_field(expr, "referencedDeclaration"));
    return nullptr;
}

// Does an assignment target (or ++/--/delete operand) live in storage?
bool writes_storage(const Build& b, const Json& lhs) {
    const Json* e = &lhs;
    while (e) {
        const Json* td = child(*e, "typeDescriptions");
        std::string_view ts = td ? str_field(*td, "typeString") : std::string_view();
        if (ts.find(" storage ref") != std::string_view::npos || ts.find(" storage pointer") != std::string_view::npos)
            return true;
        std::string_view nt = node_type(*e);
        if (nt == "Identifier") {
            const Json* decl = b.node(id_field(*e, "referencedDeclaration"));
            if (!decl || node_type(*decl) != "VariableDeclaration") return false;
            if (decl->value("stateVariable", false))
                return str_field(*decl, "mutability") == "mutable" && str_field(*decl, "storageLocation") != "transient";
            return str_field(*decl, "storageLocation") == "storage";
        }
        if (nt == "IndexAccess" || nt == "MemberAccess" || nt == "IndexRangeAccess") {
            e = child(*e, nt == "IndexAccess" ? "baseExpression" : "expression");
            continue;
        }
        if (nt == "TupleExpression") {
            const Json* comps = child(*e, "components");
            if (comps)
                for (const auto& c : *comps)
                    if (c.is_object() && writes_storage(b, c)) return true;
            return false;
        }
        return false;
    }
    return false;
}

}  // namespace

bool CodeModel::same_signature(const Json& a, const Json& b) const {
    return str_field(a, "name") == str_field(b, "name") && str_field(a, "kind") == str_field(b, "kind") &&
           param_types(a) == param_types(b);
}

const Json* CodeModel::dispatch(const Json& decl) const {
    auto it = dispatch_.find(&decl);
    if (it != dispatch_.end()) return it->second;
    const Json* d = resolve(decl);
    dispatch_.emplace(&decl, d);
    return d;
}

const Json* CodeModel::resolve(const Json& decl) const {
    std::string_view nt = node_type(decl);
    if (nt != "FunctionDefinition" && nt != "ModifierDefinition") return &decl;
    const Json* scope = solidity::scope_contract(b_, decl);
    if (scope && str_field(*scope, "contractKind") == "library") return &decl;
    if (by_name_.empty())  // functions and modifiers of the linearization by name, most derived first
        for (const Json* base : bases_)
            if (const Json* nodes = child(*base, "nodes"); nodes && nodes->is_array())
                for (const auto& n : *nodes) {
                    std::string_view t = node_type(n);
                    if (t == "FunctionDefinition" || t == "ModifierDefinition") by_name_[str_field(n, "name")].push_back(&n);
                }
    auto it = by_name_.find(str_field(decl, "name"));
    if (it != by_name_.end())
        for (const Json* f : it->second)
            if (node_type(*f) == nt && same_signature(*f, decl) && f->value("implemented", true)) return f;
    return &decl;
}

const Json* CodeModel::dispatch_super(const Json& decl, const Json& from) const {
    const Json* from_scope = solidity::scope_contract(b_, from);
    bool after = false;
    for (const Json* base : bases_) {
        if (after)
            for (const Json* f : solidity::members_of(*base, node_type(decl)))
                if (same_signature(*f, decl) && f->value("implemented", true)) return f;
        if (base == from_scope) after = true;
    }
    return &decl;
}

std::vector<const Json*> CodeModel::functions() const {
    if (functions_) return *functions_;
    std::vector<const Json*> out;
    for (const Json* base : bases_)
        for (const Json* f : solidity::members_of(*base, "FunctionDefinition")) {
            if (!is_callable_kind(*f)) continue;
            if (dispatch(*f) != f) continue;  // overridden by a more derived contract
            out.push_back(f);
        }
    functions_ = out;
    return out;
}

std::vector<const Json*> CodeModel::entry_points() const {
    std::vector<const Json*> out;
    for (const Json* f : functions()) {
        std::string_view vis = str_field(*f, "visibility");
        std::string_view kind = str_field(*f, "kind");
        if (kind == "fallback" || kind == "receive" || vis == "public" || vis == "external")
            if (f->value("implemented", true)) out.push_back(f);
    }
    return out;
}

std::vector<const Json*> CodeModel::constructors() const {
    std::vector<const Json*> out;
    for (const Json* base : bases_)
        for (const Json* f : solidity::members_of(*base, "FunctionDefinition"))
            if (str_field(*f, "kind") == "constructor") out.push_back(f);
    return out;
}

void CodeModel::analyze(const Json& fn) const {
    auto& calls = callees_[&fn];
    auto& ops = ops_[&fn];
    auto add_call = [&](const Json* f) {
        if (f && std::find(calls.begin(), calls.end(), f) == calls.end()) calls.push_back(f);
    };
    if (const Json* mods = child(fn, "modifiers"))
        for (const auto& m : *mods) {
            const Json* name = child(m, "modifierName");
            const Json* decl = name ? b_.node(id_field(*name, "referencedDeclaration")) : nullptr;
            if (decl && node_type(*decl) == "ModifierDefinition") add_call(dispatch(*decl));
        }
    const Json* body = child(fn, "body");
    if (!body) return;
    solidity::walk(*body, [&](const Json& n) {
        std::string_view nt = node_type(n);
        if (nt == "FunctionCall") {
            const Json* expr = child(n, "expression");
            if (!expr) return true;
            std::string_view name = str_field(*expr, "name");
            if (node_type(*expr) == "Identifier" && (name == "selfdestruct" || name == "suicide")) {
                ops.push_back({CodeOp::selfdestruct, &n, std::string(name)});
                return true;
            }
            bool via_super = false;
            const Json* decl = called_decl(b_, *expr, &via_super);
            if (decl && node_type(*decl) == "FunctionDefinition" && decl->value("implemented", true)) {
                add_call(via_super ? dispatch_super(*decl, fn) : dispatch(*decl));
            }
            // .push()/.pop() on a storage array
            if (node_type(*expr) == "MemberAccess") {
                std::string_view member = str_field(*expr, "memberName");
                const Json* base = child(*expr, "expression");
                if ((member == "push" || member == "pop") && base && writes_storage(b_, *base))
                    ops.push_back({CodeOp::storage_write, &n, "." + std::string(member) + "() on storage"});
            }
        } else if (nt == "MemberAccess") {
            std::string_view member = str_field(n, "memberName");
            if (member == "delegatecall" || member == "callcode") {
                const Json* base = child(n, "expression");
                const Json* td = base ? child(*base, "typeDescriptions") : nullptr;
                if (td && str_field(*td, "typeString").rfind("address", 0) == 0)
                    ops.push_back({CodeOp::delegatecall, &n, std::string(member)});
            }
        } else if (nt == "Assignment") {
            const Json* lhs = child(n, "leftHandSide");
            if (lhs && writes_storage(b_, *lhs)) ops.push_back({CodeOp::storage_write, &n, "storage assignment"});
        } else if (nt == "UnaryOperation") {
            std::string_view op = str_field(n, "operator");
            const Json* sub = child(n, "subExpression");
            if ((op == "++" || op == "--" || op == "delete") && sub && writes_storage(b_, *sub))
                ops.push_back({CodeOp::storage_write, &n, "storage " + std::string(op)});
        } else if (nt == "YulFunctionCall") {
            const Json* fname = child(n, "functionName");
            std::string_view name = fname ? str_field(*fname, "name") : std::string_view();
            if (name == "delegatecall" || name == "callcode")
                ops.push_back({CodeOp::delegatecall, &n, std::string(name) + " in inline assembly"});
            else if (name == "selfdestruct")
                ops.push_back({CodeOp::selfdestruct, &n, "selfdestruct in inline assembly"});
            else if (name == "sstore")
                ops.push_back({CodeOp::storage_write, &n, "sstore in inline assembly"});
        }
        return true;
    });
}

const std::vector<const Json*>& CodeModel::callees(const Json& fn) const {
    auto it = callees_.find(&fn);
    if (it == callees_.end()) {
        analyze(fn);
        it = callees_.find(&fn);
    }
    return it->second;
}

const std::vector<CodeOp>& CodeModel::ops(const Json& fn) const {
    auto it = ops_.find(&fn);
    if (it == ops_.end()) {
        analyze(fn);
        it = ops_.find(&fn);
    }
    return it->second;
}

const Json* CodeModel::owner(const Json& decl) const {
    if (const Json* scope = solidity::scope_contract(b_, decl)) return scope;
    for (const Json* base : bases_)
        if (const Json* nodes = child(*base, "nodes"); nodes && nodes->is_array())
            for (const auto& n : *nodes)
                if (&n == &decl) return base;
    return nullptr;
}

std::string CodeModel::describe(const Json& fn) const {
    std::string out;
    if (const Json* scope = owner(fn)) out = std::string(str_field(*scope, "name")) + ".";
    std::string_view kind = str_field(fn, "kind");
    if (kind == "constructor" || kind == "fallback" || kind == "receive") return out + std::string(kind);
    out += std::string(str_field(fn, "name")) + "(";
    auto ps = param_types(fn);
    for (size_t i = 0; i < ps.size(); ++i) out += (i ? "," : "") + ps[i];
    return out + ")";
}

Location CodeModel::location(const Json& node) const { return solidity::location_of(b_, node); }

std::string path_text(const CodeModel& m, const CallPath& path) {
    std::string out;
    for (size_t i = 0; i < path.size(); ++i) out += (i ? " -> " : "") + m.describe(*path[i]);
    return out;
}

}  // namespace suture::upgrade
