// 0x0a KZG point evaluation (EIP-4844, Cancun): checks that the polynomial
// committed to by `commitment` takes the value y at z, with `proof` the KZG
// opening proof, against the mainnet trusted setup.
//
// Input (exactly 192 bytes): versioned_hash (32) ‖ z (32) ‖ y (32) ‖
// commitment (48) ‖ proof (48). Valid when versioned_hash = 0x01 ‖
// sha256(commitment)[1:], z and y are below the BLS scalar field modulus r,
// commitment and proof are compressed G1 points in the order-r subgroup, and
//   e(proof, [s]_2 - [z]_2) = e(commitment - [y]_1, G2).
// Output: FIELD_ELEMENTS_PER_BLOB (4096) and r as 32-byte big-endian words.
#include <cstring>
#include <utility>

#include "evm/bls12_381_pairing.hpp"
#include "evm/precompile_digest.hpp"
#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

namespace {

using namespace bls12_381;

constexpr size_t kInputSize = 192;
constexpr uint8_t kVersionedHashVersionKzg = 0x01;
constexpr uint64_t kPointEvaluationGas = 50000;
constexpr uint64_t kFieldElementsPerBlob = 4096;

// [s]_2, the second G2 point of the mainnet KZG ceremony's monomial setup,
// compressed: KZG_SETUP_G2_MONOMIAL_1 in ethereum/execution-specs
// src/ethereum/crypto/kzg.py (also g2_monomial[1] of the consensus specs'
// presets/mainnet/trusted_setups/trusted_setup_4096.json).
constexpr uint8_t kSetupG2Monomial1[96] = {
    0xb5, 0xbf, 0xd7, 0xdd, 0x8c, 0xde, 0xb1, 0x28, 0x84, 0x3b, 0xc2, 0x87, 0x23, 0x0a, 0xf3, 0x89,
    0x26, 0x18, 0x70, 0x75, 0xcb, 0xfb, 0xef, 0xa8, 0x10, 0x09, 0xa2, 0xce, 0x61, 0x5a, 0xc5, 0x3d,
    0x29, 0x14, 0xe5, 0x87, 0x0c, 0xb4, 0x52, 0xd2, 0xaf, 0xaa, 0xab, 0x24, 0xf3, 0x49, 0x9f, 0x72,
    0x18, 0x5c, 0xbf, 0xee, 0x53, 0x49, 0x27, 0x14, 0x73, 0x44, 0x29, 0xb7, 0xb3, 0x86, 0x08, 0xe2,
    0x39, 0x26, 0xc9, 0x11, 0xcc, 0xec, 0xea, 0xc9, 0xa3, 0x68, 0x51, 0x47, 0x7b, 0xa4, 0xc6, 0x0b,
    0x08, 0x70, 0x41, 0xde, 0x62, 0x10, 0x00, 0xed, 0xc9, 0x8e, 0xda, 0xda, 0x20, 0xc1, 0xde, 0xf2};

const G2& setup_g2() {
    static const G2 s2 = [] {
        G2 q;
        decode_compressed(kSetupG2Monomial1, q);  // a fixed valid point (checked by the tests)
        return q;
    }();
    return s2;
}

// A 32-byte big-endian integer as little-endian limbs; false when not below r.
bool read_scalar(const uint8_t* in32, u64 out[4]) {
    for (int i = 0; i < 4; ++i) {
        u64 w = 0;
        for (int j = 0; j < 8; ++j) w = (w << 8) | in32[(3 - i) * 8 + j];
        out[i] = w;
    }
    for (int i = 3; i >= 0; --i) {
        if (out[i] != kR[i]) return out[i] < kR[i];
    }
    return false;
}

bool decode_kzg_point(const uint8_t* in48, G1& out) {
    return decode_compressed(in48, out) && in_subgroup(out);
}

void write_be64(uint64_t v, uint8_t* out32) {
    std::memset(out32, 0, 32);
    for (int i = 0; i < 8; ++i) out32[31 - i] = uint8_t(v >> (8 * i));
}

}  // namespace

uint64_t point_evaluation_gas(Revision, BytesView) { return kPointEvaluationGas; }

Output point_evaluation(Revision, BytesView input) {
    if (input.size() != kInputSize) return invalid_input();
    const uint8_t* versioned_hash = input.data();
    const uint8_t* commitment_bytes = input.data() + 96;
    const uint8_t* proof_bytes = input.data() + 144;

    const Output digest = evp_digest("SHA256", BytesView(commitment_bytes, 48), 0);
    if (!digest.error.empty()) return digest;
    if (versioned_hash[0] != kVersionedHashVersionKzg ||
        std::memcmp(versioned_hash + 1, digest.data.data() + 1, 31) != 0) {
        return invalid_input();
    }
    u64 z[4], y[4];
    if (!read_scalar(input.data() + 32, z) || !read_scalar(input.data() + 64, y)) return invalid_input();
    G1 commitment, proof;
    if (!decode_kzg_point(commitment_bytes, commitment) || !decode_kzg_point(proof_bytes, proof)) {
        return invalid_input();
    }

    // e(proof, [s - z]_2) · e(commitment - [y]_1, -G2) = 1.
    G1 neg_g1 = g1_generator();
    neg_g1.y = -neg_g1.y;
    G2 neg_g2 = g2_generator();
    neg_g2.y = -neg_g2.y;
    const Jacobian<Fp2> s_minus_z =
        point_add(Jacobian<Fp2>::from(setup_g2()), point_mul(Jacobian<Fp2>::from(neg_g2), z));
    const Jacobian<Fp> c_minus_y =
        point_add(Jacobian<Fp>::from(commitment), point_mul(Jacobian<Fp>::from(neg_g1), y));
    const std::pair<G1, G2> pairs[2] = {{proof, to_affine(s_minus_z)}, {to_affine(c_minus_y), neg_g2}};
    if (!pairing_check(pairs)) return invalid_input();

    Bytes out(64, 0);
    write_be64(kFieldElementsPerBlob, out.data());
    for (int i = 0; i < 4; ++i) {
        for (int j = 0; j < 8; ++j) out[32 + (3 - i) * 8 + j] = uint8_t(kR[i] >> (56 - 8 * j));
    }
    return result(std::move(out));
}

}  // namespace suture::evm::precompile
