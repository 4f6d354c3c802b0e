// The BLS12-381 field, curve and pairing layers (src/evm/bls12_381_*.hpp)
// on algebraic identities; scripts/bls12-381-oracle.mjs compares them with
// @noble/curves on random cases.
#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "evm/bls12_381_pairing.hpp"

namespace suture::evm::bls12_381 {
namespace {

Fp fp(u64 x) { return Fp::from_u64(x); }

// G1's effective cofactor 1 - x (RFC 9380 section 8.8.1).
constexpr u64 kG1CofactorForTests = 0xd201000000010001;

TEST(Bls12381Fp, CanonicalBytesRoundTripAndRejectP) {
    const auto p_bytes = from_hex(
        "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab");
    ASSERT_TRUE(p_bytes.ok());
    Fp out;
    EXPECT_FALSE(Fp::from_be(p_bytes->data(), out));
    Bytes p_minus_1 = *p_bytes;
    p_minus_1.back() -= 1;
    ASSERT_TRUE(Fp::from_be(p_minus_1.data(), out));
    EXPECT_EQ(out, -Fp::one());
    uint8_t back[48];
    out.to_be(back);
    EXPECT_EQ(Bytes(back, back + 48), p_minus_1);
}

TEST(Bls12381Fp, InverseAndSquareRoot) {
    for (u64 x : {1ull, 2ull, 3ull, 0xffffffffffffffffull, 0x123456789abcdefull}) {
        const Fp a = fp(x) * fp(x + 7) - fp(5);
        EXPECT_EQ(a * inverse(a), Fp::one());
        Fp r;
        ASSERT_TRUE(sqrt(square(a), r));
        EXPECT_EQ(square(r), square(a));
        const Fp2 b{a, fp(x + 1)};
        EXPECT_EQ(b * inverse(b), Fp2::one());
        Fp2 s;
        ASSERT_TRUE(sqrt(square(b), s));
        EXPECT_EQ(square(s), square(b));
    }
    Fp r;
    EXPECT_FALSE(sqrt(-Fp::one(), r));  // p = 3 mod 4: -1 is not a square
    EXPECT_EQ(inverse(Fp::zero()), Fp::zero());
}

TEST(Bls12381Tower, InversesAndFrobenius) {
    const Fp2 a{fp(3), fp(11)}, b{fp(17), fp(2)}, c{fp(5), fp(8)};
    const Fp6 x{a, b, c};
    EXPECT_EQ(x * inverse(x), Fp6::one());
    const Fp12 y{x, Fp6{c, a, b}};
    EXPECT_TRUE((y * inverse(y)).is_one());
    // Twelve Frobenius applications are the identity (a^(p^12) = a).
    Fp12 z = y;
    for (int i = 0; i < 12; ++i) z = frobenius(z);
    EXPECT_EQ(z, y);
    EXPECT_FALSE(frobenius(y) == y);
}

TEST(Bls12381Curve, GeneratorsAndSetupPointAreInTheSubgroup) {
    EXPECT_TRUE(on_curve(g1_generator()) && !g1_generator().infinity);
    EXPECT_TRUE(on_curve(g2_generator()) && !g2_generator().infinity);
    EXPECT_TRUE(in_subgroup(g1_generator()));
    EXPECT_TRUE(in_subgroup(g2_generator()));
    uint8_t enc[48];
    encode_compressed(g1_generator(), enc);
    EXPECT_EQ(to_hex(BytesView(enc, 48), false),
              "97f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb");
    // (0, 2) is on y^2 = x^3 + 4 but, the cofactor being large, not of order r.
    const G1 off{Fp::zero(), fp(2), false};
    EXPECT_TRUE(on_curve(off));
    EXPECT_FALSE(in_subgroup(off));
}

// The endomorphism subgroup checks agree with [r]P = O on curve points with
// small x (almost all outside the subgroup), on those points with the
// cofactor cleared (inside), and on the sums of one of each (outside).
TEST(Bls12381Curve, EndomorphismSubgroupChecksAgreeWithTheOrder) {
    int outside = 0;
    for (u64 i = 1; i <= 12; ++i) {
        G1 p{fp(i), Fp::zero(), false};
        if (sqrt(square(p.x) * p.x + fp(4), p.y)) {
            const G1 cleared = to_affine(bn254::point_mul_limbs(Jacobian<Fp>::from(p), &kG1CofactorForTests, 1));
            const G1 sum = to_affine(point_add(Jacobian<Fp>::from(p), Jacobian<Fp>::from(cleared)));
            for (const G1& q : {p, cleared, sum}) EXPECT_EQ(in_subgroup(q), in_subgroup_by_order(q)) << i;
            EXPECT_TRUE(in_subgroup(cleared));
            outside += !in_subgroup(p);
        }
        G2 q{{fp(i), fp(1)}, Fp2::zero(), false};
        if (sqrt(square(q.x) * q.x + twist_b(), q.y)) {
            const G2 cleared = to_affine(point_mul(Jacobian<Fp2>::from(q), kR) );  // [r]Q: in the cofactor part
            const G2 sum = to_affine(point_add(Jacobian<Fp2>::from(q), Jacobian<Fp2>::from(g2_generator())));
            for (const G2& t : {q, cleared, sum}) EXPECT_EQ(in_subgroup(t), in_subgroup_by_order(t)) << i;
            outside += !in_subgroup(q);
        }
    }
    EXPECT_GT(outside, 4);
}

TEST(Bls12381Curve, CompressedInfinityAndBadFlags) {
    uint8_t b[48] = {0xc0};
    G1 p;
    ASSERT_TRUE(decode_compressed(b, p));
    EXPECT_TRUE(p.infinity);
    b[0] = 0xe0;  // infinity with the sign bit
    EXPECT_FALSE(decode_compressed(b, p));
    b[0] = 0xc0;
    b[47] = 1;  // infinity with a non-zero x
    EXPECT_FALSE(decode_compressed(b, p));
    b[0] = 0x00;  // no compression flag
    EXPECT_FALSE(decode_compressed(b, p));
}

TEST(Bls12381Pairing, Bilinear) {
    const u64 a[4] = {0x1234567, 0, 0, 0}, b[4] = {0x89abcdef, 0, 0, 0};
    const u64 ab = 0x1234567ull * 0x89abcdefull;
    const G1 ap = to_affine(point_mul(Jacobian<Fp>::from(g1_generator()), a));
    const G2 bq = to_affine(point_mul(Jacobian<Fp2>::from(g2_generator()), b));
    const std::pair<G1, G2> base[1] = {{g1_generator(), g2_generator()}};
    const std::pair<G1, G2> scaled[1] = {{ap, bq}};
    const Fp12 e = final_exponentiation(miller_loop(base));
    EXPECT_FALSE(e.is_one());  // non-degenerate
    EXPECT_TRUE(pow(e, kR, 4).is_one());  // of order r
    EXPECT_EQ(final_exponentiation(miller_loop(scaled)), pow(e, &ab, 1));
    // e(aP, bQ)·e(-abP, Q) = 1, and not with ab + 1.
    const u64 ab_limbs[4] = {ab, 0, 0, 0};
    G1 neg = to_affine(point_mul(Jacobian<Fp>::from(g1_generator()), ab_limbs));
    neg.y = -neg.y;
    const std::pair<G1, G2> check[2] = {{ap, bq}, {neg, g2_generator()}};
    EXPECT_TRUE(pairing_check(check));
    const std::pair<G1, G2> wrong[2] = {{ap, bq}, {g1_generator(), g2_generator()}};
    EXPECT_FALSE(pairing_check(wrong));
}

}  // namespace
}  // namespace suture::evm::bls12_381
