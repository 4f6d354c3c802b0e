// EIP-2537 BLS12-381 precompiles (Prague): 0x0b G1ADD, 0x0c G1MSM, 0x0d G2ADD,
// 0x0e G2MSM, 0x0f PAIRING_CHECK, 0x10 MAP_FP_TO_G1, 0x11 MAP_FP2_TO_G2.
//
// Encoding: an Fp element is 64 bytes, a big-endian integer whose top 16
// bytes are zero and whose value is below p; an Fp2 element c0 + c1·u is
// c0 ‖ c1; a G1 point is x ‖ y (128 bytes), a G2 point x ‖ y over Fp2 (256
// bytes); the point at infinity is all zeros; a scalar is 32 bytes
// big-endian, any value (not reduced modulo r). Every point must be on its
// curve; MSM and pairing inputs must also be in the order-r subgroup. Any
// invalid input, a wrong length or an empty MSM/pairing input fails the
// call (all gas consumed).
#include <algorithm>
#include <cstring>
#include <vector>

#include "evm/bls12_381_map.hpp"
#include "evm/bls12_381_pairing.hpp"
#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

namespace {

using namespace bls12_381;

constexpr size_t kFpSize = 64, kFpPadding = 16;
constexpr size_t kG1Size = 2 * kFpSize, kG2Size = 4 * kFpSize;
constexpr size_t kScalarSize = 32;
constexpr size_t kG1MsmPairSize = kG1Size + kScalarSize;  // 160
constexpr size_t kG2MsmPairSize = kG2Size + kScalarSize;  // 288
constexpr size_t kPairingPairSize = kG1Size + kG2Size;    // 384

// EIP-2537 gas schedule.
constexpr uint64_t kG1AddGas = 375, kG2AddGas = 600;
constexpr uint64_t kG1MulGas = 12000, kG2MulGas = 22500;
constexpr uint64_t kPairingBaseGas = 37700, kPairingPerPairGas = 32600;
constexpr uint64_t kMapG1Gas = 5500, kMapG2Gas = 23800;
constexpr uint64_t kMsmMultiplier = 1000;

// The MSM discounts for k = 1..128 pairs (k above 128 uses the last entry).
constexpr uint16_t kG1Discount[128] = {
    1000, 949, 848, 797, 764, 750, 738, 728, 719, 712, 705, 698, 692, 687, 682, 677, 673, 669, 665,
    661,  658, 654, 651, 648, 645, 642, 640, 637, 635, 632, 630, 627, 625, 623, 621, 619, 617, 615,
    613,  611, 609, 608, 606, 604, 603, 601, 599, 598, 596, 595, 593, 592, 591, 589, 588, 586, 585,
    584,  582, 581, 580, 579, 577, 576, 575, 574, 573, 572, 570, 569, 568, 567, 566, 565, 564, 563,
    562,  561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 551, 550, 549, 548, 547, 547, 546, 545,
    544,  543, 542, 541, 540, 540, 539, 538, 537, 536, 536, 535, 534, 533, 532, 532, 531, 530, 529,
    528,  528, 527, 526, 525, 525, 524, 523, 522, 522, 521, 520, 520, 519};
constexpr uint16_t kG2Discount[128] = {
    1000, 1000, 923, 884, 855, 832, 812, 796, 782, 770, 759, 749, 740, 732, 724, 717, 711, 704,
    699,  693,  688, 683, 679, 674, 670, 666, 663, 659, 655, 652, 649, 646, 643, 640, 637, 634, 632,
    629,  627,  624, 622, 620, 618, 615, 613, 611, 609, 607, 606, 604, 602, 600, 598, 597, 595, 593,
    592,  590,  589, 587, 586, 584, 583, 582, 580, 579, 578, 576, 575, 574, 573, 571, 570, 569, 568,
    567,  566,  565, 563, 562, 561, 560, 559, 558, 557, 556, 555, 554, 553, 552, 552, 551, 550, 549,
    548,  547,  546, 545, 545, 544, 543, 542, 541, 541, 540, 539, 538, 537, 537, 536, 535, 535, 534,
    533,  532,  532, 531, 530, 530, 529, 528, 528, 527, 526, 526, 525, 524, 524};

uint64_t msm_gas(size_t input_size, size_t pair_size, const uint16_t (&discount)[128], uint64_t mul_gas) {
    const uint64_t k = input_size / pair_size;
    if (k == 0) return 0;  // invalid input: the call fails anyway
    const uint64_t d = discount[std::min<uint64_t>(k, 128) - 1];
    // k is below 2^40 for any input that fits in memory, so this cannot overflow.
    return k * mul_gas * d / kMsmMultiplier;
}

bool all_zero(const uint8_t* p, size_t n) {
    return std::all_of(p, p + n, [](uint8_t b) { return b == 0; });
}

bool read_fp(const uint8_t* in64, Fp& out) {
    return all_zero(in64, kFpPadding) && Fp::from_be(in64 + kFpPadding, out);
}

bool read_fp2(const uint8_t* in128, Fp2& out) {
    return read_fp(in128, out.c0) && read_fp(in128 + kFpSize, out.c1);
}

// A point on its curve, or the all-zero point at infinity; with `subgroup`
// also of order r.
bool read_g1(const uint8_t* in, bool subgroup, G1& out) {
    out = G1{};
    if (!read_fp(in, out.x) || !read_fp(in + kFpSize, out.y)) return false;
    if (out.x.is_zero() && out.y.is_zero()) return true;
    out.infinity = false;
    return on_curve(out) && (!subgroup || in_subgroup(out));
}

bool read_g2(const uint8_t* in, bool subgroup, G2& out) {
    out = G2{};
    if (!read_fp2(in, out.x) || !read_fp2(in + 2 * kFpSize, out.y)) return false;
    if (out.x.is_zero() && out.y.is_zero()) return true;
    out.infinity = false;
    return on_curve(out) && (!subgroup || in_subgroup(out));
}

void write_fp(const Fp& a, uint8_t* out64) {
    std::memset(out64, 0, kFpPadding);
    a.to_be(out64 + kFpPadding);
}

Output encode(const G1& p) {
    Bytes out(kG1Size, 0);
    if (!p.infinity) {
        write_fp(p.x, out.data());
        write_fp(p.y, out.data() + kFpSize);
    }
    return result(std::move(out));
}

Output encode(const G2& q) {
    Bytes out(kG2Size, 0);
    if (!q.infinity) {
        write_fp(q.x.c0, out.data());
        write_fp(q.x.c1, out.data() + kFpSize);
        write_fp(q.y.c0, out.data() + 2 * kFpSize);
        write_fp(q.y.c1, out.data() + 3 * kFpSize);
    }
    return result(std::move(out));
}

void read_scalar(const uint8_t* in32, u64 k[4]) {
    for (int i = 0; i < 4; ++i) {
        u64 w = 0;
        for (int j = 0; j < 8; ++j) w = (w << 8) | in32[(3 - i) * 8 + j];
        k[i] = w;
    }
}

template <typename Point, size_t PointSize>
Output add(BytesView input, bool (*read)(const uint8_t*, bool, Point&)) {
    if (input.size() != 2 * PointSize) return invalid_input();
    Point a, b;
    // EIP-2537: ADD checks that the points are on the curve, not the subgroup.
    if (!read(input.data(), false, a) || !read(input.data() + PointSize, false, b)) return invalid_input();
    using F = decltype(a.x);
    return encode(to_affine(point_add(Jacobian<F>::from(a), Jacobian<F>::from(b))));
}

// Sum of k_i·P_i over the (point, scalar) pairs, every point in the subgroup.
template <typename Point, size_t PointSize>
Output msm(BytesView input, bool (*read)(const uint8_t*, bool, Point&)) {
    constexpr size_t pair_size = PointSize + kScalarSize;
    if (input.empty() || input.size() % pair_size != 0) return invalid_input();
    const size_t n = input.size() / pair_size;
    std::vector<Point> points(n);
    std::vector<u64> scalars(4 * n);
    for (size_t i = 0; i < n; ++i) {
        const uint8_t* pair = input.data() + i * pair_size;
        if (!read(pair, true, points[i])) return invalid_input();
        read_scalar(pair + PointSize, scalars.data() + 4 * i);
    }
    return encode(to_affine(bn254::multi_scalar_mul(points.data(), scalars.data(), n)));
}

}  // namespace

