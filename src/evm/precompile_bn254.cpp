// 0x06 bn254 add, 0x07 bn254 mul (EIP-196) and 0x08 bn254 pairing check
// (EIP-197), priced by EIP-1108 from Istanbul.
//
// Encoding: an Fp element is a 32-byte big-endian integer that must be below
// p; a G1 point is (x, y); a G2 point is (x, y) over Fp2 with each coordinate
// written imaginary part first; all-zero coordinates denote the point at
// infinity. Any invalid point makes the call fail.
#include <vector>

#include "evm/bn254_pairing.hpp"
#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

namespace {

using namespace bn254;

bool all_zero(const uint8_t* p, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        if (p[i] != 0) return false;
    }
    return true;
}

bool decode_g1(const uint8_t* in64, G1& out) {
    if (all_zero(in64, 64)) {
        out = G1{};
        return true;
    }
    out.infinity = false;
    return Fp::from_be(in64, out.x) && Fp::from_be(in64 + 32, out.y) && on_curve(out);
}

bool decode_g2(const uint8_t* in128, G2& out) {
    if (all_zero(in128, 128)) {
        out = G2{};
        return true;
    }
    out.infinity = false;
    return Fp::from_be(in128, out.x.c1) && Fp::from_be(in128 + 32, out.x.c0) &&
           Fp::from_be(in128 + 64, out.y.c1) && Fp::from_be(in128 + 96, out.y.c0) && on_curve(out) &&
           in_g2_subgroup(out);
}

Output encode_g1(const Jacobian<Fp>& p) {
    Output out;
    out.data.assign(64, 0);
    const G1 a = to_affine(p);
    if (!a.infinity) {
        a.x.to_be(out.data.data());
        a.y.to_be(out.data.data() + 32);
    }
    return out;
}

constexpr size_t kPairSize = 192;  // G1 (64 bytes) + G2 (128 bytes)

}  // namespace

// EIP-1108 (Istanbul) lowered the EIP-196/197 prices.
uint64_t bn254_add_gas(Revision rev, BytesView) { return rev >= Revision::istanbul ? 150 : 500; }
uint64_t bn254_mul_gas(Revision rev, BytesView) { return rev >= Revision::istanbul ? 6000 : 40000; }
uint64_t bn254_pairing_gas(Revision rev, BytesView input) {
    const uint64_t pairs = input.size() / kPairSize;
    return rev >= Revision::istanbul ? 45000 + 34000 * pairs : 100000 + 80000 * pairs;
}

Output bn254_add(Revision, BytesView input) {
    uint8_t in[128];
    read_padded(input, 0, in, sizeof in);
    G1 a, b;
    if (!decode_g1(in, a) || !decode_g1(in + 64, b)) return invalid_input();
    return encode_g1(point_add(Jacobian<Fp>::from(a), Jacobian<Fp>::from(b)));
}

Output bn254_mul(Revision, BytesView input) {
    uint8_t in[96];
    read_padded(input, 0, in, sizeof in);
    G1 a;
    if (!decode_g1(in, a)) return invalid_input();
    // The scalar is any 256-bit integer (not reduced modulo r).
    u64 k[4];
    for (int i = 0; i < 4; ++i) {
        u64 w = 0;
        for (int j = 0; j < 8; ++j) w = (w << 8) | in[64 + (3 - i) * 8 + j];
        k[i] = w;
    }
    return encode_g1(point_mul(Jacobian<Fp>::from(a), k));
}

Output bn254_pairing(Revision, BytesView input) {
    if (input.size() % kPairSize != 0) return invalid_input();
    std::vector<std::pair<G1, G2>> pairs(input.size() / kPairSize);
    for (size_t i = 0; i < pairs.size(); ++i) {
        const uint8_t* p = input.data() + i * kPairSize;
        if (!decode_g1(p, pairs[i].first) || !decode_g2(p + 64, pairs[i].second)) return invalid_input();
    }
    Output out;
    out.data.assign(32, 0);
    // The empty product is 1, so an empty input succeeds with 1.
    out.data[31] = pairing_check(pairs) ? 1 : 0;
    return out;
}

}  // namespace suture::evm::precompile
