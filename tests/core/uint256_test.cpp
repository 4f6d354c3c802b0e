#include "core/uint256.hpp"

#include <gtest/gtest.h>

#include <random>

using suture::uint256;

namespace {

uint256 U(std::string_view s) {
    auto r = uint256::parse(s);
    EXPECT_TRUE(r.ok()) << s;
    return r.ok() ? *r : uint256();
}

const uint256 MAX = uint256::max();
const uint256 MIN_INT = uint256(1) << 255;  // most negative two's complement value
const uint256 MINUS_ONE = MAX;

// Slow bit-at-a-time references to cross-check the fast paths.
uint256 ref_div(const uint256& a, const uint256& b, uint256* rem) {
    if (!b) {
        *rem = 0;
        return 0;
    }
    uint256 q, r;
    for (int i = 255; i >= 0; --i) {
        const bool top = (r.w[3] >> 63) != 0;
        r = (r << 1) | ((a >> i) & 1);
        if (top || r >= b) {
            r -= b;
            q = q | (uint256(1) << i);
        }
    }
    *rem = r;
    return q;
}
uint256 ref_addmod_reduced(const uint256& a, const uint256& b, const uint256& m) {  // a, b < m
    const uint256 s = a + b;
    return (s < a || s >= m) ? s - m : s;
}
uint256 ref_mulmod(const uint256& a, const uint256& b, const uint256& m) {
    if (!m) return 0;
    uint256 r, am = a % m;
    for (int i = 255; i >= 0; --i) {
        r = ref_addmod_reduced(r, r, m);
        if (((b >> i) & 1) == 1) r = ref_addmod_reduced(r, am, m);
    }
    return r;
}

uint256 random_u256(std::mt19937_64& rng) {
    uint256 x = uint256::from_words(rng(), rng(), rng(), rng());
    // Vary the magnitude so short divisors and operands get exercised.
    return x >> (rng() % 256);
}

}  // namespace

TEST(Uint256, ParsePrintRoundTrip) {
    const char* decs[] = {"0", "1", "18446744073709551615", "18446744073709551616",
                          "115792089237316195423570985008687907853269984665640564039457584007913129639935",
                          "10000000000000000000", "10000000000000000000000000000000000000000"};
    for (const char* d : decs) EXPECT_EQ(U(d).to_dec(), d);
    EXPECT_EQ(U("0x0").to_hex(), "0x0");
    EXPECT_EQ(U("0x00ff").to_hex(), "0xff");
    EXPECT_EQ(U("0xDEADbeef").to_hex(), "0xdeadbeef");
    EXPECT_EQ(MAX.to_hex(), "0x" + std::string(64, 'f'));
    EXPECT_EQ(U("0x" + std::string(64, 'f')), MAX);
    std::mt19937_64 rng(7);
    for (int i = 0; i < 200; ++i) {
        const uint256 x = random_u256(rng);
        EXPECT_EQ(U(x.to_dec()), x);
        EXPECT_EQ(U(x.to_hex()), x);
        EXPECT_EQ(uint256::from_bytes32(x.to_bytes32()), x);
    }
}

TEST(Uint256, ParseErrors) {
    EXPECT_FALSE(uint256::parse("").ok());
    EXPECT_FALSE(uint256::parse("0x").ok());
    EXPECT_FALSE(uint256::parse("12a").ok());
    EXPECT_FALSE(uint256::parse("0xg1").ok());
    EXPECT_FALSE(uint256::parse("-1").ok());
    // 2^256 in decimal and hex: one past the maximum.
    EXPECT_FALSE(uint256::parse("115792089237316195423570985008687907853269984665640564039457584007913129639936").ok());
    EXPECT_FALSE(uint256::parse("0x1" + std::string(64, '0')).ok());
    EXPECT_FALSE(uint256::parse(std::string(100, '9')).ok());
    // Leading zeros do not count towards the width.
    EXPECT_TRUE(uint256::parse("0x" + std::string(70, '0') + "1").ok());
    EXPECT_NE(uint256::parse("12a").error().message.find("12a"), std::string::npos);
}

