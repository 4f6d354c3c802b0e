// RLP encoding (Yellow Paper appendix B).
#include "core/rlp_encode.hpp"

namespace suture::rlp {
namespace {

// Yellow Paper B: payloads up to 55 bytes get a one-byte header (offset +
// length); longer ones get offset + 55 + length-of-length, then the length
// in minimal big-endian.
void append_header(Bytes& out, uint8_t offset, size_t size) {
    if (size <= 55) {
        out.push_back(static_cast<uint8_t>(offset + size));
        return;
    }
    uint8_t len_bytes[8];
    int n = 0;
    for (size_t s = size; s != 0; s >>= 8) len_bytes[n++] = static_cast<uint8_t>(s);
    out.push_back(static_cast<uint8_t>(offset + 55 + n));
    while (n > 0) out.push_back(len_bytes[--n]);
}

void append_node(Bytes& out, const RlpNode& node) {
    if (!node.is_list) {
        append_bytes(out, node.bytes);
        return;
    }
    Bytes payload;
    for (const auto& item : node.items) append_node(payload, item);
    append_list_header(out, payload.size());
    out.insert(out.end(), payload.begin(), payload.end());
}

template <typename Items>
Bytes wrap_list(const Items& encoded_items) {
    size_t total = 0;
    for (const auto& item : encoded_items) total += item.size();
    Bytes out;
    out.reserve(total + 9);
    append_list_header(out, total);
    for (const auto& item : encoded_items) out.insert(out.end(), item.begin(), item.end());
    return out;
}

}  // namespace

void append_bytes(Bytes& out, BytesView b) {
    if (b.size() == 1 && b[0] < 0x80) {
        out.push_back(b[0]);
        return;
    }
    append_header(out, 0x80, b.size());
    out.insert(out.end(), b.begin(), b.end());
}

void append_uint(Bytes& out, uint64_t v) {
    uint8_t be[8];
    int n = 0;
    for (uint64_t x = v; x != 0; x >>= 8) be[7 - n++] = static_cast<uint8_t>(x);
    append_bytes(out, BytesView(be + 8 - n, static_cast<size_t>(n)));
}

void append_uint(Bytes& out, const uint256& v) { append_bytes(out, minimal_be(v)); }

void append_list_header(Bytes& out, size_t payload_size) { append_header(out, 0xc0, payload_size); }

Bytes encode_bytes(BytesView b) {
    Bytes out;
    append_bytes(out, b);
    return out;
}

Bytes encode_uint(uint64_t v) {
    Bytes out;
    append_uint(out, v);
    return out;
}

Bytes encode_uint(const uint256& v) {
    Bytes out;
    append_uint(out, v);
    return out;
}

Bytes encode_list(std::initializer_list<BytesView> encoded_items) { return wrap_list(encoded_items); }

Bytes encode_list(const std::vector<Bytes>& encoded_items) { return wrap_list(encoded_items); }

Bytes encode(const RlpNode& node) {
    Bytes out;
    append_node(out, node);
    return out;
}

Bytes minimal_be(const uint256& v) {
    const auto word = v.to_bytes32();
    const unsigned n = v.byte_width();
    return Bytes(word.end() - n, word.end());
}

}  // namespace suture::rlp
