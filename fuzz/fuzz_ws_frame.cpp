// libFuzzer: the WebSocket frame decoder never crashes or reads past its
// input, and a frame it accepts unmasked re-encodes to exactly the bytes it
// took (lengths in their shortest form are the only form it accepts).
#include <cstdlib>
#include <string_view>

#include "chain/websocket_frame.hpp"

using namespace suture::chain;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view input(reinterpret_cast<const char*>(data), size);
    for (auto masking : {ws::Masking::forbidden, ws::Masking::required}) {
        auto d = ws::decode_frame(input, 1 << 20, masking);
        if (!d.ok() || !*d) continue;
        const auto& f = (*d)->frame;
        if ((*d)->size > size) std::abort();
        if (masking == ws::Masking::forbidden &&
            ws::encode_frame(f.opcode, f.payload, f.fin, std::nullopt) != input.substr(0, (*d)->size))
            std::abort();
        if (f.opcode == ws::Opcode::close) (void)ws::describe_close(f.payload);
    }
    return 0;
}
