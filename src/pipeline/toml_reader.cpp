// Schema-checked TOML reading (toml_reader.hpp).
#include "pipeline/toml_reader.hpp"

#include <filesystem>
#include <fstream>
#include <sstream>

namespace suture::pipeline {
namespace {

namespace fs = std::filesystem;

std::string position(const std::string& file, const toml::source_region& where) {
    std::string s = file;
    if (where.begin.line > 0) s += ":" + std::to_string(where.begin.line) + ":" + std::to_string(where.begin.column);
    return s;
}

const char* type_name(toml::node_type t) {
    switch (t) {
    case toml::node_type::table: return "a table";
    case toml::node_type::array: return "an array";
    case toml::node_type::string: return "a string";
    case toml::node_type::integer: return "an integer";
    case toml::node_type::floating_point: return "a float";
    case toml::node_type::boolean: return "a boolean";
    case toml::node_type::date:
    case toml::node_type::time:
    case toml::node_type::date_time: return "a date/time";
    default: return "nothing";
    }
}

}  // namespace

TomlTable::TomlTable(const toml::table& table, std::string key_path, const std::string& file)
    : table_(&table), path_(std::move(key_path)), file_(&file) {}

std::string TomlTable::child(std::string_view key) const {
    return path_.empty() ? std::string(key) : path_ + "." + std::string(key);
}

Error TomlTable::error_here(std::string_view message) const {
    return input_error(position(*file_, table_->source()) + ": " + (path_.empty() ? "(top level)" : path_) + ": " +
                       std::string(message));
}

Error TomlTable::error_at(std::string_view key, std::string_view message) const {
    // The key's own position (toml::key keeps it) points at the line to fix.
    for (auto&& [k, v] : *table_)
        if (k.str() == key)
            return input_error(position(*file_, k.source()) + ": " + child(key) + ": " + std::string(message));
    return input_error(position(*file_, table_->source()) + ": " + child(key) + ": " + std::string(message));
}

Error TomlTable::type_error(std::string_view key, std::string_view expected) const {
    const toml::node* n = table_->get(key);
    return error_at(key, "expected " + std::string(expected) + ", found " + type_name(n ? n->type() : toml::node_type::none));
}

bool TomlTable::has(std::string_view key) const { return table_->contains(key); }

Result<std::optional<std::string>> TomlTable::optional_string(std::string_view key) {
    known_.emplace(key);
    const toml::node* n = table_->get(key);
    if (!n) return std::optional<std::string>();
    if (!n->is_string()) return type_error(key, "a string");
    return std::optional<std::string>(n->as_string()->get());
}

Result<std::string> TomlTable::string(std::string_view key) {
    SUTURE_TRY(v, optional_string(key));
    if (!v) return error_here("missing required key " + child(key) + " (a string)");
    return *v;
}

Result<std::optional<uint64_t>> TomlTable::optional_uint(std::string_view key) {
    known_.emplace(key);
    const toml::node* n = table_->get(key);
    if (!n) return std::optional<uint64_t>();
    if (!n->is_integer()) return type_error(key, "a non-negative integer");
    int64_t v = n->as_integer()->get();
    if (v < 0) return error_at(key, "expected a non-negative integer, found " + std::to_string(v));
    return std::optional<uint64_t>(static_cast<uint64_t>(v));
}

Result<std::optional<bool>> TomlTable::optional_bool(std::string_view key) {
    known_.emplace(key);
    const toml::node* n = table_->get(key);
    if (!n) return std::optional<bool>();
    if (!n->is_boolean()) return type_error(key, "true or false");
    return std::optional<bool>(n->as_boolean()->get());
}

Result<uint64_t> TomlTable::uint(std::string_view key) {
    SUTURE_TRY(v, optional_uint(key));
    if (!v) return error_here("missing required key " + child(key) + " (an integer)");
    return *v;
}

Result<std::optional<Address>> TomlTable::optional_address(std::string_view key) {
    SUTURE_TRY(s, optional_string(key));
    if (!s) return std::optional<Address>();
    auto a = parse_address(*s);
    if (!a.ok()) return error_at(key, a.error().message);
    return std::optional<Address>(*a);
}

Result<Address> TomlTable::address(std::string_view key) {
    SUTURE_TRY(a, optional_address(key));
    if (!a) return error_here("missing required key " + child(key) + " (an address)");
    return *a;
}

Result<std::vector<std::string>> TomlTable::strings(std::string_view key) {
    known_.emplace(key);
    std::vector<std::string> out;
    const toml::node* n = table_->get(key);
    if (!n) return out;
    if (!n->is_array()) return type_error(key, "an array of strings");
    for (const toml::node& e : *n->as_array()) {
        if (!e.is_string())
            return input_error(position(*file_, e.source()) + ": " + child(key) + "[" + std::to_string(out.size()) +
                               "]: expected a string, found " + type_name(e.type()));
        out.push_back(e.as_string()->get());
    }
    return out;
}

Result<std::optional<std::string>> TomlTable::optional_existing_path(std::string_view key) {
    SUTURE_TRY(s, optional_string(key));
    if (!s) return std::optional<std::string>();
    fs::path p(*s);
    if (p.is_relative()) p = fs::path(*file_).parent_path() / p;
    std::error_code ec;
    if (!fs::exists(p, ec)) return error_at(key, "no such file or directory: " + p.lexically_normal().string());
    return std::optional<std::string>(p.lexically_normal().string());
}

Result<std::string> TomlTable::existing_path(std::string_view key) {
    SUTURE_TRY(p, optional_existing_path(key));
    if (!p) return error_here("missing required key " + child(key) + " (a path)");
    return *p;
}

Result<std::optional<TomlTable>> TomlTable::table(std::string_view key) {
    known_.emplace(key);
    const toml::node* n = table_->get(key);
    if (!n) return std::optional<TomlTable>();
    if (!n->is_table()) return type_error(key, "a table");
    return std::optional<TomlTable>(TomlTable(*n->as_table(), child(key), *file_));
}

Result<std::vector<TomlTable>> TomlTable::tables(std::string_view key) {
    known_.emplace(key);
    std::vector<TomlTable> out;
    const toml::node* n = table_->get(key);
    if (!n) return out;
    if (!n->is_array()) return type_error(key, "an array of tables ([[" + child(key) + "]])");
    size_t i = 0;
    for (const toml::node& e : *n->as_array()) {
        const std::string name = child(key) + "[" + std::to_string(i++) + "]";
        if (!e.is_table())
            return input_error(position(*file_, e.source()) + ": " + name + ": expected a table, found " +
                               type_name(e.type()));
        out.emplace_back(*e.as_table(), name, *file_);
    }
    return out;
}

Result<std::vector<std::pair<std::string, TomlTable>>> TomlTable::named_tables(std::string_view key) {
    SUTURE_TRY(outer, table(key));
    std::vector<std::pair<std::string, TomlTable>> out;
    if (!outer) return out;
    for (auto&& [k, v] : *outer->table_) {
        if (!v.is_table())
            return input_error(position(*file_, k.source()) + ": " + outer->child(k.str()) +
                               ": expected a table, found " + type_name(v.type()));
        out.emplace_back(std::string(k.str()), TomlTable(*v.as_table(), outer->child(k.str()), *file_));
    }
    return out;
}

Status TomlTable::finish() const {
    for (auto&& [k, v] : *table_) {
        if (known_.count(k.str())) continue;
        std::string list;
        for (const auto& name : known_) list += (list.empty() ? "" : ", ") + name;
        return input_error(position(*file_, k.source()) + ": " + child(k.str()) + ": unknown key (known here: " +
                           list + ")");
    }
    return {};
}

Status TomlTable::only(std::initializer_list<std::string_view> keys) {
    for (auto k : keys) known_.emplace(k);
    return finish();
}

Result<toml::table> parse_toml_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return input_error(path + ": cannot read the file");
    std::ostringstream ss;
    ss << in.rdbuf();
    try {
        return toml::parse(ss.str(), path);
    } catch (const toml::parse_error& e) {
        return input_error(position(path, e.source()) + ": " + std::string(e.description()));
    }
}

}  // namespace suture::pipeline
