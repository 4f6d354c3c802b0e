// Byte buffers shared by every layer.
#pragma once

#include <array>
#include <cstdint>
#include <cstring>
#include <functional>
#include <span>
#include <string_view>
#include <vector>

namespace suture {

using Bytes = std::vector<uint8_t>;
using BytesView = std::span<const uint8_t>;

// A 32-byte word as bytes (hashes, storage keys as raw words, salts).
using Bytes32 = std::array<uint8_t, 32>;

inline BytesView as_view(std::string_view s) {
    return {reinterpret_cast<const uint8_t*>(s.data()), s.size()};
}

struct Bytes32Hash {
    size_t operator()(const Bytes32& b) const noexcept {
        size_t h;
        std::memcpy(&h, b.data(), sizeof h);  // keccak outputs are uniform already
        return h;
    }
};

}  // namespace suture
