#include "upgrade/check_output.hpp"

#include <map>
#include <sstream>

namespace suture::upgrade {

namespace {

std::string where(const Location& l) {
    if (l.file.empty()) return l.other;
    std::string s = l.file;
    if (l.line) s += ":" + std::to_string(l.line) + ":" + std::to_string(l.column);
    return s;
}

std::string pad(std::string s, size_t n) {
    if (s.size() < n) s.append(n - s.size(), ' ');
    return s;
}

}  // namespace

std::string report_text(const CheckReport& r) {
    std::ostringstream o;
    o << "suture check: " << (r.old_contract.empty() ? "" : r.old_contract + " -> ") << r.new_contract << "\n\n";
    int errors = 0, warnings = 0, suppressed = 0;
    for (const auto& f : r.findings) {
        if (f.suppressed) {
            ++suppressed;
            continue;
        }
        if (f.severity == Severity::error) ++errors;
        if (f.severity == Severity::warning) ++warnings;
        o << severity_name(f.severity) << "[" << f.code << "] " << where(f.location) << ": " << f.message << "\n";
        if (!f.hint.empty()) o << "    fix: " << f.hint << "\n";
    }
    if (suppressed) {
        o << "\nAllowed by annotations (" << suppressed << "):\n";
        for (const auto& f : r.findings)
            if (f.suppressed)
                o << "  " << f.code << " " << where(f.location) << ": " << f.message << "\n    allowed by "
                  << f.suppressed_by << "\n";
    }
    if (!r.layout.empty()) {
        o << "\nStorage layout:\n  " << pad("slot:offset", 14) << pad("old", 36) << pad("new", 36) << "status\n";
        std::string ns = "-";
        for (const auto& row : r.layout) {
            if (row.ns != ns) {
                ns = row.ns;
                if (!ns.empty()) o << "  [namespace " << ns << "]\n";
            }
            std::string pos = row.new_offset >= 0 ? row.new_slot + ":" + std::to_string(row.new_offset)
                              : row.old_offset >= 0 ? row.old_slot + ":" + std::to_string(row.old_offset)
                                                    : "";
            std::string old_v = row.old_offset >= 0 ? row.old_type + " " + row.old_label : row.old_label;
            std::string new_v = row.new_offset >= 0 ? row.new_type + " " + row.new_label : "";
            o << "  " << pad(pos, 14) << pad(old_v, 36) << pad(new_v, 36) << row.status << "\n";
        }
    }
    if (!r.abi.empty()) {
        o << "\nABI changes:\n";
        for (const auto& a : r.abi)
            o << "  " << pad(a.kind, 9) << pad(a.change, 8) << a.signature << (a.detail.empty() ? "" : "  " + a.detail)
              << "\n";
    }
    o << "\n" << errors << " error(s), " << warnings << " warning(s), " << suppressed << " allowed: "
      << (errors ? "NOT SAFE to upgrade" : "no blocking finding") << "\n";
    return o.str();
}

nlohmann::json report_json(const CheckReport& r) {
    nlohmann::json fs = nlohmann::json::array();
    for (const auto& f : r.findings) {
        nlohmann::json j{{"severity", severity_name(f.severity)}, {"code", f.code}, {"message", f.message},
                         {"hint", f.hint}, {"suppressed", f.suppressed}};
        if (!f.location.file.empty()) j["file"] = f.location.file;
        if (f.location.line) j["line"] = f.location.line, j["column"] = f.location.column;
        if (!f.location.other.empty()) j["where"] = f.location.other;
        if (f.suppressed) j["suppressed_by"] = f.suppressed_by;
        fs.push_back(std::move(j));
    }
    nlohmann::json layout = nlohmann::json::array();
    for (const auto& row : r.layout) {
        nlohmann::json j{{"status", row.status}};
        if (!row.ns.empty()) j["namespace"] = row.ns;
        if (row.old_offset >= 0)
            j["old"] = {{"label", row.old_label}, {"type", row.old_type}, {"slot", row.old_slot}, {"offset", row.old_offset}};
        if (row.new_offset >= 0)
            j["new"] = {{"label", row.new_label}, {"type", row.new_type}, {"slot", row.new_slot}, {"offset", row.new_offset}};
        layout.push_back(std::move(j));
    }
    nlohmann::json abi = nlohmann::json::array();
    for (const auto& a : r.abi)
        abi.push_back({{"kind", a.kind}, {"change", a.change}, {"signature", a.signature}, {"detail", a.detail}});
    return {{"old", r.old_contract}, {"new", r.new_contract}, {"safe", !has_errors(r.findings)},
            {"findings", fs}, {"layout", layout}, {"abi", abi}};
}

nlohmann::json report_sarif(const CheckReport& r, const std::string& tool_version) {
    std::map<std::string, std::string> rules;  // code -> first hint
    nlohmann::json results = nlohmann::json::array();
    for (const auto& f : r.findings) {
        rules.emplace(f.code, f.hint);
        nlohmann::json res{{"ruleId", f.code},
                           {"level", f.severity == Severity::error     ? "error"
                                     : f.severity == Severity::warning ? "warning"
                                                                       : "note"},
                           {"message", {{"text", f.message + (f.hint.empty() ? "" : " Fix: " + f.hint)}}}};
        if (!f.location.file.empty()) {
            nlohmann::json phys{{"artifactLocation", {{"uri", f.location.file}}}};
            if (f.location.line) phys["region"] = {{"startLine", f.location.line}, {"startColumn", f.location.column}};
            res["locations"] = nlohmann::json::array({{{"physicalLocation", phys}}});
        }
        if (f.suppressed)
            res["suppressions"] = nlohmann::json::array({{{"kind", "inSource"}, {"justification", f.suppressed_by}}});
        results.push_back(std::move(res));
    }
    nlohmann::json rule_list = nlohmann::json::array();
    for (const auto& [code, hint] : rules)
        rule_list.push_back({{"id", code},
                             {"shortDescription", {{"text", code}}},
                             {"help", {{"text", hint}}},
                             {"helpUri", "docs/check-findings.md#" + code}});
    return {{"$schema", "https://json.schemastore.org/sarif-2.1.0.json"},
            {"version", "2.1.0"},
            {"runs", nlohmann::json::array({{{"tool", {{"driver", {{"name", "suture"},
                                                                  {"version", tool_version},
                                                                  {"informationUri", "docs/check-findings.md"},
                                                                  {"rules", rule_list}}}}},
                                             {"results", results}}})}};
}

}  // namespace suture::upgrade
