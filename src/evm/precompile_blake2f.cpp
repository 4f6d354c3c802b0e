// 0x09 blake2f (EIP-152): the BLAKE2b compression function F (blake2b.cpp)
// with the number of rounds taken from the input.
#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

namespace {

uint64_t load_le64(const uint8_t* p) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

// EIP-152 input layout: rounds (4 bytes, big-endian) | h (64) | m (128) | t (16) | f (1).
constexpr size_t kInputSize = 213;

}  // namespace

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