uint64_t bls12_g1add_gas(Revision, BytesView) { return kG1AddGas; }
Output bls12_g1add(Revision, BytesView input) { return add<G1, kG1Size>(input, read_g1); }

uint64_t bls12_g2add_gas(Revision, BytesView) { return kG2AddGas; }
Output bls12_g2add(Revision, BytesView input) { return add<G2, kG2Size>(input, read_g2); }

uint64_t bls12_g1msm_gas(Revision, BytesView input) {
    return msm_gas(input.size(), kG1MsmPairSize, kG1Discount, kG1MulGas);
}
Output bls12_g1msm(Revision, BytesView input) { return msm<G1, kG1Size>(input, read_g1); }

uint64_t bls12_g2msm_gas(Revision, BytesView input) {
    return msm_gas(input.size(), kG2MsmPairSize, kG2Discount, kG2MulGas);
}
Output bls12_g2msm(Revision, BytesView input) { return msm<G2, kG2Size>(input, read_g2); }

uint64_t bls12_pairing_gas(Revision, BytesView input) {
    return kPairingBaseGas + kPairingPerPairGas * (input.size() / kPairingPairSize);
}
Output bls12_pairing(Revision, BytesView input) {
    if (input.empty() || input.size() % kPairingPairSize != 0) return invalid_input();
    std::vector<std::pair<G1, G2>> pairs(input.size() / kPairingPairSize);
    for (size_t i = 0; i < pairs.size(); ++i) {
        const uint8_t* p = input.data() + i * kPairingPairSize;
        if (!read_g1(p, true, pairs[i].first) || !read_g2(p + kG1Size, true, pairs[i].second)) {
            return invalid_input();
        }
    }
    Bytes out(32, 0);
    out[31] = pairing_check(pairs) ? 1 : 0;
    return result(std::move(out));
}

uint64_t bls12_map_fp_to_g1_gas(Revision, BytesView) { return kMapG1Gas; }
Output bls12_map_fp_to_g1(Revision, BytesView input) {
    Fp u;
    if (input.size() != kFpSize || !read_fp(input.data(), u)) return invalid_input();
    return encode(map_to_g1(u));
}

uint64_t bls12_map_fp2_to_g2_gas(Revision, BytesView) { return kMapG2Gas; }
Output bls12_map_fp2_to_g2(Revision, BytesView input) {
    Fp2 u;
    if (input.size() != 2 * kFpSize || !read_fp2(input.data(), u)) return invalid_input();
    return encode(map_to_g2(u));
}

}  // namespace suture::evm::precompile
