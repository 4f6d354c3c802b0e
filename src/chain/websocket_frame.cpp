#include "chain/websocket_frame.hpp"

namespace suture::chain::ws {

std::string encode_frame(Opcode op, std::string_view payload, bool fin, const std::optional<MaskKey>& mask) {
    std::string out;
    out.reserve(payload.size() + 14);
    out.push_back(static_cast<char>((fin ? 0x80 : 0x00) | static_cast<uint8_t>(op)));
    const uint8_t mask_bit = mask ? 0x80 : 0x00;
    const uint64_t n = payload.size();
    if (n < 126) {
        out.push_back(static_cast<char>(mask_bit | n));
    } else if (n <= 0xFFFF) {
        out.push_back(static_cast<char>(mask_bit | 126));
        out.push_back(static_cast<char>(n >> 8));
        out.push_back(static_cast<char>(n & 0xFF));
    } else {
        out.push_back(static_cast<char>(mask_bit | 127));
        for (int shift = 56; shift >= 0; shift -= 8) out.push_back(static_cast<char>((n >> shift) & 0xFF));
    }
    if (!mask) {
        out.append(payload);
        return out;
    }
    out.append(reinterpret_cast<const char*>(mask->data()), 4);
    // §5.3: octet i of the payload is XORed with octet i mod 4 of the key.
    for (size_t i = 0; i < payload.size(); ++i)
        out.push_back(static_cast<char>(static_cast<uint8_t>(payload[i]) ^ (*mask)[i % 4]));
    return out;
}

Result<std::optional<DecodedFrame>> decode_frame(std::string_view in, size_t max_payload, Masking masking) {
    using Out = std::optional<DecodedFrame>;
    if (in.size() < 2) return Out();
    const auto byte = [&](size_t i) { return static_cast<uint8_t>(in[i]); };
    const uint8_t b0 = byte(0), b1 = byte(1);
    if (b0 & 0x70) return chain_error("frame with reserved bits set (no extension was negotiated)");
    const uint8_t op = b0 & 0x0F;
    if (!(op <= 0x2 || (op >= 0x8 && op <= 0xA))) return chain_error("frame with reserved opcode " + std::to_string(op));
    DecodedFrame d;
    d.frame.fin = (b0 & 0x80) != 0;
    d.frame.opcode = static_cast<Opcode>(op);
    const bool masked = (b1 & 0x80) != 0;
    if (masked && masking == Masking::forbidden) return chain_error("masked frame from the server (RFC 6455 5.1)");
    if (!masked && masking == Masking::required) return chain_error("unmasked frame from the client (RFC 6455 5.1)");
    uint64_t len = b1 & 0x7F;
    size_t at = 2;
    if (len == 126) {
        if (in.size() < 4) return Out();
        len = (uint64_t{byte(2)} << 8) | byte(3);
        if (len < 126) return chain_error("frame length " + std::to_string(len) + " not in its shortest form");
        at = 4;
    } else if (len == 127) {
        if (in.size() < 10) return Out();
        len = 0;
        for (size_t i = 2; i < 10; ++i) len = (len << 8) | byte(i);
        if (len >> 63) return chain_error("frame length with the most significant bit set");
        if (len <= 0xFFFF) return chain_error("frame length " + std::to_string(len) + " not in its shortest form");
        at = 10;
    }
    if (is_control(d.frame.opcode)) {
        // §5.5: control frames are never fragmented and carry at most 125 bytes.
        if (!d.frame.fin) return chain_error("fragmented control frame");
        if (len > 125) return chain_error("control frame of " + std::to_string(len) + " bytes (at most 125)");
    }
    if (len > max_payload)
        return chain_error("frame of " + std::to_string(len) + " bytes exceeds the limit of " + std::to_string(max_payload));
    MaskKey key{};
    if (masked) {
        if (in.size() < at + 4) return Out();
        for (size_t i = 0; i < 4; ++i) key[i] = byte(at + i);
        at += 4;
    }
    if (in.size() - at < len) return Out();
    d.frame.payload.assign(in.substr(at, static_cast<size_t>(len)));
    if (masked)
        for (size_t i = 0; i < d.frame.payload.size(); ++i)
            d.frame.payload[i] = static_cast<char>(static_cast<uint8_t>(d.frame.payload[i]) ^ key[i % 4]);
    d.size = at + static_cast<size_t>(len);
    return Out(std::move(d));
}

std::string close_payload(uint16_t code, std::string_view reason) {
    std::string out;
    out.push_back(static_cast<char>(code >> 8));
    out.push_back(static_cast<char>(code & 0xFF));
    out.append(reason.substr(0, 123));
    return out;
}

std::string describe_close(std::string_view payload) {
    if (payload.size() < 2) return "no status";
    const unsigned code = (unsigned{static_cast<uint8_t>(payload[0])} << 8) | static_cast<uint8_t>(payload[1]);
    std::string out = std::to_string(code);
    if (payload.size() > 2) out += " " + std::string(payload.substr(2));
    return out;
}

}  // namespace suture::chain::ws