TEST(Uint256, BytesConversions) {
    const uint8_t short_be[] = {0x01, 0x02, 0x03};
    EXPECT_EQ(uint256::from_be(suture::BytesView(short_be, 3)), uint256(0x010203));
    EXPECT_EQ(uint256::from_be(suture::BytesView()), uint256(0));
    suture::Address a;
    for (int i = 0; i < 20; ++i) a.bytes[i] = uint8_t(i + 1);
    const uint256 x = suture::to_uint256(a);
    EXPECT_EQ(x.byte_width(), 20u);
    EXPECT_EQ(suture::to_address(x), a);
    EXPECT_EQ(suture::to_address(x | (MAX << 160)), a);  // high bytes are dropped
}

TEST(Uint256, WrappingArithmetic) {
    EXPECT_EQ(MAX + 1, uint256(0));
    EXPECT_EQ(uint256(0) - 1, MAX);
    EXPECT_EQ(-uint256(1), MAX);
    EXPECT_EQ(MAX * MAX, uint256(1));
    EXPECT_EQ(U("0x100000000000000000000000000000000") * U("0x100000000000000000000000000000000"), uint256(0));
    EXPECT_EQ(uint256(~0ULL) * uint256(~0ULL), U("0xfffffffffffffffe0000000000000001"));
    EXPECT_EQ(uint256(7) / 0, uint256(0));
    EXPECT_EQ(uint256(7) % 0, uint256(0));
    EXPECT_EQ(MAX / MAX, uint256(1));
    EXPECT_EQ(MAX % 10, uint256(5));
    EXPECT_TRUE(uint256(1) < MAX);
    EXPECT_TRUE(MAX > uint256(1));
    EXPECT_EQ(uint256(3) <=> uint256(3), std::strong_ordering::equal);
    EXPECT_EQ(MAX.bit_width(), 256u);
    EXPECT_EQ(uint256(0).bit_width(), 0u);
    EXPECT_EQ(uint256(256).byte_width(), 2u);
}

TEST(Uint256, DivisionMatchesReference) {
    std::mt19937_64 rng(42);
    for (int i = 0; i < 3000; ++i) {
        const uint256 a = random_u256(rng), b = random_u256(rng);
        uint256 rref, r;
        const uint256 qref = ref_div(a, b, &rref);
        const uint256 q = uint256::divmod(a, b, &r);
        ASSERT_EQ(q, qref) << a.to_hex() << " / " << b.to_hex();
        ASSERT_EQ(r, rref) << a.to_hex() << " % " << b.to_hex();
    }
    // Divisors that force qhat corrections and the add-back step.
    const uint256 a = U("0x7fffffffffffffff800000000000000000000000000000000000000000000000");
    const uint256 b = U("0x800000000000000000000000000000000000000000000001");
    uint256 rref, r;
    EXPECT_EQ(uint256::divmod(a, b, &r), ref_div(a, b, &rref));
    EXPECT_EQ(r, rref);
}

