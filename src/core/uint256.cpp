// Long division, modular arithmetic and text conversion for uint256.
#include "core/uint256.hpp"

#include <cassert>

#include "core/hex.hpp"

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

// Division by invariant integers with a precomputed reciprocal: N. Möller and
// T. Granlund, "Improved division by invariant integers", IEEE Trans.
// Computers 60(2), 2011. One hardware division per call (for the reciprocal)
// instead of one per quotient word; the rest are multiplications.

// The reciprocal of a normalized word d (top bit set): floor((B^2-1)/d) - B, B = 2^64.
inline uint64_t reciprocal_2by1(uint64_t d) {
    uint64_t unused;
    return div_2by1(~d, ~uint64_t(0), d, unused);  // ((B-1-d)*B + B-1) / d
}

// The paper's algorithm 6: the reciprocal of a normalized two-word divisor
// (d1:d0), floor((B^3-1)/(d1:d0)) - B.
inline uint64_t reciprocal_3by2(uint64_t d1, uint64_t d0) {
    uint64_t v = reciprocal_2by1(d1);
    uint64_t p = d1 * v + d0;
    if (p < d0) {  // the addition carried
        --v;
        if (p >= d1) {
            --v;
            p -= d1;
        }
        p -= d1;
    }
    const u128 t = u128(v) * d0;
    const uint64_t t1 = uint64_t(t >> 64), t0 = uint64_t(t);
    p += t1;
    if (p < t1) {
        --v;
        if (p > d1 || (p == d1 && t0 >= d0)) --v;
    }
    return v;
}

// Algorithm 4: (u1:u0) / d for normalized d, u1 < d, v = reciprocal_2by1(d).
inline uint64_t udivrem_2by1(uint64_t u1, uint64_t u0, uint64_t d, uint64_t v, uint64_t& rem) {
    const u128 q = u128(v) * u1 + ((u128(u1 + 1) << 64) | u0);  // modulo B^2
    uint64_t q1 = uint64_t(q >> 64);
    const uint64_t q0 = uint64_t(q);
    uint64_t r = u0 - q1 * d;
    if (r > q0) {
        --q1;
        r += d;
    }
    if (r >= d) {  // rare
        ++q1;
        r -= d;
    }
    rem = r;
    return q1;
}

// Algorithm 5: (u2:u1:u0) / (d1:d0) for normalized d1, (u2:u1) < (d1:d0) and
// v = reciprocal_3by2(d1, d0). The remainder (two words) goes to rem.
inline uint64_t udivrem_3by2(uint64_t u2, uint64_t u1, uint64_t u0, uint64_t d1, uint64_t d0, uint64_t v,
                             u128& rem) {
    const u128 q = u128(v) * u2 + ((u128(u2) << 64) | u1);
    uint64_t q1 = uint64_t(q >> 64);
    const uint64_t q0 = uint64_t(q);
    const uint64_t r1 = u1 - q1 * d1;
    const u128 d = (u128(d1) << 64) | d0;
    u128 r = ((u128(r1) << 64) | u0) - u128(d0) * q1 - d;  // modulo B^2
    ++q1;
    if (uint64_t(r >> 64) >= q0) {
        --q1;
        r += d;
    }
    if (r >= d) {  // rare
        ++q1;
        r -= d;
    }
    rem = r;
    return q1;
}

// x[0..n) -= y[0..n) * m; returns the word still to subtract from x[n].
inline uint64_t submul(uint64_t* x, const uint64_t* y, int n, uint64_t m) {
    uint64_t borrow = 0;
    for (int i = 0; i < n; ++i) {
        const u128 p = u128(y[i]) * m + borrow;  // at most B^2 - B: no overflow
        const uint64_t lo = uint64_t(p);
        const uint64_t xi = x[i];
        x[i] = xi - lo;
        borrow = uint64_t(p >> 64) + (xi < lo);
    }
    return borrow;
}

// x[0..n) += y[0..n); returns the carry out.
inline uint64_t add_to(uint64_t* x, const uint64_t* y, int n) {
    uint64_t carry = 0;
    for (int i = 0; i < n; ++i) {
        const u128 s = u128(x[i]) + y[i] + carry;
        x[i] = uint64_t(s);
        carry = uint64_t(s >> 64);
    }
    return carry;
}

}  // namespace

