// Strict RLP decoding (Yellow Paper appendix B).
//
// Only the canonical encoding of a value is accepted, so one value has exactly
// one byte form (hashes of RLP, e.g. transaction hashes, depend on it). Rejected,
// with the offset of the offending header:
//   - a single byte < 0x80 wrapped in a string header (0x81 0x00 .. 0x81 0x7f),
//   - the long form (0xb8.., 0xf8..) for a payload of at most 55 bytes,
//   - leading zero bytes in a long-form length,
//   - a length running past the end of its input or enclosing list,
//   - bytes left over after the top-level item,
//   - nesting deeper than kMaxDepth (decode() only; protects the stack).
// Malformed input never causes a read outside the input.
#pragma once

#include <vector>

#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/rlp_encode.hpp"
#include "core/uint256.hpp"

namespace suture::rlp {

inline constexpr size_t kMaxDepth = 1024;

// One item, viewing into the decoded input.
struct ItemView {
    bool is_list = false;
    BytesView payload;   // string bytes, or the list's concatenated item encodings
    size_t offset = 0;   // offset of the item's header in the input
    size_t size = 0;     // header + payload bytes
};

// Reads the item at `offset` of `input` (which may continue after it).
Result<ItemView> read_item(BytesView input, size_t offset = 0);

// Reads `input` as exactly one item: trailing bytes are an error.
Result<ItemView> read_single(BytesView input);

// The items of a list item (which must be a list) read from `input`, the
// buffer the list was read from, so that offsets stay absolute.
Result<std::vector<ItemView>> read_list(BytesView input, const ItemView& list);

// Scalars: a string of minimal big-endian bytes (no leading zero; 0 is empty).
Result<uint64_t> to_uint64(const ItemView& item);
Result<uint256> to_uint256(const ItemView& item);

// Decodes `input` as exactly one item into an owning tree.
Result<RlpNode> decode(BytesView input);

}  // namespace suture::rlp