// u == q * v + r and r < v for the limb-level division behind /, %, addmod
// and mulmod, over every operand length; includes dividends built so that
// the running remainder's top words tie with the divisor's (the rare
// quotient-digit path) and divisors of all normalization shifts.
TEST(Uint256, LimbDivisionIdentity) {
    using suture::detail::udivrem_limbs;
    std::mt19937_64 rng(11);
    // a[0..alen) * b[0..blen) + c[0..clen) into out[0..12)
    const auto mul_add = [](const uint64_t* a, int alen, const uint64_t* b, int blen, const uint64_t* c, int clen,
                            uint64_t* out) {
        for (int i = 0; i < 12; ++i) out[i] = 0;
        for (int i = 0; i < alen; ++i) {
            unsigned __int128 carry = 0;
            for (int j = 0; j < blen; ++j) {
                carry += (unsigned __int128)a[i] * b[j] + out[i + j];
                out[i + j] = uint64_t(carry);
                carry >>= 64;
            }
            for (int k = i + blen; carry && k < 12; ++k) {
                carry += out[k];
                out[k] = uint64_t(carry);
                carry >>= 64;
            }
        }
        unsigned __int128 carry = 0;
        for (int k = 0; k < 12; ++k) {
            carry += (unsigned __int128)out[k] + (k < clen ? c[k] : 0);
            out[k] = uint64_t(carry);
            carry >>= 64;
        }
    };
    const auto less = [](const uint64_t* a, const uint64_t* b, int n) {
        for (int i = n - 1; i >= 0; --i)
            if (a[i] != b[i]) return a[i] < b[i];
        return false;
    };
    const auto word = [&rng]() -> uint64_t {
        switch (rng() % 5) {
        case 0: return 0;
        case 1: return ~uint64_t(0);
        case 2: return uint64_t(1) << (rng() % 64);
        default: return rng() >> (rng() % 64);
        }
    };
    int ties = 0;
    for (int iter = 0; iter < 40000; ++iter) {
        const int vlen = 1 + int(rng() % 4);
        uint64_t v[4];
        for (int i = 0; i < vlen; ++i) v[i] = word();
        if (v[vlen - 1] == 0) v[vlen - 1] = 1 + (rng() >> (rng() % 64));
        uint64_t u[8];
        int ulen = 1 + int(rng() % 8);
        if (iter % 4 == 0 && vlen >= 3) {
            // u = ((v * Q + (v - 1)) << 64) + low: after the first digits the
            // remainder is v - 1, whose top words equal v's when v's low word is non-zero.
            if (v[0] == 0) v[0] = 1;
            uint64_t Q[4], vm1[4], t[12];
            const int qlen = 1 + int(rng() % (7 - vlen));
            for (int i = 0; i < qlen; ++i) Q[i] = rng();
            for (int i = 0; i < vlen; ++i) vm1[i] = v[i];
            vm1[0] -= 1;
            mul_add(Q, qlen, v, vlen, vm1, vlen, t);
            u[0] = rng();
            for (int i = 1; i < 8; ++i) u[i] = t[i - 1];
            ulen = 8;
        } else {
            for (int i = 0; i < ulen; ++i) u[i] = word();
        }
        while (ulen > 1 && u[ulen - 1] == 0) --ulen;
        uint64_t q[8], r[4], check[12];
        udivrem_limbs(u, ulen, v, vlen, q, r);
        ASSERT_TRUE(less(r, v, vlen)) << "remainder not below divisor, iteration " << iter;
        mul_add(q, ulen, v, vlen, r, vlen, check);
        for (int i = 0; i < 12; ++i) ASSERT_EQ(check[i], i < ulen ? u[i] : 0) << "iteration " << iter << " word " << i;
        // Count dividends whose normalized remainder ties (for the coverage check below).
        if (iter % 4 == 0 && vlen >= 3 && (v[vlen - 1] >> 63) != 0) ++ties;
    }
    EXPECT_GT(ties, 100);

    // The three-word estimate one too large (add-back): v = (d1, d0, B-1),
    // u = 5 * (d1:d0) * B, so the top words divide exactly but the low word does not.
    const uint64_t d1 = 0x8000000000000123ULL, d0 = 0x456;
    const uint64_t v[3] = {~uint64_t(0), d0, d1};
    const unsigned __int128 lo = (unsigned __int128)d0 * 5;
    const unsigned __int128 hi = (unsigned __int128)d1 * 5 + uint64_t(lo >> 64);
    const uint64_t u[4] = {0, uint64_t(lo), uint64_t(hi), uint64_t(hi >> 64)};
    uint64_t q[4], r[3];
    udivrem_limbs(u, 4, v, 3, q, r);
    EXPECT_EQ(q[0], 4u);
    EXPECT_EQ(q[1], 0u);
    EXPECT_EQ(r[2], d1);
    EXPECT_EQ(r[1], 0x452u);
    EXPECT_EQ(r[0], 4u);
}

