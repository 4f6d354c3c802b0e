#include "verify/foundry_fuzz.hpp"

namespace suture::verify::foundry {

using abi::AbiKind;
using abi::AbiValue;

uint256 FuzzInputs::integer(unsigned bits, bool is_signed) {
    const uint256 mask = bits >= 256 ? uint256::max() : (uint256(1) << bits) - uint256(1);
    uint256 v;
    switch (below(8)) {
    case 0: v = uint256(below(4)); break;          // 0..3
    case 1: v = mask - uint256(below(3)); break;   // the maximum and just below
    case 2: v = uint256(below(1000)); break;
    default: {
        // Random bits of a random width, so every magnitude shows up.
        const unsigned width = 1 + unsigned(below(bits));
        v = uint256::from_words(rng_(), rng_(), rng_(), rng_());
        if (width < 256) v = v & ((uint256(1) << width) - uint256(1));
    }
    }
    v = v & mask;
    if (is_signed) {
        // Sign-extend from `bits` (a value with the top bit set is negative).
        if (bits < 256 && ((v >> (bits - 1)) & uint256(1))) v = v | ~mask;
        if (below(4) == 0) v = -v;
        // Keep it inside intN's range after the negation.
        if (bits < 256) {
            const uint256 min = ~((uint256(1) << (bits - 1)) - uint256(1));  // -2^(bits-1)
            const uint256 max = (uint256(1) << (bits - 1)) - uint256(1);
            const bool neg = bool(v >> 255);
            if (neg && v < min) v = min;
            if (!neg && v > max) v = max;
        }
    }
    return v;
}

AbiValue FuzzInputs::value(const abi::AbiType& t, int depth) {
    switch (t.kind) {
    case AbiKind::uint_: return integer(t.size, false);
    case AbiKind::int_: return integer(t.size, true);
    case AbiKind::bool_: return bool(below(2));
    case AbiKind::address: {
        Address a;
        if (below(8) == 0) {
            a.bytes[19] = uint8_t(below(16));
        } else {
            for (auto& b : a.bytes) b = uint8_t(rng_());
        }
        return a;
    }
    case AbiKind::fixed_bytes:
    case AbiKind::function: {
        Bytes b(t.kind == AbiKind::function ? 24 : t.size);
        for (auto& x : b) x = uint8_t(rng_());
        return b;
    }
    case AbiKind::bytes: {
        Bytes b(below(65));
        for (auto& x : b) x = uint8_t(rng_());
        return b;
    }
    case AbiKind::string: {
        std::string s(below(33), ' ');
        for (auto& c : s) c = char(0x20 + below(0x5f));
        return s;
    }
    case AbiKind::array:
    case AbiKind::fixed_array: {
        const size_t n = t.kind == AbiKind::fixed_array ? t.length : size_t(below(depth > 1 ? 2 : 5));
        AbiValue::List l;
        for (size_t i = 0; i < n; ++i) l.push_back(value(t.element(), depth + 1));
        return l;
    }
    case AbiKind::tuple: {
        AbiValue::List l;
        for (const auto& c : t.components) l.push_back(value(c, depth + 1));
        return l;
    }
    }
    return AbiValue{};
}

std::vector<AbiValue> FuzzInputs::values(const std::vector<abi::AbiType>& types) {
    std::vector<AbiValue> out;
    for (const auto& t : types) out.push_back(value(t));
    return out;
}

}  // namespace suture::verify::foundry
