// Findings as JSON and back (finding_json.hpp).
#include "core/finding_json.hpp"

#include <cstdint>

namespace suture {

nlohmann::json finding_json(const Finding& f) {
    nlohmann::json j{{"severity", severity_name(f.severity)}, {"code", f.code}, {"message", f.message},
                     {"hint", f.hint}, {"suppressed", f.suppressed}};
    if (!f.location.file.empty()) j["file"] = f.location.file;
    if (f.location.line) j["line"] = f.location.line, j["column"] = f.location.column;
    if (!f.location.other.empty()) j["where"] = f.location.other;
    if (f.suppressed) j["suppressed_by"] = f.suppressed_by;
    return j;
}

nlohmann::json findings_json(const Findings& fs) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& f : fs) out.push_back(finding_json(f));
    return out;
}

namespace {

Status read_text(const nlohmann::json& j, const char* key, std::string& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_string()) return input_error(std::string("finding: \"") + key + "\" is not a string");
    out = it->get<std::string>();
    return {};
}

Status read_int(const nlohmann::json& j, const char* key, int& out) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    if (!it->is_number_integer() || it->get<int64_t>() < 0 || it->get<int64_t>() > INT32_MAX)
        return input_error(std::string("finding: \"") + key + "\" is not a line or column number");
    out = static_cast<int>(it->get<int64_t>());
    return {};
}

}  // namespace

Result<Finding> finding_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return input_error("finding: not a JSON object");
    Finding f;
    SUTURE_CHECK(read_text(j, "code", f.code));
    if (f.code.empty()) return input_error("finding: no \"code\"");
    std::string severity = "error";
    SUTURE_CHECK(read_text(j, "severity", severity));
    if (severity == "error") f.severity = Severity::error;
    else if (severity == "warning") f.severity = Severity::warning;
    else if (severity == "info") f.severity = Severity::info;
    else return input_error("finding " + f.code + ": severity \"" + severity + "\" is not error, warning or info");
    SUTURE_CHECK(read_text(j, "message", f.message));
    SUTURE_CHECK(read_text(j, "hint", f.hint));
    SUTURE_CHECK(read_text(j, "file", f.location.file));
    SUTURE_CHECK(read_int(j, "line", f.location.line));
    SUTURE_CHECK(read_int(j, "column", f.location.column));
    SUTURE_CHECK(read_text(j, "where", f.location.other));
    SUTURE_CHECK(read_text(j, "suppressed_by", f.suppressed_by));
    if (auto it = j.find("suppressed"); it != j.end() && !it->is_null()) {
        if (!it->is_boolean()) return input_error("finding " + f.code + ": \"suppressed\" is not true or false");
        f.suppressed = it->get<bool>();
    }
    return f;
}

}  // namespace suture