TEST(Uint256, SignedDivision) {
    EXPECT_EQ(suture::sdiv(MIN_INT, MINUS_ONE), MIN_INT);  // overflow wraps to MIN
    EXPECT_EQ(suture::sdiv(-uint256(7), 2), -uint256(3));  // truncation toward zero
    EXPECT_EQ(suture::sdiv(uint256(7), -uint256(2)), -uint256(3));
    EXPECT_EQ(suture::sdiv(-uint256(7), -uint256(2)), uint256(3));
    EXPECT_EQ(suture::sdiv(uint256(7), 0), uint256(0));
    EXPECT_EQ(suture::smod(-uint256(7), 3), -uint256(1));  // sign of the dividend
    EXPECT_EQ(suture::smod(uint256(7), -uint256(3)), uint256(1));
    EXPECT_EQ(suture::smod(-uint256(7), -uint256(3)), -uint256(1));
    EXPECT_EQ(suture::smod(MIN_INT, MINUS_ONE), uint256(0));
    EXPECT_EQ(suture::smod(uint256(7), 0), uint256(0));
    EXPECT_TRUE(suture::slt(MINUS_ONE, 0));
    EXPECT_TRUE(suture::sgt(1, MIN_INT));
    EXPECT_FALSE(suture::slt(5, 5));
}

TEST(Uint256, AddMod) {
    EXPECT_EQ(suture::addmod(MAX, MAX, 7), (MAX % 7 + MAX % 7) % 7);
    EXPECT_EQ(suture::addmod(MAX, 1, MAX), uint256(1));  // 2^256 mod (2^256-1)
    EXPECT_EQ(suture::addmod(MAX, MAX, MAX), uint256(0));
    EXPECT_EQ(suture::addmod(MAX - 1, MAX - 1, MAX), MAX - 2);  // sum overflows 256 bits
    EXPECT_EQ(suture::addmod(5, 6, 0), uint256(0));
    EXPECT_EQ(suture::addmod(MAX, 2, uint256(1) << 255), uint256(1));
    std::mt19937_64 rng(3);
    for (int i = 0; i < 500; ++i) {
        const uint256 a = random_u256(rng), b = random_u256(rng), m = random_u256(rng);
        if (!m) continue;
        ASSERT_EQ(suture::addmod(a, b, m), ref_addmod_reduced(a % m, b % m, m));
    }
}

TEST(Uint256, MulMod) {
    // (2^256-1)^2 mod (2^256-1) == 0 and mod 2^255+... use a 512-bit product.
    EXPECT_EQ(suture::mulmod(MAX, MAX, MAX), uint256(0));
    EXPECT_EQ(suture::mulmod(MAX, MAX, MAX - 1), uint256(1));  // (m+1)^2 mod m
    EXPECT_EQ(suture::mulmod(MAX, MAX, 12), (MAX % 12) * (MAX % 12) % 12);
    EXPECT_EQ(suture::mulmod(5, 6, 0), uint256(0));
    EXPECT_EQ(suture::mulmod(uint256(1) << 255, 2, MAX), uint256(1));
    std::mt19937_64 rng(5);
    for (int i = 0; i < 500; ++i) {
        const uint256 a = random_u256(rng), b = random_u256(rng), m = random_u256(rng);
        ASSERT_EQ(suture::mulmod(a, b, m), ref_mulmod(a, b, m)) << a.to_hex() << " " << b.to_hex() << " " << m.to_hex();
    }
}

TEST(Uint256, Exp) {
    EXPECT_EQ(suture::exp(2, 255), MIN_INT);
    EXPECT_EQ(suture::exp(2, 256), uint256(0));
    EXPECT_EQ(suture::exp(0, 0), uint256(1));
    EXPECT_EQ(suture::exp(0, 5), uint256(0));
    EXPECT_EQ(suture::exp(3, 5), uint256(243));
    EXPECT_EQ(suture::exp(MAX, MAX), MAX);  // odd power of -1
    EXPECT_EQ(suture::exp(MAX, 2), uint256(1));
    EXPECT_EQ(suture::exp(10, 30), U("1000000000000000000000000000000"));
}

