// Strict RLP decoding (Yellow Paper appendix B).
#include "core/rlp_decode.hpp"

#include <string>

#include "core/hex.hpp"

namespace suture::rlp {
namespace {

Error at(size_t offset, const std::string& what) {
    return input_error("rlp: at offset " + std::to_string(offset) + ": " + what);
}

// Decodes item headers at `offset`, where `end` bounds the item (the end of
// the input or of the enclosing list).
Result<ItemView> read_bounded(BytesView input, size_t offset, size_t end) {
    if (offset >= end) return at(offset, "expected an item, found end of input");
    const uint8_t* p = input.data();
    const uint8_t first = p[offset];
    ItemView item;
    item.offset = offset;
    if (first < 0x80) {  // a single byte is its own encoding
        item.payload = input.subspan(offset, 1);
        item.size = 1;
        return item;
    }
    item.is_list = first >= 0xc0;
    const uint8_t base = item.is_list ? 0xc0 : 0x80;
    const char* kind = item.is_list ? "list" : "string";
    const size_t avail = end - offset - 1;  // bytes after the first header byte
    size_t header = 1, length = 0;
    if (first - base <= 55) {
        length = first - base;
    } else {
        const size_t len_of_len = first - base - 55;  // 1..8
        if (len_of_len > avail)
            return at(offset, std::string(kind) + " length needs " + std::to_string(len_of_len) +
                                  " bytes but only " + std::to_string(avail) + " remain");
        if (p[offset + 1] == 0)
            return at(offset, std::string(kind) + " length has a leading zero byte");
        for (size_t i = 0; i < len_of_len; ++i) length = (length << 8) | p[offset + 1 + i];
        if (length <= 55)
            return at(offset, std::string(kind) + " of " + std::to_string(length) +
                                  " bytes uses the long form (only for more than 55)");
        header += len_of_len;
    }
    if (length > avail - (header - 1))
        return at(offset, std::string(kind) + " of " + std::to_string(length) + " bytes but only " +
                              std::to_string(avail - (header - 1)) + " remain");
    if (!item.is_list && length == 1 && p[offset + header] < 0x80)
        return at(offset, "single byte " + to_hex(input.subspan(offset + header, 1)) +
                              " must be encoded as itself, not wrapped in a string header");
    item.payload = input.subspan(offset + header, length);
    item.size = header + length;
    return item;
}

Result<RlpNode> to_node(BytesView input, const ItemView& item, size_t depth) {
    if (!item.is_list) return RlpNode::string(item.payload);
    if (depth >= kMaxDepth)
        return at(item.offset, "lists nested deeper than " + std::to_string(kMaxDepth));
    SUTURE_TRY(children, read_list(input, item));
    RlpNode node = RlpNode::list({});
    node.items.reserve(children.size());
    for (const auto& child : children) {
        SUTURE_TRY(sub, to_node(input, child, depth + 1));
        node.items.push_back(std::move(sub));
    }
    return node;
}

}  // namespace

Result<ItemView> read_item(BytesView input, size_t offset) {
    return read_bounded(input, offset, input.size());
}

Result<ItemView> read_single(BytesView input) {
    SUTURE_TRY(item, read_item(input, 0));
    if (item.size != input.size())
        return at(item.size, std::to_string(input.size() - item.size) +
                                 " trailing bytes after the top-level item");
    return item;
}

Result<std::vector<ItemView>> read_list(BytesView input, const ItemView& list) {
    if (!list.is_list) return at(list.offset, "expected a list, found a string");
    std::vector<ItemView> items;
    const size_t begin = static_cast<size_t>(list.payload.data() - input.data());
    const size_t end = begin + list.payload.size();
    for (size_t pos = begin; pos < end;) {
        SUTURE_TRY(item, read_bounded(input, pos, end));
        pos += item.size;
        items.push_back(item);
    }
    return items;
}

Result<uint64_t> to_uint64(const ItemView& item) {
    if (item.payload.size() > 8)
        return at(item.offset, "integer of " + std::to_string(item.payload.size()) +
                                   " bytes does not fit 64 bits");
    SUTURE_TRY(v, to_uint256(item));
    return v.low64();
}

Result<uint256> to_uint256(const ItemView& item) {
    if (item.is_list) return at(item.offset, "expected an integer, found a list");
    if (item.payload.size() > 32)
        return at(item.offset, "integer of " + std::to_string(item.payload.size()) +
                                   " bytes does not fit 256 bits");
    if (!item.payload.empty() && item.payload[0] == 0)
        return at(item.offset, "integer has a leading zero byte (0 is the empty string 0x80)");
    return uint256::from_be(item.payload);
}

Result<RlpNode> decode(BytesView input) {
    SUTURE_TRY(item, read_single(input));
    return to_node(input, item, 0);
}

}  // namespace suture::rlp
