// Initializer rules.
//
// missing-initializer, missing-initializer-call, duplicate-initializer-call and
// incorrect-initializer-order decide as OpenZeppelin's validator does (its
// validate/run/initializer.ts), so that `suture check` is never more lenient
// than the reference on them: a function is an initializer by its modifier
// (`initializer`, `onlyInitializing`), by its name (`initialize`,
// `initializer`) or by `@custom:oz-upgrades-validate-as-initializer`;
// parents initialized by another parent's initializer need no direct call; a
// call is followed through the functions it calls (so `__X_init` calling
// `__X_init_unchained` counts once); functions named `*_unchained` need not
// call their parents. The rules run on the contract and on every non-abstract
// contract it inherits, each with its own linearization, as OpenZeppelin adds
// the inherited contracts' errors.
//
// Suture's own: initializer-not-disabled (an implementation whose initializer
// anyone can call on the bare contract: no constructor calls
// _disableInitializers()) and, with an old version, reinitializer-version.
#include <algorithm>
#include <optional>
#include <set>

#include "solidity/ast.hpp"
#include "upgrade/annotations.hpp"
#include "upgrade/initializer_versions.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

using solidity::child;
using solidity::id_field;
using solidity::node_type;
using solidity::str_field;

namespace {

enum class InitKind { none, initializer, reinitializer, only_initializing };

struct InitInfo {
    InitKind kind = InitKind::none;
    std::optional<uint64_t> version;  // initializer: 1; reinitializer(n): n when constant
};

InitInfo init_info(const Json& fn) {
    InitInfo info;
    const Json* mods = child(fn, "modifiers");
    if (!mods) return info;
    for (const auto& m : *mods) {
        const Json* name = child(m, "modifierName");
        std::string_view n = name ? str_field(*name, "name") : std::string_view();
        if (n == "initializer") {
            info.kind = InitKind::initializer;
            info.version = 1;
        } else if (n == "reinitializer") {
            info.kind = InitKind::reinitializer;
            const Json* args = child(m, "arguments");
            if (args && args->size() == 1) {
                const Json& a = (*args)[0];
                std::string v(str_field(a, "value"));
                if (v.empty())
                    if (const Json* td = child(a, "typeDescriptions")) {
                        std::string ts(str_field(*td, "typeString"));
                        if (ts.rfind("int_const ", 0) == 0) v = ts.substr(10);
                    }
                if (!v.empty() && v.find_first_not_of("0123456789") == std::string::npos && v.size() < 19)
                    info.version = std::stoull(v);
            }
        } else if (n == "onlyInitializing" && info.kind == InitKind::none) {
            info.kind = InitKind::only_initializing;
        }
    }
    return info;
}

size_t statement_count(const Json& fn) {
    const Json* body = child(fn, "body");
    const Json* st = body ? child(*body, "statements") : nullptr;
    return st ? st->size() : 0;
}

// `@custom:<tag>` opening a line of the node's own documentation (OpenZeppelin's hasAnnotationTag).
bool has_tag(const Json& node, std::string_view tag) {
    std::string marker = "@custom:" + std::string(tag);
    std::string doc;
    if (auto d = node.find("documentation"); d != node.end())
        doc = d->is_string() ? d->get<std::string>() : d->is_object() ? d->value("text", "") : "";
    for (size_t pos = 0; pos < doc.size();) {
        size_t nl = doc.find('\n', pos);
        std::string_view line = std::string_view(doc).substr(pos, nl == std::string::npos ? std::string::npos : nl - pos);
        pos = nl == std::string::npos ? doc.size() : nl + 1;
        size_t k = line.find_first_not_of(" \t\r");
        if (k == std::string_view::npos) continue;
        line.remove_prefix(k);
        if (line.starts_with(marker) &&
            (line.size() == marker.size() || line[marker.size()] == ' ' || line[marker.size()] == '\t' ||
             line[marker.size()] == '\r'))
            return true;
    }
    return false;
}

// OpenZeppelin's getPossibleInitializers / inferPossibleInitializer.
std::vector<const Json*> possible_initializers(const Json& contract, bool parent) {
    std::vector<const Json*> out;
    for (const Json* f : solidity::members_of(contract, "FunctionDefinition")) {
        bool by_mod = false;
        if (const Json* mods = child(*f, "modifiers"))
            for (const auto& m : *mods)
                if (const Json* n = child(m, "modifierName"))
                    by_mod = by_mod || str_field(*n, "name") == "initializer" || str_field(*n, "name") == "onlyInitializing";
        std::string_view name = str_field(*f, "name");
        bool candidate = has_tag(*f, "oz-upgrades-validate-as-initializer") || by_mod || name == "initialize" ||
                         name == "initializer";
        if (!candidate) continue;
        if (f->value("virtual", false) && !child(*f, "body")) continue;  // abstract declaration
        std::string_view vis = str_field(*f, "visibility");
        if (vis == "private") continue;
        if (parent && (statement_count(*f) == 0 || (vis != "internal" && vis != "public"))) continue;
        out.push_back(f);
    }
    return out;
}

// The function an expression statement calls directly (by referenced
// declaration, no virtual dispatch, as OpenZeppelin reads it), or nullptr.
const Json* statement_call(const Build& b, const Json& stmt, int64_t* ref = nullptr) {
    if (node_type(stmt) != "ExpressionStatement") return nullptr;
    const Json* call = child(stmt, "expression");
    if (!call || node_type(*call) != "FunctionCall") return nullptr;
    const Json* e = child(*call, "expression");
    if (!e || (node_type(*e) != "Identifier" && node_type(*e) != "MemberAccess")) return nullptr;
    int64_t id = id_field(*e, "referencedDeclaration");
    if (ref) *ref = id;
    if (id <= 0) return nullptr;
    const Json* d = b.node(id);
    return d && node_type(*d) == "FunctionDefinition" ? d : nullptr;
}

std::vector<const Json*> statements(const Json& fn) {
    std::vector<const Json*> out;
    const Json* body = child(fn, "body");
    const Json* st = body ? child(*body, "statements") : nullptr;
    if (st)
        for (const auto& s : *st) out.push_back(&s);
    return out;
}

// Every function `fn` calls through expression statements, recursively, `fn` itself last.
void recursive_calls(const Build& b, const Json& fn, std::set<const Json*>& seen, std::vector<const Json*>& out) {
    if (!seen.insert(&fn).second) return;
    for (const Json* s : statements(fn))
        if (const Json* g = statement_call(b, *s)) recursive_calls(b, *g, seen, out);
    out.push_back(&fn);
}

struct ParentInits {
    const Json* contract;
    std::vector<const Json*> inits;
};

bool contains(const std::vector<const Json*>& xs, const Json* x) { return std::find(xs.begin(), xs.end(), x) != xs.end(); }

class InitializerRules {
public:
    InitializerRules(const CodeModel& m, const Json& contract, Findings& out)
        : m_(m), b_(m.build()), c_(contract), out_(out) {}

