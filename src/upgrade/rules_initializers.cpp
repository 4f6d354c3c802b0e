// Initializer rules, for OpenZeppelin's Initializable conventions: a contract
// whose parents need initializing has an initializer of its own; it calls each
// parent's initializer exactly once, most base first; the bare implementation
// cannot be initialized (constructor calls _disableInitializers()); and a new
// reinitializer's version is above every version the old implementation used.
#include <algorithm>
#include <map>
#include <optional>
#include <set>

#include "solidity/ast.hpp"
#include "upgrade/rules.hpp"

namespace suture::upgrade {

using solidity::child;
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

bool has_statements(const Json& fn) {
    const Json* body = child(fn, "body");
    const Json* st = body ? child(*body, "statements") : nullptr;
    return st && !st->empty();
}

class Initializers {
public:
    explicit Initializers(const CodeModel& m) : m_(m) {}

    // Parents (other than the contract) whose init functions do something.
    std::vector<const Json*> parents_needing_init() const {
        std::vector<const Json*> out;
        for (const Json* base : m_.bases()) {
            if (base == &m_.contract()) continue;
            for (const Json* f : solidity::members_of(*base, "FunctionDefinition"))
                if (init_info(*f).kind != InitKind::none && has_statements(*f)) {
                    out.push_back(base);
                    break;
                }
        }
        return out;
    }

    // Contracts whose initialization a call to init function `f` performs.
    std::set<const Json*> covers(const Json& f, int depth = 0) const {
        std::set<const Json*> out;
        if (depth > 16) return out;
        if (const Json* scope = solidity::scope_contract(m_.build(), f)) out.insert(scope);
        for (const Json* g : m_.callees(f))
            if (node_type(*g) == "FunctionDefinition" && init_info(*g).kind != InitKind::none)
                for (const Json* c : covers(*g, depth + 1)) out.insert(c);
        return out;
    }

    void check_calls(const Json& init, const std::vector<const Json*>& needing, Findings& out) const {
        const Json* self = &m_.contract();
        std::map<const Json*, int> count;
        std::vector<const Json*> order;  // parents initialized by direct calls, in call order
        for (const Json* g : m_.callees(init)) {
            if (solidity::node_type(*g) != "FunctionDefinition" || init_info(*g).kind == InitKind::none) continue;
            const Json* scope = solidity::scope_contract(m_.build(), *g);
            if (!scope || scope == self) continue;
            // Order matters only among parents whose initialization does something
            // (as OpenZeppelin's validator: an empty __Pausable_init may come anywhere).
            if (std::find(needing.begin(), needing.end(), scope) != needing.end()) order.push_back(scope);
            for (const Json* c : covers(*g))
                if (c != self) ++count[c];
        }
        std::string missing;
        for (const Json* p : needing)
            if (!count.count(p)) missing += (missing.empty() ? "" : ", ") + std::string(str_field(*p, "name"));
        std::string fn = m_.describe(init);
        if (!missing.empty())
            out.push_back(make_finding(m_, &init, Severity::error, "missing-initializer-call",
                                       "`" + fn + "` does not initialize parent contract(s) " + missing,
                                       "Call each parent's __<Parent>_init (or _init_unchained) in the initializer"));
        for (const auto& [p, n] : count)
            if (n > 1)
                out.push_back(make_finding(m_, &init, Severity::error, "duplicate-initializer-call",
                                           "`" + fn + "` initializes " + std::string(str_field(*p, "name")) + " " +
                                               std::to_string(n) + " times",
                                           "Call the parent's _init_unchained variant where another parent already "
                                           "initializes it"));
        // Most base first: positions in the linearization (most derived first) must not increase.
        auto rank = [&](const Json* c) {
            auto it = std::find(m_.bases().begin(), m_.bases().end(), c);
            return static_cast<long>(it - m_.bases().begin());
        };
        for (size_t i = 1; i < order.size(); ++i)
            if (rank(order[i]) > rank(order[i - 1])) {
                out.push_back(make_finding(
                    m_, &init, Severity::warning, "incorrect-initializer-order",
                    "`" + fn + "` initializes " + std::string(str_field(*order[i], "name")) + " after " +
                        std::string(str_field(*order[i - 1], "name")) + ", against the inheritance order",
                    "Call parent initializers in linearization order, most base contract first"));
                break;
            }
    }

private:
    static std::string_view node_type(const Json& n) { return solidity::node_type(n); }
    const CodeModel& m_;
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

void check_initializers(const Target& t, const Target* old, Findings& out) {
    const CodeModel& m = t.code;
    Initializers inits(m);
    auto needing = inits.parents_needing_init();
    std::vector<const Json*> own;
    for (const Json* f : solidity::members_of(m.contract(), "FunctionDefinition"))
        if (init_info(*f).kind != InitKind::none) own.push_back(f);
    if (own.empty() && !needing.empty()) {
        std::string names;
        for (const Json* p : needing) names += (names.empty() ? "" : ", ") + std::string(str_field(*p, "name"));
        Finding f = make_finding(m, &m.contract(), Severity::error, "missing-initializer",
                                 std::string(str_field(m.contract(), "name")) +
                                     " has no initializer, but its parents need initializing: " + names,
                                 "Add an initializer (modifier initializer) that calls the parent initializers");
        suppress_if_allowed(m, m.contract(), "missing-initializer", f);
        out.push_back(std::move(f));
    }
    for (const Json* f : own) {
        auto kind = init_info(*f).kind;
        if (kind == InitKind::initializer || kind == InitKind::only_initializing) inits.check_calls(*f, needing, out);
    }

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
