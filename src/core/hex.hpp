// Hex encoding and strict decoding.
#pragma once

#include <cstddef>
#include <cstdint>
#include <span>
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

// The value (0-15) of one hex digit of either case, or -1 for any other
// character. Inline: number parsers call it once per digit.
constexpr int hex_digit(char c) {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

// Decodes exactly 2 * out.size() hex digits (no prefix; the caller checks the
// length) into a buffer the caller owns. Returns the index in `digits` of the
// first character that is not a hex digit, or std::string_view::npos when all
// decoded; on failure `out` may hold some bytes already. A position rather than
// an Error so that a caller decoding a secret (chain/keys.cpp) can say where
// the input is wrong without echoing what it holds, and wipe its own buffer.
size_t decode_hex_into(std::string_view digits, std::span<uint8_t> out);

}  // namespace suture