    void run() {
        // A malformed AST (a non-boolean "abstract") must not throw.
        if (const Json* a = solidity::child(c_, "abstract"); a && a->is_boolean() && a->get<bool>()) return;
        auto lin = solidity::linearized_bases(b_, c_);  // most derived first, self included
        // OpenZeppelin reverses the linearization: parents most base first.
        for (auto it = lin.rbegin(); it != lin.rend(); ++it)
            if (const Json* p = *it; p != &c_)
                if (auto inits = possible_initializers(*p, true); !inits.empty()) parents_.push_back({p, inits});
        std::vector<const Json*> remaining = not_initialized_by_other_parents();
        if (remaining.empty()) return;
        auto own = possible_initializers(c_, false);
        if (needs_initialization(remaining) && own.empty()) {
            Finding f = finding(&c_, Severity::error, "missing-initializer",
                                std::string(str_field(c_, "name")) +
                                    " has no initializer, but its parents need initializing: " + names(remaining),
                                "Add an initializer that calls the parent initializers");
            allow_by(f, "missing-initializer", {&c_});
            out_.push_back(std::move(f));
        }
        for (const Json* init : own) check_calls(*init, remaining);
    }

private:
    const ParentInits* parent_of(const Json* c) const {
        for (const auto& p : parents_)
            if (p.contract == c) return &p;
        return nullptr;
    }

