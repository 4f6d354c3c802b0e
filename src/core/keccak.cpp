// Keccak-f[1600] and Keccak-256 (FIPS 202 permutation, original Keccak padding).
//
// Why hand-written: OpenSSL 3.0 (our crypto dependency) offers SHA3-256 but not
// Keccak-256 with Ethereum's padding, and the permutation is small. Lanes are
// named locals and every step is unrolled so the compiler keeps them in
// registers; bench/bench_keccak.cpp compares the speed with OpenSSL's SHA3-256
// (same permutation and rate).
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

// One round from lanes A (aXY: lane (x, y)) into lanes E. Theta; then for each
// output row y the five lanes rho and pi bring there,
// b[y'][2x'+3y'] = rotl(a[x'][y'] ^ d[x'], r[x'][y']); then chi on that row and
// iota. Producing the new state row by row keeps few temporaries alive, so the
// compiler spills less than with a full 25-lane intermediate.
//
// Lane complementing ("Keccak implementation overview" v3.2, section 2.2):
// lanes (1,0) (2,0) (3,1) (2,2) (2,3) (0,4) are held complemented during the
// rounds. Theta, rho, pi and iota commute with that; chi then needs 8 NOTs
// instead of 25, with AND or OR per lane chosen (by truth table) so that every
// round leaves the same six lanes complemented.
#define KECCAK_ROUND(A, E, round) \
    do { \
        const uint64_t c0 = A##00 ^ A##01 ^ A##02 ^ A##03 ^ A##04; \
        const uint64_t c1 = A##10 ^ A##11 ^ A##12 ^ A##13 ^ A##14; \
        const uint64_t c2 = A##20 ^ A##21 ^ A##22 ^ A##23 ^ A##24; \
        const uint64_t c3 = A##30 ^ A##31 ^ A##32 ^ A##33 ^ A##34; \
        const uint64_t c4 = A##40 ^ A##41 ^ A##42 ^ A##43 ^ A##44; \
        const uint64_t d0 = c4 ^ rotl(c1, 1); \
        const uint64_t d1 = c0 ^ rotl(c2, 1); \
        const uint64_t d2 = c1 ^ rotl(c3, 1); \
        const uint64_t d3 = c2 ^ rotl(c4, 1); \
        const uint64_t d4 = c3 ^ rotl(c0, 1); \
        const uint64_t b00 = A##00 ^ d0; \
        const uint64_t b10 = rotl(A##11 ^ d1, 44); \
        const uint64_t b20 = rotl(A##22 ^ d2, 43); \
        const uint64_t b30 = rotl(A##33 ^ d3, 21); \
        const uint64_t b40 = rotl(A##44 ^ d4, 14); \
        E##00 = b00 ^ (b10 | b20); \
        E##10 = b10 ^ (~b20 | b30); \
        E##20 = b20 ^ (b30 & b40); \
        E##30 = b30 ^ (b40 | b00); \
        E##40 = b40 ^ (b00 & b10); \
        const uint64_t b01 = rotl(A##30 ^ d3, 28); \
        const uint64_t b11 = rotl(A##41 ^ d4, 20); \
        const uint64_t b21 = rotl(A##02 ^ d0, 3); \
        const uint64_t b31 = rotl(A##13 ^ d1, 45); \
        const uint64_t b41 = rotl(A##24 ^ d2, 61); \
        E##01 = b01 ^ (b11 | b21); \
        E##11 = b11 ^ (b21 & b31); \
        E##21 = b21 ^ (b31 | ~b41); \
        E##31 = b31 ^ (b41 | b01); \
        E##41 = b41 ^ (b01 & b11); \
        const uint64_t b02 = rotl(A##10 ^ d1, 1); \
        const uint64_t b12 = rotl(A##21 ^ d2, 6); \
        const uint64_t b22 = rotl(A##32 ^ d3, 25); \
        const uint64_t b32 = rotl(A##43 ^ d4, 8); \
        const uint64_t b42 = rotl(A##04 ^ d0, 18); \
        E##02 = b02 ^ (b12 | b22); \
        E##12 = b12 ^ (b22 & b32); \
        E##22 = b22 ^ (~b32 & b42); \
        E##32 = ~b32 ^ (b42 | b02); \
        E##42 = b42 ^ (b02 & b12); \
        const uint64_t b03 = rotl(A##40 ^ d4, 27); \
        const uint64_t b13 = rotl(A##01 ^ d0, 36); \
        const uint64_t b23 = rotl(A##12 ^ d1, 10); \
        const uint64_t b33 = rotl(A##23 ^ d2, 15); \
        const uint64_t b43 = rotl(A##34 ^ d3, 56); \
        E##03 = b03 ^ (b13 & b23); \
        E##13 = b13 ^ (b23 | b33); \
        E##23 = b23 ^ (~b33 | b43); \
        E##33 = ~b33 ^ (b43 & b03); \
        E##43 = b43 ^ (b03 | b13); \
        const uint64_t b04 = rotl(A##20 ^ d2, 62); \
        const uint64_t b14 = rotl(A##31 ^ d3, 55); \
        const uint64_t b24 = rotl(A##42 ^ d4, 39); \
        const uint64_t b34 = rotl(A##03 ^ d0, 41); \
        const uint64_t b44 = rotl(A##14 ^ d1, 2); \
        E##04 = b04 ^ (~b14 & b24); \
        E##14 = ~b14 ^ (b24 | b34); \
        E##24 = b24 ^ (b34 & b44); \
        E##34 = b34 ^ (b44 | b04); \
        E##44 = b44 ^ (b04 & b14); \
        E##00 ^= kRoundConstants[round]; \
    } while (0)


void keccakf1600(uint64_t state[25]) {
    uint64_t a00 = state[0], a10 = ~state[1], a20 = ~state[2], a30 = state[3], a40 = state[4];
    uint64_t a01 = state[5], a11 = state[6], a21 = state[7], a31 = ~state[8], a41 = state[9];
    uint64_t a02 = state[10], a12 = state[11], a22 = ~state[12], a32 = state[13], a42 = state[14];
    uint64_t a03 = state[15], a13 = state[16], a23 = ~state[17], a33 = state[18], a43 = state[19];
    uint64_t a04 = ~state[20], a14 = state[21], a24 = state[22], a34 = state[23], a44 = state[24];
    uint64_t e00, e10, e20, e30, e40, e01, e11, e21, e31, e41, e02, e12, e22, e32, e42;
    uint64_t e03, e13, e23, e33, e43, e04, e14, e24, e34, e44;

    for (int round = 0; round < 24; round += 2) {
        KECCAK_ROUND(a, e, round);
        KECCAK_ROUND(e, a, round + 1);
    }

    state[0] = a00; state[1] = ~a10; state[2] = ~a20; state[3] = a30; state[4] = a40;
    state[5] = a01; state[6] = a11; state[7] = a21; state[8] = ~a31; state[9] = a41;
    state[10] = a02; state[11] = a12; state[12] = ~a22; state[13] = a32; state[14] = a42;
    state[15] = a03; state[16] = a13; state[17] = ~a23; state[18] = a33; state[19] = a43;
    state[20] = ~a04; state[21] = a14; state[22] = a24; state[23] = a34; state[24] = a44;
}

#undef KECCAK_ROUND

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
