#include "solidity/slot_math.hpp"

#include <algorithm>

namespace suture::solidity {

std::optional<Wide> Wide::from_decimal(std::string_view s) {
    if (s.empty() || s.size() > 97) return std::nullopt;
    Wide w;
    for (char c : s) {
        if (c < '0' || c > '9') return std::nullopt;
        w = w.mul_small(10) + Wide::of(static_cast<uint64_t>(c - '0'));
    }
    return w;
}

Wide Wide::from_be32(const Bytes32& b) {
    Wide w;
    for (int i = 0; i < 32; ++i) w.limb[(31 - i) / 8] |= uint64_t(b[i]) << (8 * ((31 - i) % 8));
    return w;
}

Bytes32 Wide::to_be32() const {
    Bytes32 b{};
    for (int i = 0; i < 32; ++i) b[i] = static_cast<uint8_t>(limb[(31 - i) / 8] >> (8 * ((31 - i) % 8)));
    return b;
}

Wide Wide::operator+(const Wide& o) const {
    Wide r;
    unsigned __int128 carry = 0;
    for (size_t i = 0; i < limb.size(); ++i) {
        carry += static_cast<unsigned __int128>(limb[i]) + o.limb[i];
        r.limb[i] = static_cast<uint64_t>(carry);
        carry >>= 64;
    }
    return r;
}

Wide Wide::operator-(const Wide& o) const {
    Wide r;
    uint64_t borrow = 0;
    for (size_t i = 0; i < limb.size(); ++i) {
        uint64_t a = limb[i], b = o.limb[i];
        r.limb[i] = a - b - borrow;
        borrow = (a < b || (a == b && borrow)) ? 1 : 0;
    }
    return r;
}

Wide Wide::mul_small(uint64_t m) const {
    Wide r;
    unsigned __int128 carry = 0;
    for (size_t i = 0; i < limb.size(); ++i) {
        carry += static_cast<unsigned __int128>(limb[i]) * m;
        r.limb[i] = static_cast<uint64_t>(carry);
        carry >>= 64;
    }
    return r;
}

Wide Wide::div_small(uint64_t d, uint64_t* rem) const {
    Wide r;
    unsigned __int128 acc = 0;
    for (size_t i = limb.size(); i-- > 0;) {
        acc = (acc << 64) | limb[i];
        r.limb[i] = static_cast<uint64_t>(acc / d);
        acc %= d;
    }
    if (rem) *rem = static_cast<uint64_t>(acc);
    return r;
}

std::strong_ordering Wide::operator<=>(const Wide& o) const {
    for (size_t i = limb.size(); i-- > 0;)
        if (limb[i] != o.limb[i]) return limb[i] <=> o.limb[i];
    return std::strong_ordering::equal;
}

std::string Wide::decimal() const {
    if (is_zero()) return "0";
    std::string out;
    Wide w = *this;
    while (!w.is_zero()) {
        uint64_t rem = 0;
        w = w.div_small(10, &rem);
        out += static_cast<char>('0' + rem);
    }
    std::reverse(out.begin(), out.end());
    return out;
}

std::string Wide::hex() const {
    static const char* digits = "0123456789abcdef";
    std::string out;
    for (size_t i = limb.size(); i-- > 0;)
        for (int s = 60; s >= 0; s -= 4) {
            int d = static_cast<int>((limb[i] >> s) & 0xf);
            if (d || !out.empty()) out += digits[d];
        }
    return "0x" + (out.empty() ? std::string("0") : out);
}

}  // namespace suture::solidity
