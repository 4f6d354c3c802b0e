// JSON of the check gate's result (`suture check --json`).
#include <fstream>

#include "core/finding_json.hpp"
#include "report/check_render.hpp"
#include "upgrade/layout_json.hpp"

namespace suture::report {

nlohmann::json check_json(const upgrade::CheckReport& r) {
    nlohmann::json fs = findings_json(r.findings);
    nlohmann::json layout = upgrade::layout_json(r.layout);
    nlohmann::json abi = nlohmann::json::array();
    for (const auto& a : r.abi)
        abi.push_back({{"kind", a.kind}, {"change", a.change}, {"signature", a.signature}, {"detail", a.detail}});
    return {{"old", r.old_contract}, {"new", r.new_contract}, {"safe", !has_errors(r.findings)},
            {"findings", fs}, {"layout", layout}, {"abi", abi}};
}

nlohmann::json check_json(const upgrade::CheckResult& r) {
    if (!r.whole_build) {
        if (r.reports.empty()) return nlohmann::json::object();
        auto j = check_json(r.reports.front());
        if (r.live) j["deployed"] = upgrade::deployed_json(*r.live);
        return j;
    }
    nlohmann::json list = nlohmann::json::array();
    for (const auto& rep : r.reports) list.push_back(check_json(rep));
    size_t failed = r.failed();
    return {{"build", r.build_path},
            {"checked", r.reports.size()},
            {"failed", failed},
            {"safe", failed == 0},
            {"contracts", std::move(list)}};
}

Status write_json_file(const std::string& path, const nlohmann::json& doc, std::string_view what) {
    std::ofstream out(path);
    out << doc.dump(2) << "\n";
    out.flush();
    if (!out) return input_error(path + ": cannot write the " + std::string(what));
    return {};
}

}  // namespace suture::report
