// Solidity ABI decoding (abi.decode), call data and event logs.
//
// Malformed data is an error naming the argument and what was wrong, never a
// read outside `data`: every offset and length is checked against the bytes
// actually present before use, and lengths are bounded by the data size, so a
// claimed length of 2^255 cannot trigger a huge allocation. Offsets that make
// several values share one encoding could blow up the decoded size; decoding
// stops with an error once it would produce far more than the input holds.
#pragma once

#include <optional>
#include <span>
#include <vector>

#include "core/abi_encode.hpp"
#include "core/abi_type.hpp"
#include "core/abi_value.hpp"

namespace suture::abi {

struct DecodeOptions {
    // Strict: bytes/string padding must be present and zero. Dirty high bits of
    // uintN/intN/address/bool are always rejected (as Solidity's decoder does).
    bool strict = true;
};

Result<std::vector<AbiValue>> decode(const std::vector<AbiType>& types, BytesView data,
                                     DecodeOptions options = {});

// Call data: checks that it starts with sig's selector, then decodes the inputs.
Result<std::vector<AbiValue>> decode_call(const Signature& sig, BytesView calldata, DecodeOptions options = {});

// One decoded event argument: the value, or for an indexed dynamic argument
// only the keccak256 hash that the topic holds.
struct LogArg {
    std::optional<AbiValue> value;
    Bytes32 hash{};
};

// Decodes a log of the event `sig` (indexed inputs from topics, the others
// from data). For a non-anonymous event topics[0] must be its topic.
Result<std::vector<LogArg>> decode_log(const Signature& sig, std::span<const Bytes32> topics, BytesView data,
                                       bool anonymous = false);

}  // namespace suture::abi
