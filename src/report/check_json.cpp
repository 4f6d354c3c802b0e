// JSON of the check gate's result (`suture check --json`).
#include <fstream>

#include "report/check_render.hpp"

namespace suture::report {

nlohmann::json check_json(const upgrade::CheckReport& r) {
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
