// Human-readable revert reasons from revert data.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/bytes.hpp"

namespace suture::chain {

// Describes revert data:
//   Error(string)          -> the string, quoted: "\"Ownable: caller is not the owner\""
//   Panic(uint256)         -> "Panic(0x11: arithmetic overflow or underflow)"
//   a custom error in `abi` (a contract ABI JSON array) -> "Unauthorized(0xAbC..., 5)"
//   empty data             -> "no revert data"
//   anything else          -> "unknown error 0x12345678 (N bytes)" / the hex when shorter than a selector
// Never fails: undecodable data is described, not rejected.
std::string decode_revert(BytesView data, const nlohmann::json* abi = nullptr);

}  // namespace suture::chain
