// Human-readable revert reasons for chain errors (wraps core's ABI revert decoder).
#pragma once

#include <string>

#include "core/abi_json.hpp"
#include "core/bytes.hpp"

namespace suture::chain {

// One line describing revert data, from abi::decode_revert: `Error("not owner")`,
// `Panic(0x11): arithmetic overflow or underflow`, a custom error declared in
// `abi` with its arguments, "no revert data" for empty data, and for data that
// cannot be decoded a description with its selector. Never fails.
std::string describe_revert(BytesView data, const abi::ContractAbi* abi = nullptr);

}  // namespace suture::chain
