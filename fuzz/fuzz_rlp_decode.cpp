// libFuzzer: strict RLP decoding never crashes, and whatever it accepts is
// canonical, so re-encoding the decoded tree gives back the exact input.
#include <cstdlib>

#include "core/rlp_decode.hpp"
#include "core/rlp_encode.hpp"

using namespace suture;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const BytesView input(data, size);
    auto tree = rlp::decode(input);
    if (tree.ok() && rlp::encode(*tree) != Bytes(input.begin(), input.end())) std::abort();

    // The view API on the same bytes: items of every list, scalars of every string.
    auto top = rlp::read_item(input, 0);
    if (!top.ok()) return 0;
    if (top->offset + top->size > size) std::abort();
    if (top->is_list) {
        auto items = rlp::read_list(input, *top);
        if (items.ok()) {
            for (const auto& item : *items) {
                if (item.offset + item.size > size) std::abort();
                (void)rlp::to_uint256(item);
                (void)rlp::to_uint64(item);
            }
        }
    } else {
        (void)rlp::to_uint256(*top);
    }
    return 0;
}
