// SARIF 2.1.0 of findings (`suture check --sarif FILE`, code scanning).
#include <map>

#include "report/check_render.hpp"

namespace suture::report {

nlohmann::json findings_sarif(const Findings& findings, const std::string& tool_version) {
    std::map<std::string, std::string> rules;  // code -> first hint
    nlohmann::json results = nlohmann::json::array();
    for (const auto& f : findings) {
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

nlohmann::json check_sarif(const upgrade::CheckResult& r, const std::string& tool_version) {
    Findings all;
    for (const auto& rep : r.reports) all.insert(all.end(), rep.findings.begin(), rep.findings.end());
    return findings_sarif(all, tool_version);
}

}  // namespace suture::report
