// Values of Solidity ABI types, and their text and JSON forms.
//
// A value does not carry its type: every operation takes the AbiType beside it.
// Integers of any width are held as uint256 (intN in two's complement, sign-
// extended to 256 bits), so one representation serves every layer.
#pragma once

#include <nlohmann/json_fwd.hpp>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

#include "core/abi_type.hpp"
#include "core/address.hpp"
#include "core/uint256.hpp"

namespace suture::abi {

struct AbiValue {
    using List = std::vector<AbiValue>;
    // uint256: uintN, intN; bool; Address; Bytes: bytesN, bytes, function;
    // std::string: string; List: T[], T[k], tuples.
    std::variant<uint256, bool, Address, Bytes, std::string, List> v;

    AbiValue() = default;
    AbiValue(uint256 x) : v(x) {}                      // NOLINT: implicit by design
    AbiValue(bool x) : v(x) {}                         // NOLINT
    AbiValue(Address x) : v(x) {}                      // NOLINT
    AbiValue(Bytes x) : v(std::move(x)) {}             // NOLINT
    AbiValue(std::string x) : v(std::move(x)) {}       // NOLINT
    AbiValue(const char* x) : v(std::string(x)) {}     // NOLINT
    AbiValue(List x) : v(std::move(x)) {}              // NOLINT
    static AbiValue from_int(int64_t x) { return uint256(static_cast<uint64_t>(x)) | (x < 0 ? ~uint256(0) << 64 : uint256(0)); }

    bool operator==(const AbiValue&) const = default;

    // Accessors; each assumes the value holds that alternative.
    const uint256& as_uint() const { return std::get<uint256>(v); }
    bool as_bool() const { return std::get<bool>(v); }
    const Address& as_address() const { return std::get<Address>(v); }
    const Bytes& as_bytes() const { return std::get<Bytes>(v); }
    const std::string& as_string() const { return std::get<std::string>(v); }
    const List& as_list() const { return std::get<List>(v); }
};

// Checks that `value` is a valid value of `type`: the right alternative, uintN
// and intN in range, bytesN exactly N bytes, T[k] exactly k elements.
Status check_value(const AbiType& type, const AbiValue& value);

// intN values print as signed decimal.
std::string int_to_dec(const uint256& twos_complement);

// Text form, as `cast` prints decoded values: decimal integers, checksummed
// addresses, true/false, 0x-hex bytes, strings as is at the top level and
// JSON-quoted inside arrays and tuples, [a, b] arrays, (a, b) tuples.
// parse_value() reads this form back.
std::string format_value(const AbiType& type, const AbiValue& value);

// JSON form: integers as decimal strings (they exceed JSON's number range),
// addresses checksummed, bytes as 0x-hex, arrays and tuples as arrays.
nlohmann::json value_to_json(const AbiType& type, const AbiValue& value);

// Reads a value of `type` from command-line text, as `cast` accepts it:
// integers in decimal or 0x-hex (intN may be negative: -5, -0x05), addresses
// (EIP-55 checked when mixed case), true/false, bytes as 0x-hex, strings
// verbatim at the top level; arrays as [a, b] and tuples as (a, b), where
// strings are written "quoted" (JSON escapes) or bare up to the next , ] ).
Result<AbiValue> parse_value(const AbiType& type, std::string_view text);
Result<std::vector<AbiValue>> parse_values(const std::vector<AbiType>& types,
                                           const std::vector<std::string>& args);

// Reads a value from JSON: integers as JSON numbers or decimal/hex strings,
// addresses as strings, bytes types as 0x-hex strings or (without 0x) raw
// text bytes (the convention of ethereum/tests ABITests), arrays and tuples
// as JSON arrays.
Result<AbiValue> value_from_json(const AbiType& type, const nlohmann::json& j);

}  // namespace suture::abi
