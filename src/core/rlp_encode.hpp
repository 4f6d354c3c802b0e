// RLP encoding (Ethereum Yellow Paper, appendix B).
//
// Two ways to build an encoding: append functions that write into a buffer
// (no intermediate tree, used for transactions and trie nodes), or an
// RlpNode tree passed to encode().
#pragma once

#include <initializer_list>
#include <vector>

#include "core/bytes.hpp"
#include "core/uint256.hpp"

namespace suture::rlp {

// A decoded or to-be-encoded RLP item: a byte string or a list of items.
struct RlpNode {
    bool is_list = false;
    Bytes bytes;                 // the string's bytes (when !is_list)
    std::vector<RlpNode> items;  // the list's items (when is_list)

    static RlpNode string(BytesView b) { return {false, Bytes(b.begin(), b.end()), {}}; }
    static RlpNode list(std::vector<RlpNode> items) { return {true, {}, std::move(items)}; }
    bool operator==(const RlpNode&) const = default;
};

// Appends the encoding of a byte string: a single byte < 0x80 as itself,
// otherwise a length header and the bytes.
void append_bytes(Bytes& out, BytesView b);
// Appends an unsigned integer as its minimal big-endian byte string (0 is the
// empty string 0x80), the form RLP requires for scalars.
void append_uint(Bytes& out, uint64_t v);
void append_uint(Bytes& out, const uint256& v);
// Appends the header of a list whose items' encodings total payload_size bytes;
// the caller appends the items after it.
void append_list_header(Bytes& out, size_t payload_size);

Bytes encode_bytes(BytesView b);
Bytes encode_uint(uint64_t v);
Bytes encode_uint(const uint256& v);
// A list from items that are already encoded (concatenated, then wrapped).
Bytes encode_list(std::initializer_list<BytesView> encoded_items);
Bytes encode_list(const std::vector<Bytes>& encoded_items);
Bytes encode(const RlpNode& node);

// Minimal big-endian bytes of v (empty for 0): the RLP scalar form.
Bytes minimal_be(const uint256& v);

}  // namespace suture::rlp