TEST(Uint256, SignExtendAllPositions) {
    for (unsigned b = 0; b < 31; ++b) {
        const uint256 sign_bit = uint256(1) << (8 * b + 7);
        const uint256 low_mask = (uint256(1) << (8 * b + 8)) - 1;
        const uint256 negative = sign_bit | 0x5a;  // sign bit set, junk above cleared
        EXPECT_EQ(suture::signextend(b, negative | ~low_mask), negative | ~low_mask) << b;
        EXPECT_EQ(suture::signextend(b, negative), negative | ~low_mask) << b;
        const uint256 positive = (sign_bit - 1) | (uint256(1) << (8 * b + 8));  // junk above the byte
        EXPECT_EQ(suture::signextend(b, positive), sign_bit - 1) << b;
    }
    const uint256 x = U("0x80000000000000000000000000000000000000000000000000000000000000ff");
    EXPECT_EQ(suture::signextend(31, x), x);
    EXPECT_EQ(suture::signextend(32, x), x);
    EXPECT_EQ(suture::signextend(MAX, x), x);
    EXPECT_EQ(suture::signextend(0, 0xff), MAX);
    EXPECT_EQ(suture::signextend(0, 0x7f), uint256(0x7f));
}

TEST(Uint256, Shifts) {
    EXPECT_EQ(uint256(1) << 255, MIN_INT);
    EXPECT_EQ(uint256(1) << 256, uint256(0));
    EXPECT_EQ(MAX << 1000, uint256(0));
    EXPECT_EQ(MAX >> 256, uint256(0));
    EXPECT_EQ(MAX >> 255, uint256(1));
    EXPECT_EQ(MAX << uint256(1) << 255, uint256(0));
    EXPECT_EQ(MAX >> (uint256(1) << 128), uint256(0));  // huge shift amount
    EXPECT_EQ(MAX << (uint256(1) << 200), uint256(0));
    EXPECT_EQ(U("0x123456789abcdef0") << 68, U("0x123456789abcdef000000000000000000"));
    EXPECT_EQ(U("0x123456789abcdef000000000000000000") >> 68, U("0x123456789abcdef0"));
    for (unsigned s = 0; s < 256; ++s) {
        EXPECT_EQ((MAX << s) >> s, MAX >> s << s >> s) << s;
        EXPECT_EQ((uint256(1) << s).bit_width(), s + 1);
    }
}

TEST(Uint256, ArithmeticShiftRight) {
    EXPECT_EQ(suture::sar(1, MINUS_ONE), MINUS_ONE);
    EXPECT_EQ(suture::sar(255, MIN_INT), MINUS_ONE);
    EXPECT_EQ(suture::sar(256, MIN_INT), MINUS_ONE);
    EXPECT_EQ(suture::sar(MAX, MIN_INT), MINUS_ONE);
    EXPECT_EQ(suture::sar(4, -uint256(32)), -uint256(2));
    EXPECT_EQ(suture::sar(4, -uint256(33)), -uint256(3));  // rounds toward -inf
    EXPECT_EQ(suture::sar(4, 33), uint256(2));
    EXPECT_EQ(suture::sar(256, 33), uint256(0));
    EXPECT_EQ(suture::sar(uint256(1) << 100, MAX >> 1), uint256(0));
}

TEST(Uint256, ByteOpcode) {
    const uint256 x = U("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
    for (unsigned i = 0; i < 32; ++i) EXPECT_EQ(suture::byte(i, x), uint256(i + 1)) << i;
    EXPECT_EQ(suture::byte(32, x), uint256(0));
    EXPECT_EQ(suture::byte(MAX, x), uint256(0));
}

TEST(Uint256, HashDiffers) {
    suture::Uint256Hash h;
    EXPECT_NE(h(uint256(1)), h(uint256(2)));
    EXPECT_NE(h(uint256(1)), h(uint256(1) << 64));
}