    // OpenZeppelin's getParentsNotInitializedByOtherParents, including how its
    // loop walks the list while removing earlier entries from it.
    std::vector<const Json*> not_initialized_by_other_parents() const {
        std::vector<const Json*> remaining;
        for (const auto& p : parents_) remaining.push_back(p.contract);
        for (size_t i = 0; i < remaining.size(); ++i) {
            const Json* parent = remaining[i];
            for (const Json* init : parent_of(parent)->inits)
                for (const Json* s : statements(*init)) {
                    int64_t ref = -1;
                    statement_call(b_, *s, &ref);
                    if (ref <= 0) continue;
                    auto here = std::find(remaining.begin(), remaining.end(), parent);
                    for (auto it = remaining.begin(); it != here; ++it) {
                        const auto& inits = parent_of(*it)->inits;
                        if (std::any_of(inits.begin(), inits.end(), [&](const Json* f) { return id_field(*f, "id") == ref; })) {
                            // Not stepping back: OpenZeppelin's for-of then skips the parent after this one.
                            remaining.erase(it);
                            break;
                        }
                    }
                }
        }
        return remaining;
    }

    bool needs_initialization(const std::vector<const Json*>& remaining) const {
        if (remaining.size() > 1) return true;
        const auto& inits = parent_of(remaining.front())->inits;
        return std::all_of(inits.begin(), inits.end(), [](const Json* f) { return str_field(*f, "visibility") == "internal"; });
    }

    void check_calls(const Json& init, const std::vector<const Json*>& direct) {
        std::vector<const Json*> found, linear, still_direct = direct, called;
        for (const auto& p : parents_) linear.push_back(p.contract);
        std::string fn = m_.describe(init);
        for (const Json* s : statements(init)) {
            const Json* target = statement_call(b_, *s);
            if (!target) continue;
            std::vector<const Json*> calls;
            std::set<const Json*> seen;
            recursive_calls(b_, *target, seen, calls);
            for (const Json* g : calls)
                for (const auto& p : parents_) {
                    if (!contains(p.inits, g)) continue;
                    bool duplicate = contains(called, g);
                    if (duplicate) {
                        Finding f = finding(s, Severity::error, "duplicate-initializer-call",
                                            "`" + fn + "` calls " + std::string(str_field(*g, "name")) + " of " +
                                                std::string(str_field(*p.contract, "name")) + " more than once",
                                            "Call the parent's _init_unchained variant where another parent already "
                                            "initializes it");
                        allow_by(f, "duplicate-initializer-call", {&c_, &init, s});
                        out_.push_back(std::move(f));
                    }
                    called.push_back(g);
                    if (contains(found, p.contract)) continue;
                    found.push_back(p.contract);
                    auto at = std::find(linear.begin(), linear.end(), p.contract);
                    if (!duplicate && at != linear.begin()) {
                        Finding f = finding(s, Severity::warning, "incorrect-initializer-order",
                                            "`" + fn + "` initializes " + std::string(str_field(*p.contract, "name")) +
                                                " before " + (linear.empty() ? std::string("its bases")
                                                                             : std::string(str_field(*linear.front(), "name"))) +
                                                ", against the inheritance order (expected " + names(direct) + ")",
                                            "Call parent initializers in linearization order, most base contract first");
                        allow_by(f, "incorrect-initializer-order", {&c_, &init});
                        out_.push_back(std::move(f));
                    }
                    if (at != linear.end()) linear.erase(at);
                    still_direct.erase(std::remove(still_direct.begin(), still_direct.end(), p.contract), still_direct.end());
                }
        }
        if (str_field(init, "name").ends_with("_unchained") || still_direct.empty()) return;
        Finding f = finding(&init, Severity::error, "missing-initializer-call",
                            "`" + fn + "` does not initialize parent contract(s) " + names(still_direct),
                            "Call each parent's __<Parent>_init (or _init_unchained) in the initializer");
        allow_by(f, "missing-initializer-call", {&c_, &init});
        out_.push_back(std::move(f));
    }

