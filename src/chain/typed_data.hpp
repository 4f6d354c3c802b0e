// EIP-712 typed structured data: hashing, signing and signer recovery.
//
// Input is the JSON typed-data object wallets take (eth_signTypedData_v4):
//   {"types": {"EIP712Domain": [{"name": "name", "type": "string"}, ...],
//              "Mail": [{"name": "from", "type": "Person"}, ...], ...},
//    "primaryType": "Mail", "domain": {...}, "message": {...}}
// Member types: atomic ABI types (uintN, intN, address, bool, bytesN), the
// dynamic `bytes` and `string` (hashed), other struct types by name, and
// arrays of any of these (T[], T[k], nested). Errors (kind input) name the
// struct and member that could not be encoded.
#pragma once

#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "chain/keys.hpp"
#include "core/result.hpp"

namespace suture::chain {

// encodeType: "Mail(Person from,Person to,string contents)Person(string name,address wallet)":
// the primary type, then every struct it references (transitively), sorted by name.
Result<std::string> eip712_encode_type(const nlohmann::json& types, std::string_view type_name);

// keccak256(encodeType(type_name)).
Result<Bytes32> eip712_type_hash(const nlohmann::json& types, std::string_view type_name);

// hashStruct(s) = keccak256(typeHash ++ encodeData(s)).
Result<Bytes32> eip712_hash_struct(const nlohmann::json& types, std::string_view type_name, const nlohmann::json& data);

// keccak256(0x19 0x01 ++ hashStruct(EIP712Domain, domain) ++ hashStruct(primaryType, message)).
Result<Bytes32> eip712_digest(const nlohmann::json& typed_data);

Result<Signature> sign_typed_data(const SecretKey& key, const nlohmann::json& typed_data);
Result<Address> recover_typed_data_signer(const nlohmann::json& typed_data, const Signature& sig);

}  // namespace suture::chain
