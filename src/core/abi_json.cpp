// JSON ABI parsing (Solidity docs, "Contract ABI Specification", "JSON").
#include "core/abi_json.hpp"

#include <nlohmann/json.hpp>

namespace suture::abi {
namespace {

using nlohmann::json;

Result<std::vector<Param>> parse_params(const json& j, const std::string& where, size_t depth);

// A parameter's type: "tuple..." takes its members (and their names) from
// "components"; the text after "tuple" is the array suffix, e.g. "[2][]".
Result<AbiType> param_type(const json& p, const std::string& where, size_t depth) {
    if (!p.is_object() || !p.contains("type") || !p["type"].is_string())
        return input_error(where + ": parameter without a string \"type\"");
    const std::string type = p["type"].get<std::string>();
    if (!type.starts_with("tuple")) {
        auto t = parse_type(type);
        if (!t) return std::move(t).error().context(where);
        return std::move(*t);
    }
    if (depth > kMaxTypeDepth) return input_error(where + ": tuples nested too deeply");
    SUTURE_TRY(members, parse_params(p.value("components", json::array()), where + " components", depth + 1));
    AbiType base = AbiType::tuple_of({});
    for (auto& m : members) {
        base.components.push_back(std::move(m.type));
        base.names.push_back(std::move(m.name));
    }
    auto whole = parse_type(base.canonical() + type.substr(5));
    if (!whole) return std::move(whole).error().context(where);
    // Graft the named tuple in place of the parsed (unnamed) innermost element.
    AbiType* inner = &*whole;
    while (inner->kind == AbiKind::array || inner->kind == AbiKind::fixed_array) inner = &inner->components[0];
    *inner = std::move(base);
    return std::move(*whole);
}

Result<std::vector<Param>> parse_params(const json& j, const std::string& where, size_t depth) {
    if (!j.is_array()) return input_error(where + ": expected an array of parameters");
    std::vector<Param> out;
    for (size_t i = 0; i < j.size(); ++i) {
        const std::string here = where + "[" + std::to_string(i) + "]";
        SUTURE_TRY(t, param_type(j[i], here, depth));
        Param p;
        p.type = std::move(t);
        if (j[i].contains("name") && j[i]["name"].is_string()) p.name = j[i]["name"].get<std::string>();
        if (j[i].contains("indexed") && j[i]["indexed"].is_boolean()) p.indexed = j[i]["indexed"].get<bool>();
        out.push_back(std::move(p));
    }
    return out;
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

Result<AbiEntry> parse_abi_entry(const json& j) {
    if (!j.is_object()) return input_error("abi entry: expected a JSON object");
    AbiEntry e;
    // Spec: "type" can be omitted, defaulting to "function".
    const std::string type = j.contains("type") && j["type"].is_string() ? j["type"].get<std::string>() : "function";
    bool known = false;
    for (auto k : {EntryKind::function, EntryKind::event, EntryKind::error, EntryKind::constructor,
                   EntryKind::fallback, EntryKind::receive}) {
        if (type == entry_kind_name(k)) {
            e.kind = k;
            known = true;
        }
    }
    if (!known) return input_error("abi entry: unknown \"type\": \"" + type + "\"");
    if (j.contains("name") && j["name"].is_string()) e.name = j["name"].get<std::string>();
    if ((e.kind == EntryKind::function || e.kind == EntryKind::event || e.kind == EntryKind::error) && e.name.empty())
        return input_error("abi entry: " + type + " without a \"name\"");
    const std::string where = "abi " + type + (e.name.empty() ? "" : " " + e.name);
    if (j.contains("inputs")) {
        SUTURE_TRY(in, parse_params(j["inputs"], where + " inputs", 0));
        e.inputs = std::move(in);
    }
    if (j.contains("outputs")) {
        SUTURE_TRY(out, parse_params(j["outputs"], where + " outputs", 0));
        e.outputs = std::move(out);
    }
    if (j.contains("stateMutability") && j["stateMutability"].is_string())
        e.state_mutability = j["stateMutability"].get<std::string>();
    if (j.contains("anonymous") && j["anonymous"].is_boolean()) e.anonymous = j["anonymous"].get<bool>();
    return e;
}

Result<ContractAbi> parse_abi(const json& j) {
    if (!j.is_array()) return input_error("abi: expected a JSON array of entries");
    ContractAbi abi;
    for (size_t i = 0; i < j.size(); ++i) {
        auto e = parse_abi_entry(j[i]);
        if (!e) return std::move(e).error().context("abi entry " + std::to_string(i));
        abi.entries.push_back(std::move(*e));
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
