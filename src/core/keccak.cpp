// Keccak-f[1600] and Keccak-256 (FIPS 202 permutation, original Keccak padding).
//
// Why hand-written: the permutation is small, and keeping the 25 lanes in named
// locals with fully unrolled steps lets the compiler hold the state in registers
// (bench/bench_keccak.cpp compares it with OpenSSL's SHA3-256).
#include "core/keccak.hpp"

#include <bit>
#include <cstring>

namespace suture {
namespace {

// FIPS 202 section 3.2.5: round constants of the iota step.
constexpr uint64_t kRoundConstants[24] = {
    0x0000000000000001, 0x0000000000008082, 0x800000000000808a, 0x8000000080008000,
    0x000000000000808b, 0x0000000080000001, 0x8000000080008081, 0x8000000000008009,
    0x000000000000008a, 0x0000000000000088, 0x0000000080008009, 0x000000008000000a,
    0x000000008000808b, 0x800000000000008b, 0x8000000000008089, 0x8000000000008003,
    0x8000000000008002, 0x8000000000000080, 0x000000000000800a, 0x800000008000000a,
    0x8000000080008081, 0x8000000000008080, 0x0000000080000001, 0x8000000080008008,
};

constexpr size_t kRate = 136;  // Keccak-256: 1600 - 2*256 bits of capacity

inline uint64_t rotl(uint64_t v, int n) { return std::rotl(v, n); }

inline uint64_t load_le64(const uint8_t* p) {
    uint64_t v;
    std::memcpy(&v, p, 8);
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    return v;
}

inline void store_le64(uint8_t* p, uint64_t v) {
    if constexpr (std::endian::native == std::endian::big) v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
}

void absorb_block(uint64_t state[25], const uint8_t* block) {
    for (size_t i = 0; i < kRate / 8; ++i) state[i] ^= load_le64(block + 8 * i);
    keccakf1600(state);
}

}  // namespace

// Lane (x, y) lives in state[x + 5y] and in the local aXY. One round is
// theta, then rho and pi fused (b[y][2x+3y] = rotl(a[x][y] ^ d[x], r[x][y])),
// then chi row by row, then iota.
void keccakf1600(uint64_t state[25]) {
    uint64_t a00 = state[0], a10 = state[1], a20 = state[2], a30 = state[3], a40 = state[4];
    uint64_t a01 = state[5], a11 = state[6], a21 = state[7], a31 = state[8], a41 = state[9];
    uint64_t a02 = state[10], a12 = state[11], a22 = state[12], a32 = state[13], a42 = state[14];
    uint64_t a03 = state[15], a13 = state[16], a23 = state[17], a33 = state[18], a43 = state[19];
    uint64_t a04 = state[20], a14 = state[21], a24 = state[22], a34 = state[23], a44 = state[24];

#pragma GCC unroll 4
    for (int round = 0; round < 24; ++round) {
        // theta
        const uint64_t c0 = a00 ^ a01 ^ a02 ^ a03 ^ a04;
        const uint64_t c1 = a10 ^ a11 ^ a12 ^ a13 ^ a14;
        const uint64_t c2 = a20 ^ a21 ^ a22 ^ a23 ^ a24;
        const uint64_t c3 = a30 ^ a31 ^ a32 ^ a33 ^ a34;
        const uint64_t c4 = a40 ^ a41 ^ a42 ^ a43 ^ a44;
        const uint64_t d0 = c4 ^ rotl(c1, 1);
        const uint64_t d1 = c0 ^ rotl(c2, 1);
        const uint64_t d2 = c1 ^ rotl(c3, 1);
        const uint64_t d3 = c2 ^ rotl(c4, 1);
        const uint64_t d4 = c3 ^ rotl(c0, 1);

        // rho + pi (offsets: FIPS 202 table 2)
        const uint64_t b00 = a00 ^ d0;
        const uint64_t b02 = rotl(a10 ^ d1, 1);
        const uint64_t b04 = rotl(a20 ^ d2, 62);
        const uint64_t b01 = rotl(a30 ^ d3, 28);
        const uint64_t b03 = rotl(a40 ^ d4, 27);
        const uint64_t b13 = rotl(a01 ^ d0, 36);
        const uint64_t b10 = rotl(a11 ^ d1, 44);
        const uint64_t b12 = rotl(a21 ^ d2, 6);
        const uint64_t b14 = rotl(a31 ^ d3, 55);
        const uint64_t b11 = rotl(a41 ^ d4, 20);
        const uint64_t b21 = rotl(a02 ^ d0, 3);
        const uint64_t b23 = rotl(a12 ^ d1, 10);
        const uint64_t b20 = rotl(a22 ^ d2, 43);
        const uint64_t b22 = rotl(a32 ^ d3, 25);
        const uint64_t b24 = rotl(a42 ^ d4, 39);
        const uint64_t b34 = rotl(a03 ^ d0, 41);
        const uint64_t b31 = rotl(a13 ^ d1, 45);
        const uint64_t b33 = rotl(a23 ^ d2, 15);
        const uint64_t b30 = rotl(a33 ^ d3, 21);
        const uint64_t b32 = rotl(a43 ^ d4, 8);
        const uint64_t b42 = rotl(a04 ^ d0, 18);
        const uint64_t b44 = rotl(a14 ^ d1, 2);
        const uint64_t b41 = rotl(a24 ^ d2, 61);
        const uint64_t b43 = rotl(a34 ^ d3, 56);
        const uint64_t b40 = rotl(a44 ^ d4, 14);

        // chi: a[x][y] = b[x][y] ^ (~b[x+1][y] & b[x+2][y])
        a00 = b00 ^ (~b10 & b20);
        a10 = b10 ^ (~b20 & b30);
        a20 = b20 ^ (~b30 & b40);
        a30 = b30 ^ (~b40 & b00);
        a40 = b40 ^ (~b00 & b10);
        a01 = b01 ^ (~b11 & b21);
        a11 = b11 ^ (~b21 & b31);
        a21 = b21 ^ (~b31 & b41);
        a31 = b31 ^ (~b41 & b01);
        a41 = b41 ^ (~b01 & b11);
        a02 = b02 ^ (~b12 & b22);
        a12 = b12 ^ (~b22 & b32);
        a22 = b22 ^ (~b32 & b42);
        a32 = b32 ^ (~b42 & b02);
        a42 = b42 ^ (~b02 & b12);
        a03 = b03 ^ (~b13 & b23);
        a13 = b13 ^ (~b23 & b33);
        a23 = b23 ^ (~b33 & b43);
        a33 = b33 ^ (~b43 & b03);
        a43 = b43 ^ (~b03 & b13);
        a04 = b04 ^ (~b14 & b24);
        a14 = b14 ^ (~b24 & b34);
        a24 = b24 ^ (~b34 & b44);
        a34 = b34 ^ (~b44 & b04);
        a44 = b44 ^ (~b04 & b14);

        // iota
        a00 ^= kRoundConstants[round];
    }

    state[0] = a00; state[1] = a10; state[2] = a20; state[3] = a30; state[4] = a40;
    state[5] = a01; state[6] = a11; state[7] = a21; state[8] = a31; state[9] = a41;
    state[10] = a02; state[11] = a12; state[12] = a22; state[13] = a32; state[14] = a42;
    state[15] = a03; state[16] = a13; state[17] = a23; state[18] = a33; state[19] = a43;
    state[20] = a04; state[21] = a14; state[22] = a24; state[23] = a34; state[24] = a44;
}

Bytes32 keccak256(BytesView data) {
    uint64_t state[25] = {};
    const uint8_t* p = data.data();
    size_t n = data.size();
    for (; n >= kRate; n -= kRate, p += kRate) absorb_block(state, p);

    // Original Keccak multi-rate padding pad10*1 with domain bits 0x01 (not
    // SHA-3's 0x06): Ethereum fixed Keccak-256 before FIPS 202 was final.
    uint8_t last[kRate] = {};
    if (n) std::memcpy(last, p, n);
    last[n] ^= 0x01;
    last[kRate - 1] ^= 0x80;
    absorb_block(state, last);

    Bytes32 out;
    for (size_t i = 0; i < 4; ++i) store_le64(out.data() + 8 * i, state[i]);
    return out;
}

}  // namespace suture
