// BLAKE2b's rounds on 256-bit vectors (RFC 7693 section 3.2), for the
// blake2f precompile's long round counts (EIP-152).
//
// The 4x4 working matrix v is held as its four rows a = v[0..3], b = v[4..7],
// c = v[8..11], d = v[12..15], so one vector G runs the four column G
// functions of a round at once. For the diagonal G functions the rows a, c
// and d are rotated by whole lanes so each lane holds one diagonal, then
// rotated back. b stays in place because it is the last value each G
// computes: rotating it would put the lane permute on the dependency chain
// from one G to the next, which is what bounds the speed (each round is a
// chain of four half-G steps; the lanes give no more parallelism than that).
//
// The code is written with GCC/Clang vector extensions and compiled twice by
// target attribute: for AVX2, and for AVX-512VL, whose vprolq makes the
// rotate by 63 one instruction (AVX2 needs shift, shift, or).
#include <cstring>

#include "evm/blake2b.hpp"

namespace suture::evm::precompile {
namespace {

using U64x4 = uint64_t __attribute__((vector_size(32)));
using U32x8 = uint32_t __attribute__((vector_size(32)));
using U8x32 = uint8_t __attribute__((vector_size(32)));

// Inlined into each target-specific entry point below, and compiled for it.
#define SUTURE_VEC_INLINE __attribute__((target("avx2"), always_inline)) inline

// Rotations right within each 64-bit lane. By 32, 24 and 16 they move whole
// bytes (one shuffle instruction); by 63 it is a rotate left by 1.
SUTURE_VEC_INLINE U64x4 rotr32(U64x4 x) {
    return U64x4(__builtin_shufflevector(U32x8(x), U32x8(x), 1, 0, 3, 2, 5, 4, 7, 6));
}
SUTURE_VEC_INLINE U64x4 rotr24(U64x4 x) {
    // Byte j of a rotated word is byte (j + 3) mod 8 of the word.
    return U64x4(__builtin_shufflevector(U8x32(x), U8x32(x), 3, 4, 5, 6, 7, 0, 1, 2, 11, 12, 13, 14, 15, 8, 9, 10,
                                         19, 20, 21, 22, 23, 16, 17, 18, 27, 28, 29, 30, 31, 24, 25, 26));
}
SUTURE_VEC_INLINE U64x4 rotr16(U64x4 x) {
    return U64x4(__builtin_shufflevector(U8x32(x), U8x32(x), 2, 3, 4, 5, 6, 7, 0, 1, 10, 11, 12, 13, 14, 15, 8, 9,
                                         18, 19, 20, 21, 22, 23, 16, 17, 26, 27, 28, 29, 30, 31, 24, 25));
}
SUTURE_VEC_INLINE U64x4 rotr63(U64x4 x) { return (x << 1) | (x >> 63); }

// RFC 7693 section 3.1: G on four (a, b, c, d) quadruples at once. a + x is
// added before b because a is ready early and b last.
SUTURE_VEC_INLINE void mix(U64x4& a, U64x4& b, U64x4& c, U64x4& d, U64x4 x, U64x4 y) {
    a = (a + x) + b;
    d = rotr32(d ^ a);
    c = c + d;
    b = rotr24(b ^ c);
    a = (a + y) + b;
    d = rotr16(d ^ a);
    c = c + d;
    b = rotr63(b ^ c);
}

// Lane i of b holds v[4 + i], which the diagonal G number (i + 3) mod 4 uses
// (RFC 7693 3.2: G(v0,v5,v10,v15), G(v1,v6,v11,v12), G(v2,v7,v8,v13),
// G(v3,v4,v9,v14)); a, c and d are rotated to match.
constexpr int diagonal_of_lane(int lane) { return (lane + 3) % 4; }

// The message words of one round, in the lane order above: column x and y
// words, then diagonal x and y words.
struct RoundWords {
    U64x4 column_x, column_y, diagonal_x, diagonal_y;
};

SUTURE_VEC_INLINE void round(U64x4& a, U64x4& b, U64x4& c, U64x4& d, const RoundWords& w) {
    mix(a, b, c, d, w.column_x, w.column_y);
    a = __builtin_shufflevector(a, a, 3, 0, 1, 2);
    c = __builtin_shufflevector(c, c, 1, 2, 3, 0);
    d = __builtin_shufflevector(d, d, 2, 3, 0, 1);
    mix(a, b, c, d, w.diagonal_x, w.diagonal_y);
    a = __builtin_shufflevector(a, a, 1, 2, 3, 0);
    c = __builtin_shufflevector(c, c, 3, 0, 1, 2);
    d = __builtin_shufflevector(d, d, 2, 3, 0, 1);
}

SUTURE_VEC_INLINE void run_rounds(uint64_t v[16], const uint64_t m[16], uint32_t rounds) {
    // The schedule repeats every 10 rounds: gather its message vectors once,
    // so each round only loads four vectors.
    RoundWords schedule[10];
    for (int r = 0; r < 10; ++r) {
        const uint8_t* s = kBlake2bSigma[r];
        for (int lane = 0; lane < 4; ++lane) {
            const int diagonal = diagonal_of_lane(lane);
            schedule[r].column_x[lane] = m[s[2 * lane]];
            schedule[r].column_y[lane] = m[s[2 * lane + 1]];
            schedule[r].diagonal_x[lane] = m[s[8 + 2 * diagonal]];
            schedule[r].diagonal_y[lane] = m[s[9 + 2 * diagonal]];
        }
    }
    U64x4 a, b, c, d;
    std::memcpy(&a, v, 32);
    std::memcpy(&b, v + 4, 32);
    std::memcpy(&c, v + 8, 32);
    std::memcpy(&d, v + 12, 32);
    for (uint32_t n = rounds / 10; n > 0; --n) {
        for (const RoundWords& w : schedule) round(a, b, c, d, w);
    }
    for (uint32_t r = 0; r < rounds % 10; ++r) round(a, b, c, d, schedule[r]);
    std::memcpy(v, &a, 32);
    std::memcpy(v + 4, &b, 32);
    std::memcpy(v + 8, &c, 32);
    std::memcpy(v + 12, &d, 32);
}

#undef SUTURE_VEC_INLINE

}  // namespace

__attribute__((target("avx2"))) void blake2b_rounds_avx2(uint64_t v[16], const uint64_t m[16], uint32_t rounds) {
    run_rounds(v, m, rounds);
}

__attribute__((target("avx2,avx512f,avx512vl"))) void blake2b_rounds_avx512(uint64_t v[16], const uint64_t m[16],
                                                                           uint32_t rounds) {
    run_rounds(v, m, rounds);
}

}  // namespace suture::evm::precompile
