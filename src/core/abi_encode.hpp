// Solidity ABI encoding (abi.encode), call data, and event topics.
#pragma once

#include <array>
#include <vector>

#include "core/abi_type.hpp"
#include "core/abi_value.hpp"

namespace suture::abi {

using Selector = std::array<uint8_t, 4>;

// First four bytes of keccak256 of a canonical signature "name(types)".
Selector selector(std::string_view canonical_signature);
// keccak256 of a canonical event signature: topic 0 of a non-anonymous event.
Bytes32 event_topic(std::string_view canonical_signature);

// abi.encode(values...): the values as one tuple of `types`. Each value is
// checked against its type first (ranges, lengths), so an error names the
// argument instead of producing a wrong encoding.
Result<Bytes> encode(const std::vector<AbiType>& types, const std::vector<AbiValue>& values);

// Call data: selector of sig.canonical() followed by encode(inputs, values).
Result<Bytes> encode_call(const Signature& sig, const std::vector<AbiValue>& values);

// The topic of one indexed event argument (spec, "Events"): a static value's
// 32-byte encoding; for bytes and string keccak256 of the contents; for arrays
// and tuples keccak256 of their in-place encoding (elements padded to 32
// bytes, no offsets or lengths).
Result<Bytes32> indexed_topic(const AbiType& type, const AbiValue& value);

}  // namespace suture::abi
