// Strict conversions between JSON-RPC encodings and Suture types.
//
// Quantities are "0x" + minimal hex (no leading zeros, "0x0" for zero); data
// is "0x" + an even number of hex digits. Every parser names the field it was
// given in its error (kind chain: a malformed answer from a node).
#pragma once

#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/rpc_types.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"

namespace suture::chain {

std::string quantity(uint64_t v);
std::string quantity(const uint256& v);

Result<uint64_t> parse_u64(const nlohmann::json& j, std::string_view field);
Result<uint256> parse_u256(const nlohmann::json& j, std::string_view field);
Result<Bytes> parse_data(const nlohmann::json& j, std::string_view field);
Result<Bytes32> parse_bytes32(const nlohmann::json& j, std::string_view field);
Result<Address> parse_addr(const nlohmann::json& j, std::string_view field);

// The call object of eth_call / eth_estimateGas (unset fields omitted).
nlohmann::json call_object(const CallRequest& r);

// A transaction receipt object (eth_getTransactionReceipt's answer).
Result<Receipt> parse_receipt(const nlohmann::json& j);

// j[key] or an error naming the key when it is missing.
Result<const nlohmann::json*> member(const nlohmann::json& j, std::string_view key);

// Appends each element of the array `j` (named `field` in errors), parsed by
// `parse(element, "field[]")`, to `out`.
template <typename T, typename F>
Status parse_array(const nlohmann::json& j, std::string_view field, std::vector<T>& out, F parse) {
    if (!j.is_array()) return chain_error("field " + std::string(field) + ": expected an array");
    const std::string element = std::string(field) + "[]";
    for (const auto& e : j) {
        SUTURE_TRY(v, parse(e, element));
        out.push_back(std::move(v));
    }
    return {};
}

// Reads the members of one JSON object (a receipt, a block, ...) into a struct,
// each with its parse_* function:
//
//   SUTURE_CHECK(FieldReader(j).field("number", b.number, parse_u64)
//                              .optional_field("baseFeePerGas", b.base_fee_per_gas, parse_u256)
//                              .status());
//
// The first failure is kept and the reads after it do nothing.
class FieldReader {
public:
    explicit FieldReader(const nlohmann::json& obj) : obj_(obj) {}

    // A member the node must send.
    template <typename T, typename F>
    FieldReader& field(std::string_view key, T& out, F parse) {
        if (!status_.ok()) return *this;
        auto v = member(obj_, key);
        if (!v.ok()) status_ = std::move(v).error();
        else store(parse(**v, key), out);
        return *this;
    }

    // A member a node may omit or set to null (`out` keeps its value then).
    template <typename T, typename F>
    FieldReader& optional_field(std::string_view key, T& out, F parse) {
        if (!status_.ok()) return *this;
        if (const auto* v = present(key)) store(parse(*v, key), out);
        return *this;
    }

    // An array member, parsed element by element (parse_array).
    template <typename T, typename F>
    FieldReader& array(std::string_view key, std::vector<T>& out, F parse) {
        if (!status_.ok()) return *this;
        auto v = member(obj_, key);
        if (!v.ok()) status_ = std::move(v).error();
        else status_ = parse_array(**v, key, out, parse);
        return *this;
    }

    // An array member a node may omit or set to null (`out` stays empty then).
    template <typename T, typename F>
    FieldReader& optional_array(std::string_view key, std::vector<T>& out, F parse) {
        if (!status_.ok()) return *this;
        if (const auto* v = present(key)) status_ = parse_array(*v, key, out, parse);
        return *this;
    }

    Status status() const { return status_; }

private:
    // The member, or null when it is absent or JSON null.
    const nlohmann::json* present(std::string_view key) const {
        auto it = obj_.find(key);
        return it == obj_.end() || it->is_null() ? nullptr : &*it;
    }
    template <typename V, typename T>
    void store(Result<V> parsed, T& out) {
        if (parsed.ok()) out = std::move(parsed).value();
        else status_ = std::move(parsed).error();
    }

    const nlohmann::json& obj_;
    Status status_;
};

}  // namespace suture::chain
