// Revert data to text (revert.hpp).
#include "chain/revert.hpp"

#include <algorithm>
#include <optional>

#include "core/hex.hpp"
#include "core/uint256.hpp"

namespace suture::chain {

namespace {

// Solidity docs, "Panic via assert and Error via require": the panic codes.
const char* panic_meaning(uint64_t code) {
    switch (code) {
    case 0x00: return "generic compiler panic";
    case 0x01: return "assert failed";
    case 0x11: return "arithmetic overflow or underflow";
    case 0x12: return "division or modulo by zero";
    case 0x21: return "invalid enum value";
    case 0x22: return "invalid storage byte array encoding";
    case 0x31: return "pop on an empty array";
    case 0x32: return "array index out of bounds";
    case 0x41: return "out of memory";
    case 0x51: return "call to an uninitialised internal function";
    default: return "unknown panic code";
    }
}

constexpr uint8_t kErrorSelector[4] = {0x08, 0xc3, 0x79, 0xa0};  // Error(string)
constexpr uint8_t kPanicSelector[4] = {0x4e, 0x48, 0x7b, 0x71};  // Panic(uint256)

bool has_selector(BytesView d, const uint8_t (&sel)[4]) {
    return d.size() >= 4 && std::equal(sel, sel + 4, d.begin());
}

// The string of Error(string): offset word, length word, bytes. nullopt
// when the encoding is not well formed (then we show the hex instead).
std::optional<std::string> error_string(BytesView args) {
    if (args.size() < 64) return std::nullopt;
    uint256 off = uint256::from_be(args.data());
    if (!off.fits_u64() || off.low64() > args.size() - 32) return std::nullopt;
    size_t o = off.low64();
    uint256 len = uint256::from_be(args.data() + o);
    if (!len.fits_u64() || len.low64() > args.size() - o - 32) return std::nullopt;
    return std::string(reinterpret_cast<const char*>(args.data() + o + 32), len.low64());
}

std::string quote(const std::string& s) {
    std::string out = "\"";
    for (char c : s) {
        if (c == '"' || c == '\\') out += '\\';
        if (static_cast<unsigned char>(c) < 0x20) out += ' ';
        else out += c;
    }
    return out + "\"";
}

}  // namespace

std::string decode_revert(BytesView data, const nlohmann::json* abi) {
    if (data.empty()) return "no revert data";
    if (has_selector(data, kErrorSelector)) {
        if (auto s = error_string(data.subspan(4))) return quote(*s);
        return "malformed Error(string) " + to_hex(data);
    }
    if (has_selector(data, kPanicSelector) && data.size() == 36) {
        uint256 code = uint256::from_be(data.data() + 4);
        uint64_t c = code.fits_u64() ? code.low64() : ~uint64_t{0};
        return "Panic(" + code.to_hex() + ": " + panic_meaning(c) + ")";
    }
    if (data.size() < 4) return "revert data " + to_hex(data);
    (void)abi;  // custom errors: decoded once core's ABI decoder lands
    return "unknown error " + to_hex(data.subspan(0, 4)) + " (" + std::to_string(data.size()) + " bytes)";
}

}  // namespace suture::chain
