// Points of bn254's G1 (y^2 = x^3 + 3 over Fp) and of the twist carrying G2
// (y^2 = x^3 + 3/xi over Fp2). The group law is the same short-Weierstrass
// law with a = 0 on both, so it is written once over the coordinate field F.
#pragma once

#include <algorithm>
#include <vector>

#include "evm/bn254_tower.hpp"

namespace suture::evm::bn254 {

template <typename F>
struct Affine {
    F x, y;
    bool infinity = true;
};

// Jacobian coordinates (X/Z^2, Y/Z^3); Z = 0 is the point at infinity.
template <typename F>
struct Jacobian {
    F x, y, z;

    static Jacobian infinity() { return {F::one(), F::one(), F::zero()}; }
    static Jacobian from(const Affine<F>& a) {
        return a.infinity ? infinity() : Jacobian{a.x, a.y, F::one()};
    }
    bool is_infinity() const { return z.is_zero(); }
};

// dbl-2009-l (a = 0): 2 products and 5 squarings.
template <typename F>
Jacobian<F> point_double(const Jacobian<F>& p) {
    if (p.is_infinity() || p.y.is_zero()) return Jacobian<F>::infinity();
    const F A = square(p.x), B = square(p.y), C = square(B);
    const F D = dbl(square(p.x + B) - A - C);
    const F E = dbl(A) + A;
    const F X3 = square(E) - dbl(D);
    const F C8 = dbl(dbl(dbl(C)));
    return {X3, E * (D - X3) - C8, dbl(p.y * p.z)};
}

// add-2007-bl, with the doubling and inverse-point cases handled.
template <typename F>
Jacobian<F> point_add(const Jacobian<F>& p, const Jacobian<F>& q) {
    if (p.is_infinity()) return q;
    if (q.is_infinity()) return p;
    const F z1z1 = square(p.z), z2z2 = square(q.z);
    const F u1 = p.x * z2z2, u2 = q.x * z1z1;
    const F s1 = p.y * q.z * z2z2, s2 = q.y * p.z * z1z1;
    const F h = u2 - u1;
    const F r = dbl(s2 - s1);
    if (h.is_zero()) {
        if (r.is_zero()) return point_double(p);
        return Jacobian<F>::infinity();  // q = -p
    }
    const F i = square(dbl(h));
    const F j = h * i;
    const F v = u1 * i;
    const F x3 = square(r) - j - dbl(v);
    const F y3 = r * (v - x3) - dbl(s1 * j);
    const F z3 = (square(p.z + q.z) - z1z1 - z2z2) * h;
    return {x3, y3, z3};
}

// k·p for a scalar of n little-endian limbs (double and add from the top
// set bit; the precompiles handle public data, so no constant-time
// requirement). Any length: BLS12-381's G2 cofactor clearing uses 636 bits.
template <typename F>
Jacobian<F> point_mul_limbs(const Jacobian<F>& p, const u64* k, int n) {
    Jacobian<F> r = Jacobian<F>::infinity();
    bool started = false;
    for (int i = n - 1; i >= 0; --i) {
        for (int b = 63; b >= 0; --b) {
            if (started) r = point_double(r);
            if ((k[i] >> b) & 1) {
                r = started ? point_add(r, p) : p;
                started = true;
            }
        }
    }
    return r;
}

// k·p for a 256-bit scalar given as little-endian limbs.
template <typename F>
Jacobian<F> point_mul(const Jacobian<F>& p, const u64 k[4]) {
    return point_mul_limbs(p, k, 4);
}

// sum of k_i·P_i for 256-bit scalars, k_i = scalars[4i .. 4i+3] (little-endian
// limbs): Pippenger's
// bucket method, which for n points costs about (256/c)·(n + 2^(c+1))
// additions with c ~ log2(n), instead of n·(256 doublings + 128 additions).
// A single point is a plain double-and-add.
template <typename F>
Jacobian<F> multi_scalar_mul(const Affine<F>* points, const u64* scalars, size_t n) {
    if (n == 0) return Jacobian<F>::infinity();
    if (n == 1) return point_mul(Jacobian<F>::from(points[0]), scalars);
    int c = 2;
    while (c < 16 && (size_t(1) << (c + 1)) <= n) ++c;
    const int windows = (256 + c - 1) / c;
    const auto digit = [c](const u64* k, int bit) {
        const int limb = bit / 64, off = bit % 64;
        u64 v = k[limb] >> off;
        if (off + c > 64 && limb + 1 < 4) v |= k[limb + 1] << (64 - off);
        return size_t(v & ((u64(1) << c) - 1));
    };
    std::vector<Jacobian<F>> buckets(size_t(1) << c);
    Jacobian<F> acc = Jacobian<F>::infinity();
    for (int w = windows - 1; w >= 0; --w) {
        for (int i = 0; i < c; ++i) acc = point_double(acc);
        std::fill(buckets.begin(), buckets.end(), Jacobian<F>::infinity());
        for (size_t i = 0; i < n; ++i) {
            if (points[i].infinity) continue;
            const size_t d = digit(scalars + 4 * i, w * c);
            if (d != 0) buckets[d] = point_add(buckets[d], Jacobian<F>::from(points[i]));
        }
        // sum over d of d·bucket[d], as a running sum from the top bucket down.
        Jacobian<F> running = Jacobian<F>::infinity(), window_sum = Jacobian<F>::infinity();
        for (size_t d = buckets.size() - 1; d >= 1; --d) {
            running = point_add(running, buckets[d]);
            window_sum = point_add(window_sum, running);
        }
        acc = point_add(acc, window_sum);
    }
    return acc;
}

template <typename F>
Affine<F> to_affine(const Jacobian<F>& p) {
    if (p.is_infinity()) return {};
    const F zi = inverse(p.z);
    const F zi2 = square(zi);
    return {p.x * zi2, p.y * zi2 * zi, false};
}

using G1 = Affine<Fp>;
using G2 = Affine<Fp2>;

// b' = 3/xi, the constant term of the twist.
const Fp2& twist_b();

// Curve membership of affine points (the point at infinity is on both curves).
bool on_curve(const G1& p);
bool on_curve(const G2& q);
// q has order r (the twist has a large cofactor, so being on the curve is not enough).
bool in_g2_subgroup(const G2& q);

// The p-power Frobenius carried to the twist (untwist, Frobenius, twist):
// (conj(x)·xi^((p-1)/3), conj(y)·xi^((p-1)/2)). On G2 it is multiplication by p.
G2 twist_frobenius(const G2& q);

// The group order r of G1 and G2, little-endian limbs.
inline constexpr u64 kR[4] = {0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d,
                              0x30644e72e131a029};

}  // namespace suture::evm::bn254
