// The patch report's findings as SARIF 2.1.0 (patch_render.hpp), through the
// one SARIF writer (sarif.cpp).
#include "core/hex.hpp"
#include "report/check_render.hpp"
#include "report/patch_render.hpp"

namespace suture::report {

nlohmann::json patch_sarif(const PatchReport& r, const std::string& tool_version) {
    Findings all;
    std::vector<const GateRunView*> source;  // the run of each finding
    for (const auto& g : r.gates) {
        if (!g.latest) continue;
        for (const auto& f : g.findings) {
            all.push_back(f);
            source.push_back(&g);
        }
    }
    nlohmann::json doc = findings_sarif(all, tool_version);
    auto& run = doc["runs"][0];
    auto& results = run["results"];
    for (size_t i = 0; i < results.size(); ++i)
        results[i]["properties"] = {{"gate", source[i]->gate}, {"gateRun", source[i]->id}, {"verdict", source[i]->verdict}};
    // The run's provenance: which patch, and whether the ledger it came from verified.
    run["properties"] = {{"patch", r.patch.id},
                         {"patchName", r.patch.info.name},
                         {"ledgerVerified", r.integrity.intact},
                         {"ledgerHead", to_hex(r.integrity.head)}};
    if (!r.integrity.intact) {
        nlohmann::json notes = nlohmann::json::array();
        for (const auto& p : r.integrity.problems)
            notes.push_back({{"level", "error"}, {"message", {{"text", "ledger does not verify: " + p}}}});
        run["invocations"] = nlohmann::json::array({{{"executionSuccessful", false}, {"toolExecutionNotifications", notes}}});
    }
    return doc;
}

}  // namespace suture::report
