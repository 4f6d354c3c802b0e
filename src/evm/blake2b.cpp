// BLAKE2b's compression function F (RFC 7693 section 3.2): the portable
// scalar rounds, and the choice among the scalar and vector paths
// (blake2b_simd.cpp) by what the CPU supports.
#include "evm/blake2b.hpp"

#include <bit>
#include <chrono>
#include <initializer_list>
#include <utility>

#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

namespace {

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

// One round with its message schedule row as a compile-time constant, so the
// message words stay in registers.
template <size_t Row>
inline void round_of(uint64_t v[16], const uint64_t m[16]) {
    constexpr const uint8_t* s = kBlake2bSigma[Row];
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

void scalar_rounds(uint64_t v[16], const uint64_t m[16], uint32_t rounds) {
    // The schedule repeats every 10 rounds: run whole cycles unrolled, then
    // the first rounds % 10 rows dispatched at run time.
    for (uint32_t n = rounds / 10; n > 0; --n) rounds_of(v, m, std::make_index_sequence<10>{});
    using Fn = void (*)(uint64_t*, const uint64_t*);
    static constexpr Fn rows[10] = {round_of<0>, round_of<1>, round_of<2>, round_of<3>, round_of<4>,
                                    round_of<5>, round_of<6>, round_of<7>, round_of<8>, round_of<9>};
    for (uint32_t r = 0; r < rounds % 10; ++r) rows[r](v, m);
}

}  // namespace

const char* blake2b_path_name(Blake2bPath path) {
    switch (path) {
    case Blake2bPath::scalar: return "scalar";
    case Blake2bPath::avx2: return "avx2";
    case Blake2bPath::avx512: return "avx512";
    }
    return "?";
}

bool blake2b_path_supported(Blake2bPath path) {
    switch (path) {
    case Blake2bPath::scalar: return true;
    case Blake2bPath::avx2: return __builtin_cpu_supports("avx2");
    case Blake2bPath::avx512:
        return __builtin_cpu_supports("avx2") && __builtin_cpu_supports("avx512f") &&
               __builtin_cpu_supports("avx512vl");
    }
    return false;
}

namespace {

// How long `rounds` rounds take on `path`: the fastest of a few tries, so
// a try preempted on a busy machine does not count.
double seconds_for(Blake2bPath path, uint32_t rounds) {
    double best = 1e9;
    for (int attempt = 0; attempt < 3; ++attempt) {
        uint64_t h[8] = {}, m[16] = {}, t[2] = {};
        const auto start = std::chrono::steady_clock::now();
        blake2b_compress_on(path, h, m, t, true, rounds);
        const double s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
        if (s < best) best = s;
    }
    return best;
}

}  // namespace

Blake2bPath blake2b_best_path() {
    // Having the vector instructions does not make a vector path faster:
    // the rounds are one long dependency chain, so what counts is the latency
    // of each instruction. On the AMD EPYC (AVX-512, Zen 5 class) this project
    // runs on, a 256-bit add, xor or shuffle takes two cycles against one for
    // a scalar add, and the AVX2 path runs at half the scalar speed
    // (bench_precompiles BM_blake2b_rounds); elsewhere it can be the faster.
    // So the path is chosen once by timing each supported one on a few
    // thousand rounds (well under a millisecond in all).
    static const Blake2bPath best = [] {
        constexpr uint32_t kRounds = 4000;
        Blake2bPath pick = Blake2bPath::scalar;
        double pick_seconds = seconds_for(pick, kRounds);
        for (Blake2bPath p : {Blake2bPath::avx2, Blake2bPath::avx512}) {
            if (!blake2b_path_supported(p)) continue;
            const double s = seconds_for(p, kRounds);
            if (s < pick_seconds) {
                pick = p;
                pick_seconds = s;
            }
        }
        return pick;
    }();
    return best;
}

void blake2b_compress_on(Blake2bPath path, uint64_t h[8], const uint64_t m[16], const uint64_t t[2],
                         bool final_block, uint32_t rounds) {
    // RFC 7693 section 3.2: the working vector is h, then the IV with the
    // offset counter and the final-block flag folded in.
    uint64_t v[16];
    for (int i = 0; i < 8; ++i) {
        v[i] = h[i];
        v[i + 8] = kBlake2bIV[i];
    }
    v[12] ^= t[0];
    v[13] ^= t[1];
    if (final_block) v[14] = ~v[14];
    switch (path) {
    case Blake2bPath::scalar: scalar_rounds(v, m, rounds); break;
    case Blake2bPath::avx2: blake2b_rounds_avx2(v, m, rounds); break;
    case Blake2bPath::avx512: blake2b_rounds_avx512(v, m, rounds); break;
    }
    for (int i = 0; i < 8; ++i) h[i] ^= v[i] ^ v[i + 8];
}

void blake2b_compress(uint64_t h[8], const uint64_t m[16], const uint64_t t[2], bool final_block,
                      uint32_t rounds) {
    blake2b_compress_on(blake2b_best_path(), h, m, t, final_block, rounds);
}

}  // namespace suture::evm::precompile
