// ABI diff between the old and new implementation: functions (by selector),
// events (by signature) and errors. A removed external function breaks every
// caller; a removed event breaks indexers.
#include <map>

#include "upgrade/rules.hpp"

namespace suture::upgrade {

namespace {

struct Entry {
    std::string sig;
    const abi::AbiEntry* entry;
};

std::map<std::string, Entry> entries(const solidity::Contract& c, std::string_view type) {
    std::map<std::string, Entry> out;
    for (const auto& e : c.abi.entries)
        if (abi::entry_kind_name(e.kind) == type) {
            const std::string sig = e.canonical();
            std::string key = sig;
            if (type == "event") {
                key += e.anonymous ? " anonymous" : "";
                for (const auto& p : e.inputs) key += p.indexed ? "i" : "";
            }
            out[type == "function" ? selector_hex(sig) : key] = {sig, &e};
        }
    return out;
}

std::string outputs_of(const abi::AbiEntry& e) {
    std::string s = "(";
    for (size_t i = 0; i < e.outputs.size(); ++i) s += (i ? "," : "") + e.outputs[i].type.canonical();
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
                    out.push_back(make_finding(new_code, &new_code.contract(), Severity::warning, "abi-function-removed",
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
            const std::string& om = e.entry->state_mutability;
            const std::string& nm = it->second.entry->state_mutability;
            std::string oo = outputs_of(*e.entry), no = outputs_of(*it->second.entry);
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
