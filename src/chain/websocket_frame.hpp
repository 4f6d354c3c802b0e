// The WebSocket frame (RFC 6455 §5.2): encoding one frame, and decoding the
// frame at the start of a byte buffer that may hold only part of it. Pure
// functions over bytes, no socket: the client (websocket_client.hpp) and the
// tests' scripted servers share them, and the fuzzer drives the decoder.
//
// What the decoder refuses, as a protocol error (an Error of kind chain whose
// message says which rule, without a URL: the caller adds where): reserved
// bits set (no extension is negotiated, §5.2), a reserved opcode, a control
// frame that is fragmented or longer than 125 bytes (§5.5), a length not in
// its shortest form or with the 64-bit length's top bit set (§5.2), a payload
// longer than `max_payload`, and a frame whose masking is not what the side
// expects (§5.1: a server never masks, a client always does).
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "core/result.hpp"

namespace suture::chain::ws {

// §5.2 / §11.8: the opcodes defined; others are reserved.
enum class Opcode : uint8_t { continuation = 0x0, text = 0x1, binary = 0x2, close = 0x8, ping = 0x9, pong = 0xA };

inline bool is_control(Opcode op) { return (static_cast<uint8_t>(op) & 0x8) != 0; }

using MaskKey = std::array<uint8_t, 4>;

struct Frame {
    bool fin = true;
    Opcode opcode = Opcode::text;
    std::string payload;  // unmasked
};

// One frame. `mask`: the client's key (§5.3: every client frame is masked
// with a fresh key); nullopt for a server's frame. Lengths take their
// shortest form (7-bit, 16-bit, 64-bit).
std::string encode_frame(Opcode op, std::string_view payload, bool fin, const std::optional<MaskKey>& mask);

struct DecodedFrame {
    Frame frame;
    size_t size = 0;  // bytes of `in` the frame took
};

enum class Masking { forbidden, required };  // what the reading side accepts: a client forbids, a server requires

// The frame at the start of `in`; nullopt when `in` ends before it does (read
// more and call again). Errors as above.
Result<std::optional<DecodedFrame>> decode_frame(std::string_view in, size_t max_payload, Masking masking);

// The body of a Close frame (§5.5.1): a 2-byte status code and a UTF-8 reason.
std::string close_payload(uint16_t code, std::string_view reason);
// "1000 normal", "no status" for an empty body.
std::string describe_close(std::string_view payload);

}  // namespace suture::chain::ws
