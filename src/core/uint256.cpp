// Long division, modular arithmetic and text conversion for uint256.
#include "core/uint256.hpp"

#include <cassert>

namespace suture {
namespace detail {
namespace {

using u128 = unsigned __int128;

// (hi:lo) / d for hi < d, so the quotient fits in 64 bits.
inline uint64_t div_2by1(uint64_t hi, uint64_t lo, uint64_t d, uint64_t& rem) {
#if defined(__x86_64__)
    uint64_t q, r;
    asm("divq %4" : "=a"(q), "=d"(r) : "a"(lo), "d"(hi), "rm"(d));
    rem = r;
    return q;
#else
    const u128 n = (u128(hi) << 64) | lo;
    rem = uint64_t(n % d);
    return uint64_t(n / d);
#endif
}

}  // namespace

// Knuth, TAOCP vol. 2, 4.3.1 algorithm D, with 64-bit digits.
void udivrem_limbs(const uint64_t* u, int ulen, const uint64_t* v, int vlen, uint64_t* q, uint64_t* r) {
    assert(ulen >= 1 && ulen <= 8 && vlen >= 1 && vlen <= 4 && v[vlen - 1] != 0);
    for (int i = 0; i < ulen; ++i) q[i] = 0;
    if (ulen < vlen) {
        for (int i = 0; i < vlen; ++i) r[i] = i < ulen ? u[i] : 0;
        return;
    }
    if (vlen == 1) {
        uint64_t rem = 0;
        for (int i = ulen - 1; i >= 0; --i) q[i] = div_2by1(rem, u[i], v[0], rem);
        r[0] = rem;
        return;
    }

    // D1: normalize so the divisor's top bit is set.
    const int s = __builtin_clzll(v[vlen - 1]);
    uint64_t vn[4];
    uint64_t un[9];
    for (int i = vlen - 1; i > 0; --i) vn[i] = (v[i] << s) | (s ? v[i - 1] >> (64 - s) : 0);
    vn[0] = v[0] << s;
    un[ulen] = s ? u[ulen - 1] >> (64 - s) : 0;
    for (int i = ulen - 1; i > 0; --i) un[i] = (u[i] << s) | (s ? u[i - 1] >> (64 - s) : 0);
    un[0] = u[0] << s;

    const uint64_t vtop = vn[vlen - 1], vnext = vn[vlen - 2];
    for (int j = ulen - vlen; j >= 0; --j) {
        // D3: estimate qhat from the top two digits; at most 2 too large.
        uint64_t qhat, rhat;
        bool rhat_overflow = false;
        if (un[j + vlen] >= vtop) {  // invariant: un[j+vlen] <= vtop, so equal here
            qhat = ~0ULL;
            const u128 t = u128(un[j + vlen - 1]) + vtop;  // rhat = (un_top:un_next) - qhat*vtop
            rhat = uint64_t(t);
            rhat_overflow = (t >> 64) != 0;
        } else {
            qhat = div_2by1(un[j + vlen], un[j + vlen - 1], vtop, rhat);
        }
        while (!rhat_overflow && u128(qhat) * vnext > ((u128(rhat) << 64) | un[j + vlen - 2])) {
            --qhat;
            const u128 t = u128(rhat) + vtop;
            rhat = uint64_t(t);
            rhat_overflow = (t >> 64) != 0;
        }
        // D4: multiply and subtract.
        uint64_t carry = 0, borrow = 0;
        for (int i = 0; i < vlen; ++i) {
            const u128 p = u128(qhat) * vn[i] + carry;
            carry = uint64_t(p >> 64);
            const uint64_t plo = uint64_t(p);
            const uint64_t x = un[i + j];
            const uint64_t t = x - plo;
            const uint64_t b1 = x < plo;
            un[i + j] = t - borrow;
            borrow = b1 + (t < borrow);
        }
        const u128 sub = u128(carry) + borrow;
        const bool negative = u128(un[j + vlen]) < sub;
        un[j + vlen] = uint64_t(u128(un[j + vlen]) - sub);
        // D6: add back (rare: probability about 2/2^64).
        if (negative) {
            --qhat;
            uint64_t c = 0;
            for (int i = 0; i < vlen; ++i) {
                const u128 t = u128(un[i + j]) + vn[i] + c;
                un[i + j] = uint64_t(t);
                c = uint64_t(t >> 64);
            }
            un[j + vlen] += c;
        }
        q[j] = qhat;
    }
    // D8: unnormalize the remainder.
    for (int i = 0; i < vlen; ++i) r[i] = (un[i] >> s) | (s ? un[i + 1] << (64 - s) : 0);
}

}  // namespace detail

uint256 uint256::from_be(BytesView b) {
    assert(b.size() <= 32);
    uint8_t buf[32] = {};
    const size_t n = b.size() > 32 ? 32 : b.size();
    for (size_t i = 0; i < n; ++i) buf[32 - n + i] = b[b.size() - n + i];
    return from_be(buf);
}

std::string uint256::to_hex() const {
    static const char digits[] = "0123456789abcdef";
    if (!*this) return "0x0";
    std::string s = "0x";
    const unsigned nibbles = (bit_width() + 3) / 4;
    for (int i = int(nibbles) - 1; i >= 0; --i) s += digits[(w[i / 16] >> (4 * (i % 16))) & 0xf];
    return s;
}

std::string uint256::to_dec() const {
    if (!*this) return "0";
    // Peel off 19 decimal digits at a time (10^19 fits in 64 bits).
    constexpr uint64_t chunk = 10000000000000000000ULL;
    std::string out;
    uint256 x = *this;
    while (x) {
        uint256 rem;
        x = divmod(x, chunk, &rem);
        uint64_t part = rem.w[0];
        for (int i = 0; i < 19; ++i) {
            out += char('0' + part % 10);
            part /= 10;
            if (!x && part == 0) break;
        }
    }
    return std::string(out.rbegin(), out.rend());
}

Result<uint256> uint256::parse(std::string_view s) {
    const std::string_view original = s;
    if (s.empty()) return input_error("empty number");
    uint256 r;
    if (s.size() >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X')) {
        s.remove_prefix(2);
        if (s.empty()) return input_error("number '" + std::string(original) + "' has no hex digits");
        size_t start = 0;
        while (start + 1 < s.size() && s[start] == '0') ++start;  // leading zeros do not count
        if (s.size() - start > 64) return input_error("number '" + std::string(original) + "' exceeds 256 bits");
        for (size_t i = start; i < s.size(); ++i) {
            const char c = s[i];
            uint64_t d;
            if (c >= '0' && c <= '9') d = uint64_t(c - '0');
            else if (c >= 'a' && c <= 'f') d = uint64_t(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F') d = uint64_t(c - 'A' + 10);
            else return input_error("number '" + std::string(original) + "' has a bad hex digit at position " + std::to_string(i + 2));
            r = (r << 4) | d;
        }
        return r;
    }
    const uint256 max_div10 = max() / 10;
    for (size_t i = 0; i < s.size(); ++i) {
        const char c = s[i];
        if (c < '0' || c > '9')
            return input_error("number '" + std::string(original) + "' has a bad decimal digit at position " + std::to_string(i));
        const uint64_t d = uint64_t(c - '0');
        if (r > max_div10) return input_error("number '" + std::string(original) + "' exceeds 256 bits");
        const uint256 t = r * 10;
        const uint256 next = t + d;
        if (next < t) return input_error("number '" + std::string(original) + "' exceeds 256 bits");
        r = next;
    }
    return r;
}

namespace {
// u mod m for a little-endian number of up to 8 limbs; m != 0.
uint256 reduce(const uint64_t* u, int ulen, const uint256& m) {
    while (ulen > 1 && u[ulen - 1] == 0) --ulen;
    int vlen = 4;
    while (m.w[vlen - 1] == 0) --vlen;
    uint64_t q[8];
    uint256 r;
    detail::udivrem_limbs(u, ulen, m.w, vlen, q, r.w);
    return r;
}
}  // namespace

uint256 addmod(const uint256& a, const uint256& b, const uint256& m) {
    if (!m) return 0;
    // Fast path: both operands already reduced; one conditional subtraction.
    if (a < m && b < m) {
        const uint256 s = a + b;
        const bool carry = s < a;
        return (carry || s >= m) ? s - m : s;
    }
    uint64_t sum[5];
    unsigned __int128 t = 0;
    for (int i = 0; i < 4; ++i) {
        t = (unsigned __int128)a.w[i] + b.w[i] + uint64_t(t >> 64);
        sum[i] = uint64_t(t);
    }
    sum[4] = uint64_t(t >> 64);
    return reduce(sum, 5, m);
}

uint256 mulmod(const uint256& a, const uint256& b, const uint256& m) {
    if (!m) return 0;
    uint64_t p[8] = {};
    for (int i = 0; i < 4; ++i) {
        uint64_t carry = 0;
        for (int j = 0; j < 4; ++j) {
            const unsigned __int128 t = (unsigned __int128)a.w[i] * b.w[j] + p[i + j] + carry;
            p[i + j] = uint64_t(t);
            carry = uint64_t(t >> 64);
        }
        p[i + 4] = carry;
    }
    return reduce(p, 8, m);
}

}  // namespace suture
