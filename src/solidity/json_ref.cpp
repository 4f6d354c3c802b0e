#include "solidity/json_ref.hpp"

#include <cctype>

namespace suture::solidity {

std::string json_path_key(std::string_view path, std::string_view key) {
    bool ident = !key.empty() && !std::isdigit(static_cast<unsigned char>(key[0]));
    for (char c : key)
        if (!std::isalnum(static_cast<unsigned char>(c)) && c != '_' && c != '$') ident = false;
    std::string out(path);
    if (ident) {
        out += '.';
        out += key;
    } else {
        out += "[\"";
        for (char c : key) {
            if (c == '"' || c == '\\') out += '\\';
            out += c;
        }
        out += "\"]";
    }
    return out;
}

static const char* kind_name(const Json& j) {
    switch (j.type()) {
    case Json::value_t::null: return "null";
    case Json::value_t::object: return "an object";
    case Json::value_t::array: return "an array";
    case Json::value_t::string: return "a string";
    case Json::value_t::boolean: return "a boolean";
    case Json::value_t::discarded: return "nothing";
    default: return "a number";
    }
}

Error JsonRef::error(std::string_view what) const {
    return input_error(*file_ + ": " + path_ + ": " + std::string(what));
}

JsonRef JsonRef::child(const Json& j, std::string_view key) const {
    return JsonRef(j, file_, json_path_key(path_, key));
}

JsonRef JsonRef::child(const Json& j, size_t index) const {
    return JsonRef(j, file_, path_ + "[" + std::to_string(index) + "]");
}

Status JsonRef::expect_object() const {
    if (!j_->is_object()) return error(std::string("expected an object, found ") + kind_name(*j_));
    return {};
}

Status JsonRef::expect_array() const {
    if (!j_->is_array()) return error(std::string("expected an array, found ") + kind_name(*j_));
    return {};
}

Result<JsonRef> JsonRef::at(std::string_view key) const {
    SUTURE_CHECK(expect_object());
    auto it = j_->find(key);
    if (it == j_->end()) return error("missing field \"" + std::string(key) + "\"");
    return child(*it, key);
}

std::optional<JsonRef> JsonRef::find(std::string_view key) const {
    if (!j_->is_object()) return std::nullopt;
    auto it = j_->find(key);
    if (it == j_->end() || it->is_null()) return std::nullopt;
    return child(*it, key);
}

Result<JsonRef> JsonRef::at(size_t i) const {
    SUTURE_CHECK(expect_array());
    if (i >= j_->size()) return error("index " + std::to_string(i) + " out of range");
    return child((*j_)[i], i);
}

Result<std::string> JsonRef::str() const {
    if (!j_->is_string()) return error(std::string("expected a string, found ") + kind_name(*j_));
    return j_->get<std::string>();
}

Result<int64_t> JsonRef::integer() const {
    if (j_->is_number_integer()) return j_->get<int64_t>();
    if (j_->is_number_unsigned()) {
        auto v = j_->get<uint64_t>();
        if (v > static_cast<uint64_t>(INT64_MAX)) return error("integer too large");
        return static_cast<int64_t>(v);
    }
    if (j_->is_string()) {
        const auto& s = j_->get_ref<const std::string&>();
        if (s.empty() || s.size() > 18) return error("expected a small decimal integer, found \"" + s + "\"");
        int64_t v = 0;
        for (char c : s) {
            if (c < '0' || c > '9') return error("expected a decimal integer, found \"" + s + "\"");
            v = v * 10 + (c - '0');
        }
        return v;
    }
    return error(std::string("expected an integer, found ") + kind_name(*j_));
}

Result<std::string> JsonRef::str_at(std::string_view key) const {
    SUTURE_TRY(v, at(key));
    return v.str();
}

Result<JsonRef> JsonRef::object_at(std::string_view key) const {
    SUTURE_TRY(v, at(key));
    SUTURE_CHECK(v.expect_object());
    return v;
}

Result<JsonRef> JsonRef::array_at(std::string_view key) const {
    SUTURE_TRY(v, at(key));
    SUTURE_CHECK(v.expect_array());
    return v;
}

}  // namespace suture::solidity
