// The BLAKE2b compression function F (RFC 7693 section 3.2) with a
// caller-chosen number of rounds, as the blake2f precompile (EIP-152) exposes
// it. EIP-152 allows 2^32-1 rounds in one call, so F is the hot loop of the
// precompile: besides the portable scalar code there are 256-bit vector
// paths, and the fastest one the CPU supports is chosen at run time by
// timing them. Every path computes the same function; the tests run each one
// the CPU has.
#pragma once

#include <cstdint>

namespace suture::evm::precompile {

// RFC 7693 section 2.6: the BLAKE2b initialisation vector (SHA-512's).
inline constexpr uint64_t kBlake2bIV[8] = {0x6a09e667f3bcc908, 0xbb67ae8584caa73b, 0x3c6ef372fe94f82b,
                                           0xa54ff53a5f1d36f1, 0x510e527fade682d1, 0x9b05688c2b3e6c1f,
                                           0x1f83d9abfb41bd6b, 0x5be0cd19137e2179};

// RFC 7693 section 2.7: the message word schedule; round i uses row i mod 10.
inline constexpr uint8_t kBlake2bSigma[10][16] = {
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

enum class Blake2bPath {
    scalar,  // portable C++
    avx2,    // four G functions per 256-bit vector
    avx512,  // the AVX2 code with AVX-512VL's one-instruction 64-bit rotate
};

const char* blake2b_path_name(Blake2bPath path);

// Whether this CPU can run `path` (scalar: always).
bool blake2b_path_supported(Blake2bPath path);

// The path blake2b_compress() takes: the fastest supported one, measured on
// the first call (a vector path can be slower than the scalar code).
Blake2bPath blake2b_best_path();

// F through one given path, which must be supported. `h` is updated in place.
void blake2b_compress_on(Blake2bPath path, uint64_t h[8], const uint64_t m[16], const uint64_t t[2],
                         bool final_block, uint32_t rounds);

// The vector paths (blake2b_simd.cpp). They update the 16-word working
// vector v (RFC 7693 section 3.2, after its initialisation) in place.
void blake2b_rounds_avx2(uint64_t v[16], const uint64_t m[16], uint32_t rounds);
void blake2b_rounds_avx512(uint64_t v[16], const uint64_t m[16], uint32_t rounds);

}  // namespace suture::evm::precompile