// Schoolbook long division (Knuth, TAOCP vol. 2, 4.3.1 algorithm D) with
// 64-bit digits, each quotient digit estimated from the top three words of
// the running remainder by the top two of the divisor (udivrem_3by2), which
// is at most one too large, so at most one add-back follows.
void udivrem_limbs(const uint64_t* u, int ulen, const uint64_t* v, int vlen, uint64_t* q, uint64_t* r) {
    assert(ulen >= 1 && ulen <= 8 && vlen >= 1 && vlen <= 4 && v[vlen - 1] != 0);
    for (int i = 0; i < ulen; ++i) q[i] = 0;
    if (ulen < vlen) {
        for (int i = 0; i < vlen; ++i) r[i] = i < ulen ? u[i] : 0;
        return;
    }

    // Normalization shift: the divisor's top bit set.
    const int s = __builtin_clzll(v[vlen - 1]);

    // A power of two (programs divide by them for shifts): shift and mask.
    bool power_of_two = (v[vlen - 1] & (v[vlen - 1] - 1)) == 0;
    for (int i = 0; i < vlen - 1; ++i) power_of_two &= v[i] == 0;
    if (power_of_two) {
        const int k = (vlen - 1) * 64 + (63 - s);  // v == 2^k
        const int limbs = k / 64, bits = k % 64;
        for (int i = 0; i + limbs < ulen; ++i) {
            const uint64_t lo = u[i + limbs] >> bits;
            const uint64_t hi = bits && i + limbs + 1 < ulen ? u[i + limbs + 1] << (64 - bits) : 0;
            q[i] = lo | hi;
        }
        for (int i = 0; i < vlen; ++i) r[i] = i < limbs ? u[i] : 0;
        r[limbs] = u[limbs] & ((uint64_t(1) << bits) - 1);
        return;
    }

    // Normalize; un gets one more word.
    uint64_t vn[4];
    uint64_t un[9];
    for (int i = vlen - 1; i > 0; --i) vn[i] = (v[i] << s) | (s ? v[i - 1] >> (64 - s) : 0);
    vn[0] = v[0] << s;
    un[ulen] = s ? u[ulen - 1] >> (64 - s) : 0;
    for (int i = ulen - 1; i > 0; --i) un[i] = (u[i] << s) | (s ? u[i - 1] >> (64 - s) : 0);
    un[0] = u[0] << s;

    if (vlen == 1) {
        const uint64_t d = vn[0], inv = reciprocal_2by1(d);
        uint64_t rem = un[ulen];  // < 2^s <= d
        for (int i = ulen - 1; i >= 0; --i) q[i] = udivrem_2by1(rem, un[i], d, inv, rem);
        r[0] = rem >> s;
        return;
    }

    // The running remainder un[j..j+vlen] always has its top vlen words below
    // vn: initially because un[ulen] < 2^s <= vn[vlen-1].
    const uint64_t d1 = vn[vlen - 1], d0 = vn[vlen - 2], inv = reciprocal_3by2(d1, d0);
    for (int j = ulen - vlen; j >= 0; --j) {
        const uint64_t u2 = un[j + vlen], u1 = un[j + vlen - 1], u0 = un[j + vlen - 2];
        uint64_t qhat;
        if (u2 == d1 && u1 == d0) {
            // The top words tie with the divisor's (possible when vlen > 2):
            // the digit is B-1 or B-2; subtract B-1 times and add back while negative.
            qhat = ~uint64_t(0);
            const uint64_t borrow = submul(un + j, vn, vlen, qhat);
            bool negative = un[j + vlen] < borrow;
            un[j + vlen] -= borrow;
            while (negative) {
                --qhat;
                const uint64_t c = add_to(un + j, vn, vlen);
                un[j + vlen] += c;
                negative = !(c != 0 && un[j + vlen] == 0);  // nonnegative once the top word carries out
            }
        } else {
            u128 rem;
            qhat = udivrem_3by2(u2, u1, u0, d1, d0, inv, rem);
            // Subtract qhat times the divisor's lower words; the borrow comes off the 2-word remainder.
            const uint64_t borrow = submul(un + j, vn, vlen - 2, qhat);
            const bool negative = rem < borrow;
            rem -= borrow;
            un[j + vlen - 2] = uint64_t(rem);
            un[j + vlen - 1] = uint64_t(rem >> 64);
            if (negative) {  // qhat was one too large (probability about 2/B)
                --qhat;
                add_to(un + j, vn, vlen);  // the carry out cancels the borrow
            }
        }
        un[j + vlen] = 0;
        q[j] = qhat;
    }
    // Unnormalize the remainder.
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
            const int d = hex_digit(s[i]);
            if (d < 0)
                return input_error("number '" + std::string(original) + "' has a bad hex digit at position " + std::to_string(i + 2));
            r = (r << 4) | uint64_t(d);
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
