// JSON ABI parsing (Solidity docs, "Contract ABI Specification", "JSON").
#include "core/abi_json.hpp"

#include <nlohmann/json.hpp>

namespace suture::abi {
namespace {

using nlohmann::json;

const char* kind_of(const json& j) {
    switch (j.type()) {
    case json::value_t::null: return "null";
    case json::value_t::object: return "an object";
    case json::value_t::array: return "an array";
    case json::value_t::string: return "a string";
    case json::value_t::boolean: return "a boolean";
    default: return "a number";
    }
}

// Errors name the JSON path of the bad value ("abi[3].inputs[0].type: ...").
Error bad(const std::string& path, const std::string& what) { return input_error(path + ": " + what); }

// Member `key` of `obj` when present: a string (`out`), anything else an error.
Status optional_string(const json& obj, const char* key, const std::string& path, std::string& out) {
    auto it = obj.find(key);
    if (it == obj.end()) return {};
    if (!it->is_string()) return bad(path + "." + key, std::string("expected a string, found ") + kind_of(*it));
    out = it->get<std::string>();
    return {};
}

Status optional_bool(const json& obj, const char* key, const std::string& path, bool& out) {
    auto it = obj.find(key);
    if (it == obj.end()) return {};
    if (!it->is_boolean()) return bad(path + "." + key, std::string("expected true or false, found ") + kind_of(*it));
    out = it->get<bool>();
    return {};
}

Result<std::vector<Param>> parse_params(const json& j, const std::string& path, size_t depth);

// A parameter's type: "tuple..." takes its members (and their names) from
// "components"; the text after "tuple" is the array suffix, e.g. "[2][]".
Result<AbiType> param_type(const json& p, const std::string& path, size_t depth) {
    auto t = p.find("type");
    if (t == p.end()) return bad(path, "parameter without a \"type\"");
    if (!t->is_string()) return bad(path + ".type", std::string("expected a string, found ") + kind_of(*t));
    const std::string& type = t->get_ref<const std::string&>();
    if (!type.starts_with("tuple")) {
        auto parsed = parse_type(type);
        if (!parsed) return std::move(parsed).error().context(path + ".type");
        return std::move(*parsed);
    }
    if (depth > kMaxTypeDepth) return bad(path, "tuples nested too deeply");
    static const json kNoComponents = json::array();
    auto comps = p.find("components");
    SUTURE_TRY(members, parse_params(comps == p.end() ? kNoComponents : *comps, path + ".components", depth + 1));
    AbiType base = AbiType::tuple_of({});
    for (auto& m : members) {
        base.components.push_back(std::move(m.type));
        base.names.push_back(std::move(m.name));
    }
    auto whole = parse_type(base.canonical() + type.substr(5));
    if (!whole) return std::move(whole).error().context(path + ".type");
    // Graft the named tuple in place of the parsed (unnamed) innermost element.
    AbiType* inner = &*whole;
    while (inner->kind == AbiKind::array || inner->kind == AbiKind::fixed_array) inner = &inner->components[0];
    *inner = std::move(base);
    return std::move(*whole);
}

Result<std::vector<Param>> parse_params(const json& j, const std::string& path, size_t depth) {
    if (!j.is_array()) return bad(path, std::string("expected an array of parameters, found ") + kind_of(j));
    std::vector<Param> out;
    out.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string here = path + "[" + std::to_string(i) + "]";
        if (!j[i].is_object()) return bad(here, std::string("expected a parameter object, found ") + kind_of(j[i]));
        SUTURE_TRY(t, param_type(j[i], here, depth));
        Param p;
        p.type = std::move(t);
        SUTURE_CHECK(optional_string(j[i], "name", here, p.name));
        SUTURE_CHECK(optional_bool(j[i], "indexed", here, p.indexed));
        out.push_back(std::move(p));
    }
    return out;
}

Result<AbiEntry> parse_entry(const json& j, const std::string& path) {
    if (!j.is_object()) return bad(path, std::string("expected an ABI entry object, found ") + kind_of(j));
    AbiEntry e;
    // Spec: "type" can be omitted, defaulting to "function".
    std::string type = "function";
    SUTURE_CHECK(optional_string(j, "type", path, type));
    bool known = false;
    for (auto k : {EntryKind::function, EntryKind::event, EntryKind::error, EntryKind::constructor,
                   EntryKind::fallback, EntryKind::receive}) {
        if (type == entry_kind_name(k)) {
            e.kind = k;
            known = true;
        }
    }
    if (!known) return bad(path + ".type", "unknown entry type \"" + type.substr(0, 64) + "\"");
    SUTURE_CHECK(optional_string(j, "name", path, e.name));
    if ((e.kind == EntryKind::function || e.kind == EntryKind::event || e.kind == EntryKind::error) && e.name.empty())
        return bad(path, type + " without a \"name\"");
    if (auto in = j.find("inputs"); in != j.end()) {
        SUTURE_TRY(params, parse_params(*in, path + ".inputs", 0));
        e.inputs = std::move(params);
    }
    if (auto out = j.find("outputs"); out != j.end()) {
        SUTURE_TRY(params, parse_params(*out, path + ".outputs", 0));
        e.outputs = std::move(params);
    }
    SUTURE_CHECK(optional_string(j, "stateMutability", path, e.state_mutability));
    SUTURE_CHECK(optional_bool(j, "anonymous", path, e.anonymous));
    return e;
}

}  // namespace

const char* entry_kind_name(EntryKind k) {
    switch (k) {
    case EntryKind::function: return "function";
    case EntryKind::event: return "event";
    case EntryKind::error: return "error";
    case EntryKind::constructor: return "constructor";
    case EntryKind::fallback: return "fallback";
    case EntryKind::receive: return "receive";
    }
    return "function";
}

Result<AbiEntry> parse_abi_entry(const json& j, const std::string& path) { return parse_entry(j, path); }

Result<ContractAbi> parse_abi(const json& j, const std::string& path) {
    if (!j.is_array()) return bad(path, std::string("expected an array of ABI entries, found ") + kind_of(j));
    ContractAbi abi;
    abi.entries.reserve(j.size());
    for (size_t i = 0; i < j.size(); ++i) {
        SUTURE_TRY(e, parse_entry(j[i], path + "[" + std::to_string(i) + "]"));
        abi.entries.push_back(std::move(e));
    }
    return abi;
}

Result<ContractAbi> parse_abi_text(std::string_view json_text) {
    const json j = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (j.is_discarded()) return input_error("abi: not valid JSON");
    return parse_abi(j);
}

const AbiEntry* ContractAbi::function(Selector s) const {
    for (const auto& e : entries)
        if (e.kind == EntryKind::function && e.selector() == s) return &e;
    return nullptr;
}

const AbiEntry* ContractAbi::error(Selector s) const {
    for (const auto& e : entries)
        if (e.kind == EntryKind::error && e.selector() == s) return &e;
    return nullptr;
}

const AbiEntry* ContractAbi::event(const Bytes32& topic0) const {
    for (const auto& e : entries)
        if (e.kind == EntryKind::event && !e.anonymous && e.topic() == topic0) return &e;
    return nullptr;
}

const AbiEntry* ContractAbi::find(EntryKind kind, std::string_view name) const {
    for (const auto& e : entries)
        if (e.kind == kind && e.name == name) return &e;
    return nullptr;
}

const AbiEntry* ContractAbi::constructor() const {
    for (const auto& e : entries)
        if (e.kind == EntryKind::constructor) return &e;
    return nullptr;
}

}  // namespace suture::abi
