// 0x05 modexp: base^exp mod m over arbitrary-length big-endian integers
// (EIP-198), priced by EIP-198 (Byzantium), EIP-2565 (Berlin) and EIP-7883
// (Osaka), with EIP-7823's 1024-byte input bound from Osaka.
#include <gmp.h>

#include <algorithm>

#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

namespace {

using u128 = unsigned __int128;
constexpr u128 kU128Max = ~u128(0);

// A length word of the header. Values that do not fit 64 bits become
// UINT64_MAX: no input that long can be paid for or read.
uint64_t length_word(BytesView input, uint64_t offset) {
    uint8_t w[32];
    read_padded(input, offset, w, 32);
    for (int i = 0; i < 24; ++i) {
        if (w[i] != 0) return UINT64_MAX;
    }
    uint64_t v = 0;
    for (int i = 24; i < 32; ++i) v = (v << 8) | w[i];
    return v;
}

struct Header {
    uint64_t base_len, exp_len, mod_len;
};

Header read_header(BytesView input) {
    return {length_word(input, 0), length_word(input, 32), length_word(input, 64)};
}

u128 sat_mul(u128 a, u128 b) {
    if (a == 0 || b == 0) return 0;
    return a > kU128Max / b ? kU128Max : a * b;
}

u128 sat_add(u128 a, u128 b) { return a > kU128Max - b ? kU128Max : a + b; }

uint64_t to_gas(u128 g) { return g >= kGasUnaffordable ? kGasUnaffordable : uint64_t(g); }

// Bit length of the exponent's first min(exp_len, 32) bytes, minus one (0 for
// zero), plus bits_per_byte per exponent byte beyond 32: EIP-198's "adjusted
// exponent length", which EIP-2565 calls the iteration count.
u128 iteration_count(BytesView input, const Header& h, unsigned bits_per_byte) {
    // A length of 2^64 or more: more iterations than any gas limit pays for.
    if (h.exp_len == UINT64_MAX) return kU128Max;
    uint8_t head[32] = {};
    const uint64_t head_len = std::min<uint64_t>(h.exp_len, 32);
    // The exponent starts right after the base; past-the-end reads are zeros.
    const uint64_t exp_offset = h.base_len > UINT64_MAX - 96 ? UINT64_MAX : 96 + h.base_len;
    read_padded(input, exp_offset, head + (32 - head_len), head_len);
    unsigned highest_bit = 0;
    for (int i = 0; i < 32; ++i) {
        if (head[i] != 0) {
            highest_bit = unsigned(8 * (31 - i)) + unsigned(31 - __builtin_clz(unsigned(head[i])));
            break;
        }
    }
    u128 count = highest_bit;
    if (h.exp_len > 32) count = sat_add(count, u128(bits_per_byte) * (h.exp_len - 32));
    return count;
}

// EIP-198 mult_complexity, exact for lengths up to 2^40 (beyond that the
// cost exceeds any gas limit anyway).
u128 eip198_mult_complexity(uint64_t x) {
    if (x > (uint64_t(1) << 40)) return kU128Max;
    const u128 xx = u128(x) * x;
    if (x <= 64) return xx;
    if (x <= 1024) return xx / 4 + 96 * u128(x) - 3072;
    return xx / 16 + 480 * u128(x) - 199680;
}

// EIP-7823 (Osaka): every length is at most 1024 bytes.
constexpr uint64_t kOsakaMaxLength = 1024;

}  // namespace

uint64_t modexp_gas(Revision rev, BytesView input) {
    const Header h = read_header(input);
    const uint64_t max_len = std::max(h.base_len, h.mod_len);
    if (rev >= Revision::osaka) {
        // EIP-7883: max(500, complexity · max(iterations, 1)), complexity 16
        // up to 32 bytes and 2·words^2 above, 16 iterations per exponent byte past 32.
        if (max_len > kOsakaMaxLength) return kGasUnaffordable;
        const u128 words = (u128(max_len) + 7) / 8;
        const u128 complexity = max_len <= 32 ? 16 : 2 * words * words;
        const u128 iters = std::max<u128>(iteration_count(input, h, 16), 1);
        return to_gas(std::max<u128>(500, sat_mul(complexity, iters)));
    }
    if (rev >= Revision::berlin) {
        // EIP-2565: max(200, words^2 · max(iterations, 1) / 3).
        if (max_len > (uint64_t(1) << 40)) return kGasUnaffordable;
        const u128 words = (u128(max_len) + 7) / 8;
        const u128 iters = std::max<u128>(iteration_count(input, h, 8), 1);
        const u128 product = sat_mul(words * words, iters);
        if (product == kU128Max) return kGasUnaffordable;
        return to_gas(std::max<u128>(200, product / 3));
    }
    // EIP-198: mult_complexity(max len) · max(adjusted exponent length, 1) / 20.
    const u128 complexity = eip198_mult_complexity(max_len);
    if (complexity == kU128Max) return kGasUnaffordable;
    const u128 product = sat_mul(complexity, std::max<u128>(iteration_count(input, h, 8), 1));
    if (product == kU128Max) return kGasUnaffordable;
    return to_gas(product / 20);
}

Output modexp(Revision rev, BytesView input) {
    const Header h = read_header(input);
    if (rev >= Revision::osaka &&
        (h.base_len > kOsakaMaxLength || h.exp_len > kOsakaMaxLength || h.mod_len > kOsakaMaxLength)) {
        return invalid_input();
    }
    Output out;
    // A zero-length modulus gives empty output whatever the other lengths
    // (the gas rule lets a huge exponent length through in that case).
    if (h.mod_len == 0) return out;
    out.data.assign(h.mod_len, 0);

    // The gas already paid bounds every length here (well below 2^40).
    const uint64_t exp_offset = 96 + h.base_len;
    const uint64_t mod_offset = exp_offset + h.exp_len;

    // Reads input[offset, offset + len) as an integer, treating bytes past
    // the end of the input as zeros without materialising them.
    auto read_int = [&](mpz_t z, uint64_t offset, uint64_t len) {
        mpz_init(z);
        const uint64_t avail = offset >= input.size() ? 0 : std::min<uint64_t>(len, input.size() - offset);
        if (avail > 0) mpz_import(z, avail, 1, 1, 1, 0, input.data() + offset);
        if (avail > 0 && len > avail) mpz_mul_2exp(z, z, 8 * (len - avail));
    };
    mpz_t base, exp, mod, result;
    read_int(base, 96, h.base_len);
    read_int(exp, exp_offset, h.exp_len);
    read_int(mod, mod_offset, h.mod_len);
    mpz_init(result);
    // EIP-198: a zero modulus gives zero; x mod 1 is zero.
    if (mpz_cmp_ui(mod, 1) > 0) {
        mpz_powm(result, base, exp, mod);
        size_t count = 0;
        const size_t result_len = (mpz_sizeinbase(result, 2) + 7) / 8;
        if (mpz_sgn(result) != 0)
            mpz_export(out.data.data() + (h.mod_len - result_len), &count, 1, 1, 1, 0, result);
    }
    mpz_clears(base, exp, mod, result, nullptr);
    return out;
}

}  // namespace suture::evm::precompile
