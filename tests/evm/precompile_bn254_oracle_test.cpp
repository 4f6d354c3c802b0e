// bn254 add/mul (0x06/0x07) against an independent textbook implementation
// of the G1 group law in affine coordinates over GMP integers, on many points
// and scalars including the special cases (doubling, P + (-P), infinity,
// scalars 0, r - 1, r, r + 1, 2^256 - 1).
#include <gmp.h>
#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "precompile_test_util.hpp"

namespace suture::evm::test {
namespace {

class Z {
public:
    Z() { mpz_init(v); }
    explicit Z(const char* hex) { mpz_init_set_str(v, hex, 16); }
    Z(const Z& o) { mpz_init_set(v, o.v); }
    Z& operator=(const Z& o) {
        mpz_set(v, o.v);
        return *this;
    }
    ~Z() { mpz_clear(v); }
    mpz_t v;
};

const Z kP("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47");
const Z kOrder("30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001");

struct Point {
    Z x, y;
    bool inf = true;
};

Z mod_p(const mpz_t a) {
    Z r;
    mpz_mod(r.v, a, kP.v);
    return r;
}

// The chord-and-tangent law, written from the curve equation y^2 = x^3 + 3.
Point add(const Point& a, const Point& b) {
    if (a.inf) return b;
    if (b.inf) return a;
    Z lambda, num, den, t;
    if (mpz_cmp(a.x.v, b.x.v) == 0) {
        mpz_add(t.v, a.y.v, b.y.v);
        mpz_mod(t.v, t.v, kP.v);
        if (mpz_sgn(t.v) == 0) return {};  // b = -a
        mpz_mul(num.v, a.x.v, a.x.v);
        mpz_mul_ui(num.v, num.v, 3);
        mpz_mul_ui(den.v, a.y.v, 2);
    } else {
        mpz_sub(num.v, b.y.v, a.y.v);
        mpz_sub(den.v, b.x.v, a.x.v);
    }
    mpz_mod(den.v, den.v, kP.v);
    mpz_invert(den.v, den.v, kP.v);
    mpz_mul(lambda.v, num.v, den.v);
    lambda = mod_p(lambda.v);
    Point r;
    r.inf = false;
    mpz_mul(t.v, lambda.v, lambda.v);
    mpz_sub(t.v, t.v, a.x.v);
    mpz_sub(t.v, t.v, b.x.v);
    r.x = mod_p(t.v);
    mpz_sub(t.v, a.x.v, r.x.v);
    mpz_mul(t.v, t.v, lambda.v);
    mpz_sub(t.v, t.v, a.y.v);
    r.y = mod_p(t.v);
    return r;
}

Point mul(const Point& p, const Z& k) {
    Point r;
    for (long i = long(mpz_sizeinbase(k.v, 2)) - 1; i >= 0; --i) {
        r = add(r, r);
        if (mpz_tstbit(k.v, mp_bitcnt_t(i))) r = add(r, p);
    }
    return r;
}

std::string word(const mpz_t z) {
    char buf[80];
    gmp_snprintf(buf, sizeof buf, "%064Zx", z);
    return buf;
}

std::string encode(const Point& p) {
    if (p.inf) return std::string(128, '0');
    return word(p.x.v) + word(p.y.v);
}

Point generator() {
    Point g;
    mpz_set_ui(g.x.v, 1);
    mpz_set_ui(g.y.v, 2);
    g.inf = false;
    return g;
}

Point negate(const Point& p) {
    if (p.inf) return p;
    Point n = p;
    mpz_sub(n.y.v, kP.v, p.y.v);
    return n;
}

// Deterministic scalars of every size plus the boundary values.
std::vector<Z> scalars() {
    std::vector<Z> out;
    for (const char* s : {"0", "1", "2", "3", "ff", "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000",
                          "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000001",
                          "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000002",
                          "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"}) {
        out.emplace_back(s);
    }
    gmp_randstate_t rng;
    gmp_randinit_default(rng);
    gmp_randseed_ui(rng, 196);
    for (unsigned bits : {8u, 64u, 128u, 200u, 253u, 254u, 255u, 256u, 256u, 256u}) {
        Z k;
        mpz_urandomb(k.v, rng, bits);
        out.push_back(k);
    }
    gmp_randclear(rng);
    return out;
}

TEST(PrecompileBn254Oracle, MulMatchesTextbookGroupLaw) {
    const Point g = generator();
    const std::vector<Z> ks = scalars();
    std::vector<Point> points = {g, mul(g, ks[12]), {}};
    for (const Point& p : points) {
        for (const Z& k : ks) {
            const std::string input = encode(p) + word(k.v);
            const ExecResult r = run(Revision::cancun, 7, hex_bytes(input.c_str()), 6000);
            ASSERT_EQ(r.status, StatusCode::success) << input;
            EXPECT_EQ(to_hex(r.output, false), encode(mul(p, k))) << input;
        }
    }
}

TEST(PrecompileBn254Oracle, AddMatchesTextbookGroupLaw) {
    const Point g = generator();
    std::vector<Point> points = {{}, g, negate(g)};
    for (const Z& k : scalars()) points.push_back(mul(g, k));
    for (const Point& a : points) {
        for (const Point& b : {points[1], points[5], points[12], a, negate(a), Point{}}) {
            const std::string input = encode(a) + encode(b);
            const ExecResult r = run(Revision::cancun, 6, hex_bytes(input.c_str()), 150);
            ASSERT_EQ(r.status, StatusCode::success) << input;
            EXPECT_EQ(to_hex(r.output, false), encode(add(a, b))) << input;
        }
    }
}

}  // namespace
}  // namespace suture::evm::test
