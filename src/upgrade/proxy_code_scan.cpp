#include "upgrade/proxy_code_scan.hpp"

#include <algorithm>
#include <array>
#include <cstring>

namespace suture::upgrade {
namespace {

constexpr uint8_t kPush1 = 0x60;
constexpr uint8_t kPush32 = 0x7f;

// EIP-1167: the minimal proxy's runtime around the 20-byte target.
constexpr std::array<uint8_t, 10> k1167Prefix{0x36, 0x3d, 0x3d, 0x37, 0x3d, 0x3d, 0x3d, 0x36, 0x3d, 0x73};
constexpr std::array<uint8_t, 15> k1167Suffix{0x5a, 0xf4, 0x3d, 0x82, 0x80, 0x3e, 0x90,
                                              0x3d, 0x91, 0x60, 0x2b, 0x57, 0xfd, 0x5b, 0xf3};
// EIP-7511: the same proxy using PUSH0 (Shanghai and later).
constexpr std::array<uint8_t, 9> k7511Prefix{0x36, 0x5f, 0x5f, 0x37, 0x5f, 0x5f, 0x36, 0x5f, 0x73};
constexpr std::array<uint8_t, 15> k7511Suffix{0x5a, 0xf4, 0x3d, 0x5f, 0x5f, 0x3e, 0x5f,
                                              0x3d, 0x91, 0x60, 0x2a, 0x57, 0xfd, 0x5b, 0xf3};

template <size_t P, size_t S>
std::optional<Address> match_wrapped(BytesView code, const std::array<uint8_t, P>& prefix,
                                     const std::array<uint8_t, S>& suffix) {
    if (code.size() != P + 20 + S) return std::nullopt;
    if (!std::equal(prefix.begin(), prefix.end(), code.begin())) return std::nullopt;
    if (!std::equal(suffix.begin(), suffix.end(), code.begin() + P + 20)) return std::nullopt;
    Address a;
    std::memcpy(a.bytes.data(), code.data() + P, 20);
    return a;
}

unsigned min_width(uint32_t v) {
    unsigned w = 1;
    while (w < 4 && (v >> (8 * w)) != 0) ++w;
    return w;
}

}  // namespace

std::optional<Address> minimal_proxy_target(BytesView code) {
    if (auto a = match_wrapped(code, k1167Prefix, k1167Suffix)) return a;
    return match_wrapped(code, k7511Prefix, k7511Suffix);
}

std::vector<uint32_t> pushed_selectors(BytesView code) {
    std::vector<uint32_t> out;
    for (size_t pc = 0; pc < code.size(); ++pc) {
        uint8_t op = code[pc];
        if (op < kPush1 || op > kPush32) continue;
        unsigned n = op - kPush1 + 1;
        if (n <= 4 && pc + n < code.size()) {
            uint32_t v = 0;
            for (unsigned i = 0; i < n; ++i) v = (v << 8) | code[pc + 1 + i];
            // Solidity pushes a selector with the narrowest PUSH that holds it.
            if (min_width(v) == n && (n == 4 || v != 0)) out.push_back(v);
        }
        pc += n;  // skip the immediate: bytes inside a push are data, not code
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool has_selector(BytesView code, uint32_t selector) {
    auto sels = pushed_selectors(code);
    return std::binary_search(sels.begin(), sels.end(), selector);
}

}  // namespace suture::upgrade
