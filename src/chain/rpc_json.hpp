// Strict conversions between JSON-RPC encodings and Suture types.
//
// Quantities are "0x" + minimal hex (no leading zeros, "0x0" for zero); data
// is "0x" + an even number of hex digits. Every parser names the field it was
// given in its error (kind chain: a malformed answer from a node).
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

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

// j[key] or an error naming the key when it is missing.
Result<const nlohmann::json*> member(const nlohmann::json& j, std::string_view key);

}  // namespace suture::chain
