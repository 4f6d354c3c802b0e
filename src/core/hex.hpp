// Hex encoding and strict decoding.
#pragma once

#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture {

// Lower-case hex with a "0x" prefix unless prefix=false.
std::string to_hex(BytesView data, bool prefix = true);

// Strict decoding: an optional "0x"/"0X" prefix, then an even number of hex
// digits. Odd length or a non-hex character is an error naming its position.
Result<Bytes> from_hex(std::string_view hex);

}  // namespace suture
