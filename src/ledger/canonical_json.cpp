// Canonical JSON (canonical_json.hpp).
#include "ledger/canonical_json.hpp"

namespace suture::ledger {
namespace {

// nlohmann's default object type is a std::map, so dump() already writes keys
// in byte order and without whitespace; what remains is refusing floats.
Status check_no_floats(const nlohmann::json& v, const std::string& path) {
    if (v.is_number_float()) return input_error("canonical JSON: " + path + " is a float; use an integer or a string");
    if (v.is_object())
        for (const auto& [k, m] : v.items()) SUTURE_CHECK(check_no_floats(m, path + "." + k));
    if (v.is_array())
        for (size_t i = 0; i < v.size(); ++i) SUTURE_CHECK(check_no_floats(v[i], path + "[" + std::to_string(i) + "]"));
    return {};
}

}  // namespace

Result<std::string> canonical_json(const nlohmann::json& value) {
    SUTURE_CHECK(check_no_floats(value, "$"));
    try {
        return value.dump(-1, ' ', false, nlohmann::json::error_handler_t::strict);
    } catch (const nlohmann::json::exception& e) {
        return input_error(std::string("canonical JSON: ") + e.what());
    }
}

}  // namespace suture::ledger
