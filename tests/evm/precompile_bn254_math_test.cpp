// The bn254 arithmetic under the EIP-196/197 precompiles: field towers,
// Frobenius, the fast final exponentiation against the plain exponent, and
// pairing bilinearity.
#include <gtest/gtest.h>

#include <vector>

#include "core/hex.hpp"
#include "evm/bn254_pairing.hpp"

namespace suture::evm::bn254 {
namespace {

Fp fp_hex(const char* hex) {
    auto b = from_hex(hex);
    EXPECT_TRUE(b.ok() && b->size() == 32);
    Fp r;
    EXPECT_TRUE(Fp::from_be(b->data(), r));
    return r;
}

G1 g1_generator() { return {Fp::from_u64(1), Fp::from_u64(2), false}; }

G2 g2_generator() {
    return {{fp_hex("1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"),
             fp_hex("198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2")},
            {fp_hex("12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa"),
             fp_hex("090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b")},
            false};
}

// Deterministic "random" elements.
Fp fp_seq(u64 seed) {
    Fp r = Fp::from_u64(seed * 0x9e3779b97f4a7c15ULL + 1);
    for (int i = 0; i < 3; ++i) r = r * r + Fp::from_u64(seed + 7);
    return r;
}
Fp2 fp2_seq(u64 s) { return {fp_seq(s), fp_seq(s + 100)}; }
Fp6 fp6_seq(u64 s) { return {fp2_seq(s), fp2_seq(s + 1), fp2_seq(s + 2)}; }
Fp12 fp12_seq(u64 s) { return {fp6_seq(s), fp6_seq(s + 10)}; }

template <typename F>
Affine<F> mul(const Affine<F>& p, u64 k) {
    const u64 limbs[4] = {k, 0, 0, 0};
    return to_affine(point_mul(Jacobian<F>::from(p), limbs));
}

bool check(std::vector<std::pair<G1, G2>> pairs) { return pairing_check(pairs); }

TEST(Bn254Field, MontgomeryRoundTripAndInverse) {
    uint8_t out[32];
    Fp::one().to_be(out);
    for (int i = 0; i < 31; ++i) EXPECT_EQ(out[i], 0);
    EXPECT_EQ(out[31], 1);

    const Fp a = fp_hex("2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb7");
    a.to_be(out);
    EXPECT_EQ(to_hex(BytesView(out, 32), false), "2bd3e6d0f3b142924f5ca7b49ce5b9d54c4703d7ae5648e61d02268b1a0a9fb7");
    EXPECT_EQ(a * inverse(a), Fp::one());
    EXPECT_EQ(a - a, Fp::zero());
    EXPECT_EQ(-a + a, Fp::zero());
    // p - 1 is the largest canonical value; p itself is rejected.
    EXPECT_EQ(fp_hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd46") + Fp::one(), Fp::zero());
    auto p = from_hex("30644e72e131a029b85045b68181585d97816a916871ca8d3c208c16d87cfd47");
    Fp r;
    EXPECT_FALSE(Fp::from_be(p->data(), r));
}

TEST(Bn254Field, BinaryInverseMatchesFermat) {
    EXPECT_EQ(inverse(Fp::zero()), Fp::zero());
    EXPECT_EQ(inverse(Fp::one()), Fp::one());
    EXPECT_EQ(inverse(-Fp::one()), -Fp::one());
    for (u64 s = 1; s < 200; ++s) {
        const Fp a = fp_seq(s);
        EXPECT_EQ(inverse(a), inverse_by_fermat(a));
        EXPECT_EQ(a * inverse(a), Fp::one());
    }
    for (u64 k = 1; k < 70; ++k) EXPECT_EQ(inverse(Fp::from_u64(k)), inverse_by_fermat(Fp::from_u64(k)));
}

TEST(Bn254Field, TowerInversesAndSquares) {
    for (u64 s = 1; s < 5; ++s) {
        const Fp2 a2 = fp2_seq(s);
        EXPECT_EQ(a2 * inverse(a2), Fp2::one());
        EXPECT_EQ(square(a2), a2 * a2);
        const Fp6 a6 = fp6_seq(s);
        EXPECT_EQ(a6 * inverse(a6), Fp6::one());
        EXPECT_EQ(square(a6), a6 * a6);
        const Fp12 a12 = fp12_seq(s);
        EXPECT_TRUE((a12 * inverse(a12)).is_one());
        EXPECT_EQ(square(a12), a12 * a12);
    }
}

TEST(Bn254Field, FrobeniusIsThePthPower) {
    const Fp12 a = fp12_seq(3);
    EXPECT_EQ(frobenius(a), pow(a, kP, 4));
    Fp12 f = a;
    for (int i = 0; i < 12; ++i) f = frobenius(f);
    EXPECT_EQ(f, a);
}

TEST(Bn254Field, SparseLineProductMatchesFullProduct) {
    const Fp12 f = fp12_seq(5);
    const Fp2 a0 = fp2_seq(9);
    const Fp2 b0 = fp2_seq(10), b1 = fp2_seq(11);
    const Fp12 line{{a0, Fp2::zero(), Fp2::zero()}, {b0, b1, Fp2::zero()}};
    EXPECT_EQ(mul_by_line(f, a0, b0, b1), f * line);
}

TEST(Bn254Field, CyclotomicSquareMatchesSquareInTheSubgroup) {
    for (u64 s = 1; s < 4; ++s) {
        const Fp12 f = fp12_seq(s);
        Fp12 g = conj(f) * inverse(f);  // f^(p^6 - 1)
        g = frobenius(frobenius(g)) * g;  // ^(p^2 + 1): now in the cyclotomic subgroup
        EXPECT_EQ(cyclotomic_square(g), square(g));
        const u64 e = 0x44e992b44a6909f1ULL + s;
        EXPECT_EQ(cyclotomic_pow(g, e), pow(g, &e, 1));
    }
}

// (p^4 - p^2 + 1)/r, little-endian limbs.
constexpr u64 kHardExponent[12] = {
    0xe81bb482ccdf42b1, 0x5abf5cc4f49c36d4, 0xf1154e7e1da014fd, 0xdcc7b44c87cdbacf,
    0xaaa441e3954bcf8a, 0x6b887d56d5095f23, 0x79581e16f3fd90c6, 0x3b1b1355d189227d,
    0x4e529a5861876f6b, 0x6c0eb522d5b12278, 0x331ec15183177faf, 0x01baaa710b0759ad};

TEST(Bn254Pairing, FinalExponentiationMatchesPlainExponent) {
    const Fp12 f = fp12_seq(7);
    Fp12 easy = conj(f) * inverse(f);
    easy = frobenius(frobenius(easy)) * easy;
    EXPECT_EQ(final_exponentiation(f), pow(easy, kHardExponent, 12));
}

TEST(Bn254Pairing, GeneratorsAreValid) {
    EXPECT_TRUE(on_curve(g1_generator()));
    EXPECT_TRUE(on_curve(g2_generator()));
    EXPECT_TRUE(in_g2_subgroup(g2_generator()));
    EXPECT_TRUE(point_mul(Jacobian<Fp>::from(g1_generator()), kR).is_infinity());
}

// The endomorphism-based G2 membership test agrees with [r]Q = 0 on points
// inside and outside the subgroup.
TEST(Bn254Pairing, G2SubgroupTestMatchesOrderCheck) {
    // On the twist (x = 2 + u) but not in G2.
    const G2 bad{{Fp::from_u64(2), Fp::one()},
                 {fp_hex("101f7278419308b95099eca02dcee0c5381f4d26d1d62313f057167f064101ce"),
                  fp_hex("2b76c179599bb92a963dac85546a005a777f7c13f6a7b75d5918b6b5808f5fde")},
                 false};
    ASSERT_TRUE(on_curve(bad));
    // The twist's cofactor 2p - r sends any twist point into G2.
    const u64 cofactor[4] = {0x345f2299c0f9fa8d, 0x06ceecda572a2489, 0xb85045b68181585e, 0x30644e72e131a029};
    const G2 cleared = to_affine(point_mul(Jacobian<Fp2>::from(bad), cofactor));
    const G2 bad_plus_gen = to_affine(point_add(Jacobian<Fp2>::from(bad), Jacobian<Fp2>::from(g2_generator())));
    const std::pair<G2, bool> cases[] = {
        {g2_generator(), true}, {mul(g2_generator(), 12345), true}, {cleared, true},
        {bad, false}, {bad_plus_gen, false}, {mul(bad, 7), false},
    };
    for (const auto& [q, member] : cases) {
        EXPECT_TRUE(on_curve(q));
        EXPECT_EQ(point_mul(Jacobian<Fp2>::from(q), kR).is_infinity(), member);
        EXPECT_EQ(in_g2_subgroup(q), member);
    }
}

TEST(Bn254Pairing, NonDegenerateWithOrderR) {
    const std::pair<G1, G2> pq{g1_generator(), g2_generator()};
    const Fp12 e = final_exponentiation(miller_loop({&pq, 1}));
    EXPECT_FALSE(e.is_one());
    EXPECT_TRUE(pow(e, kR, 4).is_one());
}

TEST(Bn254Pairing, Bilinear) {
    const G1 p = g1_generator();
    const G2 q = g2_generator();
    const u64 a = 0x1234567, b = 0xfedcba98;
    G1 neg_ab_p = mul(p, a * b);
    neg_ab_p.y = -neg_ab_p.y;
    // e(aP, bQ) · e(-abP, Q) = 1
    EXPECT_TRUE(check({{mul(p, a), mul(q, b)}, {neg_ab_p, q}}));
    // e(aP, bQ) · e(-abP, Q) · e(P, Q) != 1
    EXPECT_FALSE(check({{mul(p, a), mul(q, b)}, {neg_ab_p, q}, {p, q}}));
    // e(aP, Q) = e(P, aQ)
    G1 neg_p = p;
    neg_p.y = -p.y;
    EXPECT_TRUE(check({{mul(p, a), q}, {neg_p, mul(q, a)}}));
    EXPECT_FALSE(check({{mul(p, a), q}, {neg_p, mul(q, a + 1)}}));
}

}  // namespace
}  // namespace suture::evm::bn254
