// Internal interface between the precompile dispatch table
// (precompile_table.cpp) and the one-file-per-precompile implementations.
// Each precompile is a gas function and an execution function; the table
// charges the gas before running, so the execution never sees a call it
// cannot pay for.
#pragma once

#include <cstdint>
#include <string>
#include <utility>

#include "core/bytes.hpp"
#include "evm/revision.hpp"

namespace suture::evm::precompile {

// Gas costs saturate at kGasUnaffordable instead of overflowing (a modexp
// length near 2^256 must cost "more than any gas limit", not wrap around).
inline constexpr uint64_t kGasUnaffordable = UINT64_MAX;

struct Output {
    bool ok = true;     // false: invalid input (precompile_failure, all gas consumed)
    Bytes data;
    std::string error;  // non-empty: a library failure (internal_error), never a result
};

inline Output invalid_input() { return {false, {}, {}}; }
inline Output result(Bytes data) { return {true, std::move(data), {}}; }

// Number of 32-byte words covering n bytes (the per-word charge of
// sha256/ripemd160/identity).
inline uint64_t words(size_t n) { return (uint64_t(n) + 31) / 32; }

// Copies input[offset, offset + size) into out, zero-filling past the end of
// the input: the precompiles read their input as if it were right-padded with
// zeros.
void read_padded(BytesView input, uint64_t offset, uint8_t* out, size_t size);

uint64_t ecrecover_gas(Revision rev, BytesView input);
Output ecrecover(Revision rev, BytesView input);
uint64_t sha256_gas(Revision rev, BytesView input);
Output sha256(Revision rev, BytesView input);
uint64_t ripemd160_gas(Revision rev, BytesView input);
Output ripemd160(Revision rev, BytesView input);
uint64_t identity_gas(Revision rev, BytesView input);
Output identity(Revision rev, BytesView input);
uint64_t modexp_gas(Revision rev, BytesView input);
Output modexp(Revision rev, BytesView input);
uint64_t bn254_add_gas(Revision rev, BytesView input);
Output bn254_add(Revision rev, BytesView input);
uint64_t bn254_mul_gas(Revision rev, BytesView input);
Output bn254_mul(Revision rev, BytesView input);
uint64_t bn254_pairing_gas(Revision rev, BytesView input);
Output bn254_pairing(Revision rev, BytesView input);
uint64_t blake2f_gas(Revision rev, BytesView input);
Output blake2f(Revision rev, BytesView input);
uint64_t point_evaluation_gas(Revision rev, BytesView input);
Output point_evaluation(Revision rev, BytesView input);
// EIP-2537 (Prague), precompile_bls12_381.cpp.
uint64_t bls12_g1add_gas(Revision rev, BytesView input);
Output bls12_g1add(Revision rev, BytesView input);
uint64_t bls12_g1msm_gas(Revision rev, BytesView input);
Output bls12_g1msm(Revision rev, BytesView input);
uint64_t bls12_g2add_gas(Revision rev, BytesView input);
Output bls12_g2add(Revision rev, BytesView input);
uint64_t bls12_g2msm_gas(Revision rev, BytesView input);
Output bls12_g2msm(Revision rev, BytesView input);
uint64_t bls12_pairing_gas(Revision rev, BytesView input);
Output bls12_pairing(Revision rev, BytesView input);
uint64_t bls12_map_fp_to_g1_gas(Revision rev, BytesView input);
Output bls12_map_fp_to_g1(Revision rev, BytesView input);
uint64_t bls12_map_fp2_to_g2_gas(Revision rev, BytesView input);
Output bls12_map_fp2_to_g2(Revision rev, BytesView input);
// EIP-7951 (Osaka), precompile_p256verify.cpp.
uint64_t p256verify_gas(Revision rev, BytesView input);
Output p256verify(Revision rev, BytesView input);

// The BLAKE2b compression function F (RFC 7693 section 3.2) with a caller-chosen
// number of rounds, as EIP-152 exposes it. Exposed for tests.
void blake2b_compress(uint64_t h[8], const uint64_t m[16], const uint64_t t[2], bool final_block,
                      uint32_t rounds);

}  // namespace suture::evm::precompile