    Finding finding(const Json* at, Severity sev, std::string code, std::string msg, std::string hint) const {
        return make_finding(m_, at, sev, std::move(code), std::move(msg), std::move(hint));
    }

    // Suppressed when any of the nodes allows the kind (OpenZeppelin's skipCheck on each).
    void allow_by(Finding& f, std::string_view kind, std::initializer_list<const Json*> nodes) const {
        for (const Json* n : nodes)
            if (skip_check(*n, kind)) {
                f.suppressed = true;
                f.suppressed_by = allowance_text(b_, *n, kind, false);
                return;
            }
    }

    static std::string names(const std::vector<const Json*>& cs) {
        std::string s;
        for (const Json* c : cs) s += (s.empty() ? "" : ", ") + std::string(str_field(*c, "name"));
        return s;
    }

    const CodeModel& m_;
    const Build& b_;
    const Json& c_;
    Findings& out_;
    std::vector<ParentInits> parents_;  // linearized parents with initializers, most base first
};

bool disables_initializers(const CodeModel& m) {
    for (const Json* ctor : m.constructors())
        for (const Json* f : m.callees(*ctor))
            if (str_field(*f, "name") == "_disableInitializers") return true;
    return false;
}

// Highest version any external initializer of the contract uses.
uint64_t max_version(const CodeModel& m) {
    uint64_t v = 0;
    for (const Json* f : m.entry_points())
        if (auto info = init_info(*f); info.version) v = std::max(v, *info.version);
    return v;
}

}  // namespace

std::vector<InitializerVersion> initializer_versions(const CodeModel& m) {
    std::vector<InitializerVersion> out;
    for (const Json* f : m.entry_points()) {
        auto info = init_info(*f);
        if (info.kind != InitKind::initializer && info.kind != InitKind::reinitializer) continue;
        out.push_back({m.describe(*f), std::string(str_field(*f, "functionSelector")),
                       info.kind == InitKind::reinitializer, info.version});
    }
    return out;
}

void check_initializers(const Target& t, const Target* old, Findings& out) {
    const CodeModel& m = t.code;
    // The contract, then each inherited contract OpenZeppelin also validates (non-abstract ones).
    for (const Json* c : m.bases()) InitializerRules(m, *c, out).run();

    // A public initializer on an implementation that never locks itself.
    if (!disables_initializers(m))
        for (const Json* f : m.entry_points()) {
            auto kind = init_info(*f).kind;
            if (kind != InitKind::initializer && kind != InitKind::reinitializer) continue;
            Finding fi = make_finding(m, f, Severity::error, "initializer-not-disabled",
                                      "`" + m.describe(*f) + "` can be called on the bare implementation: no "
                                      "constructor calls _disableInitializers(), so anyone can initialize it",
                                      "Add `/// @custom:oz-upgrades-unsafe-allow constructor` + "
                                      "`constructor() { _disableInitializers(); }`");
            suppress_if_allowed(m, m.contract(), "initializer-not-disabled", fi);
            out.push_back(std::move(fi));
            break;
        }

    if (!old) return;
    uint64_t old_max = max_version(old->code);
    if (old_max == 0) return;
    std::set<std::string> old_fns;
    for (const Json* f : old->code.entry_points()) old_fns.insert(std::string(str_field(*f, "functionSelector")));
    for (const Json* f : m.entry_points()) {
        auto info = init_info(*f);
        if (!info.version || old_fns.count(std::string(str_field(*f, "functionSelector")))) continue;
        if (*info.version <= old_max)
            out.push_back(make_finding(m, f, Severity::error, "reinitializer-version",
                                       "`" + m.describe(*f) + "` uses version " + std::to_string(*info.version) +
                                           ", but the old implementation already reached version " +
                                           std::to_string(old_max) + ": it can never run on the proxy",
                                       "Use reinitializer(" + std::to_string(old_max + 1) + ") or higher"));
    }
}

}  // namespace suture::upgrade
