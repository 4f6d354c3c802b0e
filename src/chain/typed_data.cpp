// EIP-712 encodeType / encodeData / hashStruct and the signing digest (typed_data.hpp).
#include "chain/typed_data.hpp"

#include <set>

#include "core/abi_encode.hpp"
#include "core/abi_value.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

Error bad(std::string_view where, std::string_view why) {
    return input_error("EIP-712 " + std::string(where) + ": " + std::string(why));
}

// "Person[2][]" -> "Person"; "uint256" stays.
std::string_view base_type(std::string_view t) {
    auto p = t.find('[');
    return p == std::string_view::npos ? t : t.substr(0, p);
}

bool is_struct(const json& types, std::string_view name) {
    return types.is_object() && types.contains(std::string(name));
}

Result<const json*> members_of(const json& types, std::string_view name) {
    if (!is_struct(types, name)) return bad(std::string(name), "no such type in `types`");
    const json& m = types[std::string(name)];
    if (!m.is_array()) return bad(std::string(name), "type must be an array of {name, type}");
    for (const auto& f : m)
        if (!f.is_object() || !f.contains("name") || !f.contains("type") || !f["name"].is_string() || !f["type"].is_string())
            return bad(std::string(name), "every member needs a string name and type");
    return &m;
}

Status collect_deps(const json& types, std::string_view name, std::set<std::string>& out) {
    if (out.count(std::string(name))) return {};
    out.insert(std::string(name));
    SUTURE_TRY(members, members_of(types, name));
    for (const auto& f : *members) {
        std::string_view t = base_type(f["type"].get_ref<const std::string&>());
        if (is_struct(types, t)) SUTURE_CHECK(collect_deps(types, t, out));
    }
    return {};
}

std::string struct_signature(const json& members, std::string_view name) {
    std::string s = std::string(name) + "(";
    for (size_t i = 0; i < members.size(); ++i) {
        if (i) s += ",";
        s += members[i]["type"].get<std::string>() + " " + members[i]["name"].get<std::string>();
    }
    return s + ")";
}

Result<Bytes32> hash_struct(const json& types, std::string_view name, const json& data, int depth);

// encodeData of one value: always 32 bytes (EIP-712 "Definition of encodeData").
Result<Bytes32> encode_value(const json& types, std::string_view type, const json& value, const std::string& where,
                             int depth) {
    if (depth > 64) return bad(where, "nesting deeper than 64 levels");
    if (!type.empty() && type.back() == ']') {
        // Arrays: keccak256 of the concatenated encodeData of the elements.
        auto open = type.rfind('[');
        std::string_view elem = type.substr(0, open);
        std::string_view len = type.substr(open + 1, type.size() - open - 2);
        if (!value.is_array()) return bad(where, "expected an array for type " + std::string(type));
        if (!len.empty() && std::to_string(value.size()) != len)
            return bad(where, "expected " + std::string(len) + " elements, got " + std::to_string(value.size()));
        Bytes concat;
        for (size_t i = 0; i < value.size(); ++i) {
            SUTURE_TRY(e, encode_value(types, elem, value[i], where + "[" + std::to_string(i) + "]", depth + 1));
            concat.insert(concat.end(), e.begin(), e.end());
        }
        return keccak256(concat);
    }
    if (is_struct(types, type)) return hash_struct(types, type, value, depth + 1);
    if (type == "string") {
        if (!value.is_string()) return bad(where, "expected a string");
        return keccak256(value.get_ref<const std::string&>());
    }
    if (type == "bytes") {
        if (!value.is_string()) return bad(where, "expected 0x-hex bytes");
        auto b = from_hex(value.get_ref<const std::string&>());
        if (!b.ok()) return bad(where, b.error().message);
        return keccak256(*b);
    }
    // Atomic types: their 32-byte ABI encoding.
    auto t = abi::parse_type(type);
    if (!t.ok()) return bad(where, "unknown type " + std::string(type));
    if (t->is_dynamic() || t->kind == abi::AbiKind::tuple || t->kind == abi::AbiKind::function)
        return bad(where, "type " + std::string(type) + " is not allowed in EIP-712");
    auto v = abi::value_from_json(*t, value);
    if (!v.ok()) return bad(where, v.error().message);
    auto enc = abi::encode({*t}, {*v});
    if (!enc.ok()) return bad(where, enc.error().message);
    Bytes32 w;
    std::copy(enc->begin(), enc->begin() + 32, w.begin());
    return w;
}

Result<Bytes32> hash_struct(const json& types, std::string_view name, const json& data, int depth) {
    if (!data.is_object()) return bad(std::string(name), "expected an object");
    SUTURE_TRY(th, eip712_type_hash(types, name));
    SUTURE_TRY(members, members_of(types, name));
    Bytes enc(th.begin(), th.end());
    for (const auto& f : *members) {
        const std::string& field = f["name"].get_ref<const std::string&>();
        std::string where = std::string(name) + "." + field;
        if (!data.contains(field)) return bad(where, "missing from the data");
        SUTURE_TRY(w, encode_value(types, f["type"].get_ref<const std::string&>(), data[field], where, depth));
        enc.insert(enc.end(), w.begin(), w.end());
    }
    return keccak256(enc);
}

}  // namespace

Result<std::string> eip712_encode_type(const json& types, std::string_view type_name) {
    std::set<std::string> deps;
    SUTURE_CHECK(collect_deps(types, type_name, deps));
    deps.erase(std::string(type_name));
    SUTURE_TRY(primary, members_of(types, type_name));
    std::string s = struct_signature(*primary, type_name);
    for (const auto& d : deps) {  // std::set: sorted by name, as EIP-712 requires
        SUTURE_TRY(m, members_of(types, d));
        s += struct_signature(*m, d);
    }
    return s;
}

Result<Bytes32> eip712_type_hash(const json& types, std::string_view type_name) {
    SUTURE_TRY(s, eip712_encode_type(types, type_name));
    return keccak256(s);
}

Result<Bytes32> eip712_hash_struct(const json& types, std::string_view type_name, const json& data) {
    return hash_struct(types, type_name, data, 0);
}

Result<Bytes32> eip712_digest(const json& td) {
    if (!td.is_object()) return bad("typed data", "expected an object");
    for (const char* k : {"types", "primaryType", "domain", "message"})
        if (!td.contains(k)) return bad("typed data", std::string("missing field ") + k);
    if (!td["primaryType"].is_string()) return bad("typed data", "primaryType must be a string");
    const json& types = td["types"];
    SUTURE_TRY(domain, eip712_hash_struct(types, "EIP712Domain", td["domain"]));
    SUTURE_TRY(message, eip712_hash_struct(types, td["primaryType"].get<std::string>(), td["message"]));
    Bytes buf = {0x19, 0x01};
    buf.insert(buf.end(), domain.begin(), domain.end());
    buf.insert(buf.end(), message.begin(), message.end());
    return keccak256(buf);
}

Result<Signature> sign_typed_data(const SecretKey& key, const json& typed_data) {
    SUTURE_TRY(d, eip712_digest(typed_data));
    return key.sign_hash(d);
}

Result<Address> recover_typed_data_signer(const json& typed_data, const Signature& sig) {
    SUTURE_TRY(d, eip712_digest(typed_data));
    return recover_address(d, sig);
}

}  // namespace suture::chain
