#include "evm/bls12_381_curve.hpp"

#include <array>
#include <cstring>

#include "evm/tower_ops.hpp"

namespace suture::evm::bls12_381 {

namespace {

constexpr uint8_t kCompressionFlag = 0x80, kInfinityFlag = 0x40, kSignFlag = 0x20;

Fp curve_b() { return Fp::from_u64(4); }

// The flags of a compressed encoding, and its x bytes with the flags cleared.
// False for an invalid flag combination; `infinity` is set for a valid
// encoding of the point at infinity.
bool read_flags(const uint8_t* in, size_t size, uint8_t* x_bytes, bool& infinity, bool& sign) {
    const uint8_t flags = in[0] & 0xe0;
    if (!(flags & kCompressionFlag)) return false;
    infinity = flags & kInfinityFlag;
    sign = flags & kSignFlag;
    std::memcpy(x_bytes, in, size);
    x_bytes[0] &= 0x1f;
    if (!infinity) return true;
    if (sign) return false;
    for (size_t i = 0; i < size; ++i) {
        if (x_bytes[i] != 0) return false;
    }
    return true;
}

constexpr u64 kAbsX = 0xd201000000010000;  // |x|, the BLS parameter x is negative

// Jacobian point j equals the affine point (x, y) (neither at infinity).
template <typename F>
bool equals_affine(const Jacobian<F>& j, const F& x, const F& y) {
    if (j.is_infinity()) return false;
    const F zz = square(j.z);
    return j.x == x * zz && j.y == y * zz * j.z;
}

// (p - 1)/3 as little-endian limbs (p = 1 mod 3).
constexpr detail::Limbs p_minus_1_over_3() {
    detail::Limbs e{};
    unsigned __int128 rem = 0;
    for (int i = kLimbs - 1; i >= 0; --i) {
        const unsigned __int128 cur = (rem << 64) | (i == 0 ? kP[0] - 1 : kP[i]);
        e.v[i] = u64(cur / 3);
        rem = cur % 3;
    }
    return e;
}

// sigma(x, y) = (beta·x, y) with beta a primitive cube root of unity: the
// endomorphism that acts on G1 as multiplication by -x^2 (Scott, "A note on
// group membership tests for G1, G2 and GT on BLS pairing-friendly curves",
// 2021). Of the two roots, the one with that eigenvalue on the generator.
const Fp& g1_endomorphism_beta();

// [-x^2]P as the scalar x^2 (128 bits) and a negation.
Jacobian<Fp> mul_by_minus_x_squared(const G1& p) {
    const unsigned __int128 xx = (unsigned __int128)kAbsX * kAbsX;
    const u64 k[2] = {u64(xx), u64(xx >> 64)};
    Jacobian<Fp> r = bn254::point_mul_limbs(Jacobian<Fp>::from(p), k, 2);
    r.y = -r.y;
    return r;
}

const Fp& g1_endomorphism_beta() {
    static const Fp beta = [] {
        constexpr detail::Limbs e = p_minus_1_over_3();
        for (u64 g = 2;; ++g) {
            const Fp w = pow(Fp::from_u64(g), e.v, kLimbs);
            if (w == Fp::one()) continue;  // g is a cube: try the next one
            const G1& gen = g1_generator();
            // w and w^2 are the two primitive roots; pick the one whose sigma is [-x^2].
            return equals_affine(mul_by_minus_x_squared(gen), w * gen.x, gen.y) ? w : square(w);
        }
    }();
    return beta;
}

// psi = untwist, Frobenius, twist: (conj(x)·cx, conj(y)·cy) with
// cx = 1/xi^((p-1)/3), cy = 1/xi^((p-1)/2); on G2 it acts as multiplication
// by x (Scott 2021, as above).
G2 psi(const G2& q) {
    static const std::array<Fp2, 6> gammas = tower_ops::frobenius_gammas(kP, Fp2{Fp::one(), Fp::one()});
    static const Fp2 cx = inverse(gammas[2]), cy = inverse(gammas[3]);
    return {conj(q.x) * cx, conj(q.y) * cy, false};
}

// Big-endian bytes of the compressed generators (IETF pairing-friendly
// curves draft, section 4.2.1; the first points of the EIP-4844 setup).
constexpr uint8_t kG1Gen[48] = {
    0x97, 0xf1, 0xd3, 0xa7, 0x31, 0x97, 0xd7, 0x94, 0x26, 0x95, 0x63, 0x8c, 0x4f, 0xa9, 0xac, 0x0f,
    0xc3, 0x68, 0x8c, 0x4f, 0x97, 0x74, 0xb9, 0x05, 0xa1, 0x4e, 0x3a, 0x3f, 0x17, 0x1b, 0xac, 0x58,
    0x6c, 0x55, 0xe8, 0x3f, 0xf9, 0x7a, 0x1a, 0xef, 0xfb, 0x3a, 0xf0, 0x0a, 0xdb, 0x22, 0xc6, 0xbb};
constexpr uint8_t kG2Gen[96] = {
    0x93, 0xe0, 0x2b, 0x60, 0x52, 0x71, 0x9f, 0x60, 0x7d, 0xac, 0xd3, 0xa0, 0x88, 0x27, 0x4f, 0x65,
    0x59, 0x6b, 0xd0, 0xd0, 0x99, 0x20, 0xb6, 0x1a, 0xb5, 0xda, 0x61, 0xbb, 0xdc, 0x7f, 0x50, 0x49,
    0x33, 0x4c, 0xf1, 0x12, 0x13, 0x94, 0x5d, 0x57, 0xe5, 0xac, 0x7d, 0x05, 0x5d, 0x04, 0x2b, 0x7e,
    0x02, 0x4a, 0xa2, 0xb2, 0xf0, 0x8f, 0x0a, 0x91, 0x26, 0x08, 0x05, 0x27, 0x2d, 0xc5, 0x10, 0x51,
    0xc6, 0xe4, 0x7a, 0xd4, 0xfa, 0x40, 0x3b, 0x02, 0xb4, 0x51, 0x0b, 0x64, 0x7a, 0xe3, 0xd1, 0x77,
    0x0b, 0xac, 0x03, 0x26, 0xa8, 0x05, 0xbb, 0xef, 0xd4, 0x80, 0x56, 0xc8, 0xc1, 0x21, 0xbd, 0xb8};

template <typename P>
P decode_constant(const uint8_t* in) {
    P p;
    decode_compressed(in, p);  // checked by the tests against the JS library
    return p;
}

}  // namespace

const Fp2& twist_b() {
    static const Fp2 b{Fp::from_u64(4), Fp::from_u64(4)};  // 4·(1 + u)
    return b;
}

const G1& g1_generator() {
    static const G1 g = decode_constant<G1>(kG1Gen);
    return g;
}

const G2& g2_generator() {
    static const G2 g = decode_constant<G2>(kG2Gen);
    return g;
}

bool on_curve(const G1& p) {
    if (p.infinity) return true;
    return square(p.y) == square(p.x) * p.x + curve_b();
}

bool on_curve(const G2& q) {
    if (q.infinity) return true;
    return square(q.y) == square(q.x) * q.x + twist_b();
}

// Both checks are Scott's: an endomorphism with a small eigenvalue on the
// order-r subgroup that no other point of the curve shares, instead of [r]P
// (a quarter and a half of the doublings). tests/evm/bls12_381_math_test.cpp
// compares them with [r]P on points in and out of the subgroup.
bool in_subgroup(const G1& p) {
    if (p.infinity) return true;
    return equals_affine(mul_by_minus_x_squared(p), g1_endomorphism_beta() * p.x, p.y);
}

bool in_subgroup(const G2& q) {
    if (q.infinity) return true;
    // psi(Q) = [x]Q = -[|x|]Q.
    Jacobian<Fp2> xq = bn254::point_mul_limbs(Jacobian<Fp2>::from(q), &kAbsX, 1);
    xq.y = -xq.y;
    const G2 pq = psi(q);
    return equals_affine(xq, pq.x, pq.y);
}

bool in_subgroup_by_order(const G1& p) {
    return p.infinity || point_mul(Jacobian<Fp>::from(p), kR).is_infinity();
}
bool in_subgroup_by_order(const G2& q) {
    return q.infinity || point_mul(Jacobian<Fp2>::from(q), kR).is_infinity();
}

bool decode_compressed(const uint8_t* in48, G1& out) {
    uint8_t x_bytes[kG1CompressedSize];
    bool infinity = false, sign = false;
    if (!read_flags(in48, kG1CompressedSize, x_bytes, infinity, sign)) return false;
    if (infinity) {
        out = G1{};
        return true;
    }
    Fp x, y;
    if (!Fp::from_be(x_bytes, x)) return false;
    if (!sqrt(square(x) * x + curve_b(), y)) return false;
    if (lexicographically_largest(y) != sign) y = -y;
    out = G1{x, y, false};
    return true;
}

bool decode_compressed(const uint8_t* in96, G2& out) {
    uint8_t x_bytes[kG2CompressedSize];
    bool infinity = false, sign = false;
    if (!read_flags(in96, kG2CompressedSize, x_bytes, infinity, sign)) return false;
    if (infinity) {
        out = G2{};
        return true;
    }
    Fp2 x, y;
    if (!Fp::from_be(x_bytes, x.c1) || !Fp::from_be(x_bytes + 48, x.c0)) return false;
    if (!sqrt(square(x) * x + twist_b(), y)) return false;
    if (lexicographically_largest(y) != sign) y = -y;
    out = G2{x, y, false};
    return true;
}

void encode_compressed(const G1& p, uint8_t* out48) {
    std::memset(out48, 0, kG1CompressedSize);
    if (p.infinity) {
        out48[0] = kCompressionFlag | kInfinityFlag;
        return;
    }
    p.x.to_be(out48);
    out48[0] |= kCompressionFlag | (lexicographically_largest(p.y) ? kSignFlag : 0);
}

void encode_compressed(const G2& q, uint8_t* out96) {
    std::memset(out96, 0, kG2CompressedSize);
    if (q.infinity) {
        out96[0] = kCompressionFlag | kInfinityFlag;
        return;
    }
    q.x.c1.to_be(out96);
    q.x.c0.to_be(out96 + 48);
    out96[0] |= kCompressionFlag | (lexicographically_largest(q.y) ? kSignFlag : 0);
}

}  // namespace suture::evm::bls12_381
