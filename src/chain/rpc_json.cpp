// Strict JSON-RPC quantity/data parsing (rpc_json.hpp).
#include "chain/rpc_json.hpp"

#include <cstdio>

#include "core/hex.hpp"

namespace suture::chain {

using nlohmann::json;

namespace {

Error bad(std::string_view field, const json& j, std::string_view why) {
    std::string shown = j.dump();
    if (shown.size() > 80) shown = shown.substr(0, 80) + "...";
    return chain_error("field " + std::string(field) + ": " + std::string(why) + " (got " + shown + ")");
}

// Quantity digits after "0x", leading zeros stripped. The spec asks nodes for
// the minimal form, but some send leading zeros; the value is still bounded.
Result<std::string_view> quantity_digits(const json& j, std::string_view field) {
    if (!j.is_string()) return bad(field, j, "expected a hex quantity string");
    const auto& s = j.get_ref<const std::string&>();
    if (s.size() < 3 || s[0] != '0' || (s[1] != 'x' && s[1] != 'X')) return bad(field, j, "expected 0x-prefixed hex");
    std::string_view d(s);
    d.remove_prefix(2);
    for (char c : d)
        if (hex_digit(c) < 0) return bad(field, j, "not a hex digit");
    while (d.size() > 1 && d[0] == '0') d.remove_prefix(1);
    return d;
}

}  // namespace

std::string quantity(uint64_t v) {
    char buf[24];
    std::snprintf(buf, sizeof buf, "0x%llx", static_cast<unsigned long long>(v));
    return buf;
}

std::string quantity(const uint256& v) { return v.to_hex(); }

Result<uint64_t> parse_u64(const json& j, std::string_view field) {
    if (j.is_number_unsigned()) return j.get<uint64_t>();
    SUTURE_TRY(d, quantity_digits(j, field));
    if (d.size() > 16) return bad(field, j, "does not fit 64 bits");
    uint64_t v = 0;
    for (char c : d) v = (v << 4) | static_cast<uint64_t>(hex_digit(c));  // quantity_digits checked each digit
    return v;
}

Result<uint256> parse_u256(const json& j, std::string_view field) {
    if (j.is_number_unsigned()) return uint256(j.get<uint64_t>());
    SUTURE_TRY(d, quantity_digits(j, field));
    if (d.size() > 64) return bad(field, j, "does not fit 256 bits");
    auto v = uint256::parse("0x" + std::string(d));
    if (!v.ok()) return bad(field, j, v.error().message);
    return *v;
}

Result<Bytes> parse_data(const json& j, std::string_view field) {
    if (!j.is_string()) return bad(field, j, "expected a hex data string");
    auto b = from_hex(j.get_ref<const std::string&>());
    if (!b.ok()) return bad(field, j, b.error().message);
    return std::move(*b);
}

Result<Bytes32> parse_bytes32(const json& j, std::string_view field) {
    SUTURE_TRY(b, parse_data(j, field));
    if (b.size() != 32) return bad(field, j, "expected 32 bytes");
    Bytes32 out;
    std::copy(b.begin(), b.end(), out.begin());
    return out;
}

Result<Address> parse_addr(const json& j, std::string_view field) {
    SUTURE_TRY(b, parse_data(j, field));
    if (b.size() != 20) return bad(field, j, "expected a 20-byte address");
    Address a;
    std::copy(b.begin(), b.end(), a.bytes.begin());
    return a;
}

Result<const json*> member(const json& j, std::string_view key) {
    if (!j.is_object()) return chain_error("expected an object holding field " + std::string(key));
    auto it = j.find(key);
    if (it == j.end()) return chain_error("missing field " + std::string(key));
    return &*it;
}

}  // namespace suture::chain
