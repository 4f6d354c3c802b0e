// 0x09 blake2f (EIP-152): the BLAKE2b compression function F with the
// number of rounds taken from the input.
#include <bit>
#include <utility>

#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

namespace {

// RFC 7693 section 2.6: the SHA-512 initialisation vector.
constexpr uint64_t kIV[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                             0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                             0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

// RFC 7693 section 2.7: message word schedule; round i uses row i mod 10.
constexpr uint8_t kSigma[10][16] = {
    {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15},
    {14, 10, 4, 8, 9, 15, 13, 6, 1, 12, 0, 2, 11, 7, 5, 3},
    {11, 8, 12, 0, 5, 2, 15, 13, 10, 14, 3, 6, 7, 1, 9, 4},
    {7, 9, 3, 1, 13, 12, 11, 14, 2, 6, 5, 10, 4, 0, 15, 8},
    {9, 0, 5, 7, 2, 4, 10, 15, 14, 1, 11, 12, 6, 8, 3, 13},
    {2, 12, 6, 10, 0, 11, 8, 3, 4, 13, 7, 5, 15, 14, 1, 9},
    {12, 5, 1, 15, 14, 13, 4, 10, 0, 7, 6, 3, 9, 2, 8, 11},
    {13, 11, 7, 14, 12, 1, 3, 9, 5, 0, 15, 4, 8, 6, 2, 10},
    {6, 15, 14, 9, 11, 3, 0, 8, 12, 2, 13, 7, 1, 4, 10, 5},
    {10, 2, 8, 4, 7, 6, 1, 5, 15, 11, 9, 14, 3, 12, 13, 0},
};

// RFC 7693 section 3.1: the mixing function G.
inline void mix(uint64_t v[16], int a, int b, int c, int d, uint64_t x, uint64_t y) {
    v[a] = v[a] + v[b] + x;
    v[d] = std::rotr(v[d] ^ v[a], 32);
    v[c] = v[c] + v[d];
    v[b] = std::rotr(v[b] ^ v[c], 24);
    v[a] = v[a] + v[b] + y;
    v[d] = std::rotr(v[d] ^ v[a], 16);
    v[c] = v[c] + v[d];
    v[b] = std::rotr(v[b] ^ v[c], 63);
}

uint64_t load_le64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

// EIP-152 input layout: rounds (4 bytes, big-endian) | h (64) | m (128) | t (16) | f (1).
constexpr size_t kInputSize = 213;

// One round with its message schedule row as a compile-time constant, so the
// message words stay in registers (EIP-152 allows 2^32-1 rounds per call).
template <size_t Row>
inline void round_of(uint64_t v[16], const uint64_t m[16]) {
    constexpr const uint8_t* s = kSigma[Row];
    mix(v, 0, 4, 8, 12, m[s[0]], m[s[1]]);
    mix(v, 1, 5, 9, 13, m[s[2]], m[s[3]]);
    mix(v, 2, 6, 10, 14, m[s[4]], m[s[5]]);
    mix(v, 3, 7, 11, 15, m[s[6]], m[s[7]]);
    mix(v, 0, 5, 10, 15, m[s[8]], m[s[9]]);
    mix(v, 1, 6, 11, 12, m[s[10]], m[s[11]]);
    mix(v, 2, 7, 8, 13, m[s[12]], m[s[13]]);
    mix(v, 3, 4, 9, 14, m[s[14]], m[s[15]]);
}

template <size_t... Rows>
inline void rounds_of(uint64_t v[16], const uint64_t m[16], std::index_sequence<Rows...>) {
    (round_of<Rows>(v, m), ...);
}

// The first `count` rounds of a cycle (count < 10), dispatched at run time.
void partial_rounds(uint64_t v[16], const uint64_t m[16], uint32_t count) {
    using Fn = void (*)(uint64_t*, const uint64_t*);
    static constexpr Fn rows[10] = {round_of<0>, round_of<1>, round_of<2>, round_of<3>, round_of<4>,
                                    round_of<5>, round_of<6>, round_of<7>, round_of<8>, round_of<9>};
    for (uint32_t r = 0; r < count; ++r) rows[r](v, m);
}

}  // namespace

void blake2b_compress(uint64_t h[8], const uint64_t m_in[16], const uint64_t t[2], bool final_block,
                      uint32_t rounds) {
    uint64_t v[16], m[16];
    for (int i = 0; i < 16; ++i) m[i] = m_in[i];
    for (int i = 0; i < 8; ++i) {
        v[i] = h[i];
        v[i + 8] = kIV[i];
    }
    v[12] ^= t[0];
    v[13] ^= t[1];
    if (final_block) v[14] = ~v[14];
    // The schedule repeats every 10 rounds: run whole cycles unrolled.
    for (uint32_t n = rounds / 10; n > 0; --n) rounds_of(v, m, std::make_index_sequence<10>{});
    partial_rounds(v, m, rounds % 10);
    for (int i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[i + 8];
}

// EIP-152: one gas per round. An input of the wrong size costs nothing here
// and fails in blake2f() (all gas consumed either way).
uint64_t blake2f_gas(Revision, BytesView input) {
    if (input.size() != kInputSize) return 0;
    return (uint64_t(input[0]) << 24) | (uint64_t(input[1]) << 16) | (uint64_t(input[2]) << 8) | input[3];
}

Output blake2f(Revision, BytesView input) {
    // EIP-152: exactly 213 bytes, and the final-block flag must be 0 or 1.
    if (input.size() != kInputSize || input[212] > 1) return invalid_input();
    const uint32_t rounds = uint32_t(blake2f_gas(Revision::istanbul, input));
    uint64_t h[8], m[16], t[2];
    for (int i = 0; i < 8; ++i) h[i] = load_le64(&input[4 + 8 * i]);
    for (int i = 0; i < 16; ++i) m[i] = load_le64(&input[68 + 8 * i]);
    for (int i = 0; i < 2; ++i) t[i] = load_le64(&input[196 + 8 * i]);
    blake2b_compress(h, m, t, input[212] == 1, rounds);

    Output out;
    out.data.resize(64);
    for (int i = 0; i < 8; ++i) {
        for (int j = 0; j < 8; ++j) out.data[8 * i + j] = uint8_t(h[i] >> (8 * j));
    }
    return out;
}

}  // namespace suture::evm::precompile
