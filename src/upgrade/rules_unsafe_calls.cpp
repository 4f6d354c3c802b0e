// delegatecall / selfdestruct reachable from the implementation's external
// functions, found in Solidity and in inline assembly (OpenZeppelin's validator
// only sees Solidity-level calls), reported with the call path; and external
// library linking, whose library code is followed instead of refused.
#include <map>
#include <set>

#include "solidity/ast.hpp"
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
        std::map<std::string, std::string> reach_allowed;
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

    // External (public/external-function) libraries are linked at deployment.
    std::set<std::string> libs;
    for (const auto* refs : {&t.contract.link_references, &t.contract.deployed_link_references})
        for (const auto& ref : *refs) libs.insert(ref.qualified());
    for (const auto& lib : libs) {
        Finding f = make_finding(m, &m.contract(), Severity::warning, "external-library-linking",
                                 "links the external library " + lib +
                                     "; its code was checked for delegatecall and selfdestruct along the calls, but the "
                                     "address linked at deployment must hold exactly this code",
                                 "Verify the linked library address, or make the library functions internal");
        suppress_if_allowed(m, m.contract(), "external-library-linking", f);
        out.push_back(std::move(f));
    }
}

}  // namespace suture::upgrade
