// ABI diff between the old and new implementation: functions (by selector),
// events (by signature) and errors. A removed external function breaks every
// caller; a removed event breaks indexers.
#include <map>

#include "upgrade/rules.hpp"

namespace suture::upgrade {

namespace {

struct Entry {
    std::string sig;
    const Json* json;
};

std::map<std::string, Entry> entries(const solidity::Contract& c, std::string_view type) {
    std::map<std::string, Entry> out;
    if (!c.abi) return out;
    for (const auto& e : *c.abi)
        if (e.value("type", "") == type) {
            std::string sig = abi_signature(e);
            if (type == "event") {
                sig += e.value("anonymous", false) ? " anonymous" : "";
                if (auto in = e.find("inputs"); in != e.end() && in->is_array())
                    for (const auto& p : *in) sig += p.value("indexed", false) ? "i" : "";
            }
            out[type == "function" ? selector_hex(abi_signature(e)) : sig] = {abi_signature(e), &e};
        }
    return out;
}

std::string outputs_of(const Json& e) {
    std::string s = "(";
    if (auto out = e.find("outputs"); out != e.end() && out->is_array())
        for (size_t i = 0; i < out->size(); ++i) s += (i ? "," : "") + (*out)[i].value("type", "");
    return s + ")";
}

}  // namespace

void diff_abi(const solidity::Contract& old_c, const solidity::Contract& new_c, const CodeModel& new_code,
              std::vector<AbiChange>& table, Findings& out) {
    for (const char* kind : {"function", "event", "error"}) {
        auto before = entries(old_c, kind);
        auto after = entries(new_c, kind);
        for (const auto& [key, e] : before) {
            auto it = after.find(key);
            if (it == after.end()) {
                table.push_back({kind, "removed", e.sig, std::string(kind) == "function" ? key : ""});
                if (std::string(kind) == "function")
                    out.push_back(make_finding(new_code, &new_code.contract(), Severity::error, "abi-function-removed",
                                               "external function `" + e.sig + "` (" + key +
                                                   ") was removed: callers and integrations break",
                                               "Keep the function (it may revert with a clear error if retired)"));
                else if (std::string(kind) == "event")
                    out.push_back(make_finding(new_code, &new_code.contract(), Severity::warning, "abi-event-removed",
                                               "event `" + e.sig + "` was removed or changed its indexed fields: "
                                               "indexers and monitors listening for it go silent",
                                               "Keep emitting the event with the same signature"));
                continue;
            }
            if (std::string(kind) != "function") continue;
            std::string om = e.json->value("stateMutability", ""), nm = it->second.json->value("stateMutability", "");
            std::string oo = outputs_of(*e.json), no = outputs_of(*it->second.json);
            if (om == nm && oo == no) continue;
            std::string detail = om != nm ? om + " -> " + nm : "returns " + oo + " -> " + no;
            table.push_back({kind, "changed", e.sig, detail});
            out.push_back(make_finding(new_code, &new_code.contract(), Severity::warning, "abi-function-changed",
                                       "`" + e.sig + "` changed: " + detail, "Check every caller against the new ABI"));
        }
        for (const auto& [key, e] : after)
            if (!before.count(key)) table.push_back({kind, "added", e.sig, std::string(kind) == "function" ? key : ""});
    }
}

}  // namespace suture::upgrade
