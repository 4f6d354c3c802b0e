// Storage-layout rows as JSON and back (layout_json.hpp).
#include "upgrade/layout_json.hpp"

namespace suture::upgrade {

nlohmann::json layout_row_json(const LayoutRow& row) {
    nlohmann::json j{{"status", row.status}};
    if (!row.ns.empty()) j["namespace"] = row.ns;
    if (row.old_offset >= 0)
        j["old"] = {{"label", row.old_label}, {"type", row.old_type}, {"slot", row.old_slot}, {"offset", row.old_offset}};
    if (row.new_offset >= 0)
        j["new"] = {{"label", row.new_label}, {"type", row.new_type}, {"slot", row.new_slot}, {"offset", row.new_offset}};
    return j;
}

nlohmann::json layout_json(const std::vector<LayoutRow>& rows) {
    nlohmann::json out = nlohmann::json::array();
    for (const auto& r : rows) out.push_back(layout_row_json(r));
    return out;
}

namespace {

Result<std::string> text(const nlohmann::json& j, const char* key, const std::string& where) {
    auto it = j.find(key);
    if (it == j.end() || !it->is_string()) return input_error("layout row " + where + key + ": not a string");
    return it->get<std::string>();
}

// One side of a row ("old" or "new"); absent leaves offset -1.
Status side(const nlohmann::json& j, const char* key, std::string& label, std::string& type, std::string& slot,
            int& offset) {
    auto it = j.find(key);
    if (it == j.end() || it->is_null()) return {};
    const std::string where = std::string(key) + ".";
    if (!it->is_object()) return input_error("layout row " + where + ": not an object");
    SUTURE_TRY(l, text(*it, "label", where));
    SUTURE_TRY(t, text(*it, "type", where));
    SUTURE_TRY(s, text(*it, "slot", where));
    auto off = it->find("offset");
    if (off == it->end() || !off->is_number_integer() || off->get<int64_t>() < 0 || off->get<int64_t>() > 31)
        return input_error("layout row " + where + "offset: not a byte offset 0-31");
    label = std::move(l), type = std::move(t), slot = std::move(s);
    offset = static_cast<int>(off->get<int64_t>());
    return {};
}

}  // namespace

Result<LayoutRow> layout_row_from_json(const nlohmann::json& j) {
    if (!j.is_object()) return input_error("layout row: not a JSON object");
    LayoutRow r;
    SUTURE_TRY(status, text(j, "status", ""));
    r.status = std::move(status);
    if (j.contains("namespace")) {
        SUTURE_TRY(ns, text(j, "namespace", ""));
        r.ns = std::move(ns);
    }
    SUTURE_CHECK(side(j, "old", r.old_label, r.old_type, r.old_slot, r.old_offset));
    SUTURE_CHECK(side(j, "new", r.new_label, r.new_type, r.new_slot, r.new_offset));
    return r;
}

}  // namespace suture::upgrade
