// scrypt = PBKDF2(P, ROMix(PBKDF2(P, S, 1, p*128*r)), 1, dkLen)  (RFC 7914 section 6).
#include "chain/scrypt.hpp"

#include <openssl/crypto.h>
#include <openssl/evp.h>

#include <bit>
#include <cstring>
#include <vector>

namespace suture::chain {

namespace {

inline uint32_t rotl(uint32_t x, int n) { return (x << n) | (x >> (32 - n)); }

// Salsa20/8 core (RFC 7914 section 3) on 16 little-endian words, in place.
void salsa20_8(uint32_t b[16]) {
    uint32_t x[16];
    std::memcpy(x, b, sizeof x);
    for (int i = 0; i < 8; i += 2) {
        // column round
        x[4] ^= rotl(x[0] + x[12], 7);   x[8] ^= rotl(x[4] + x[0], 9);
        x[12] ^= rotl(x[8] + x[4], 13);  x[0] ^= rotl(x[12] + x[8], 18);
        x[9] ^= rotl(x[5] + x[1], 7);    x[13] ^= rotl(x[9] + x[5], 9);
        x[1] ^= rotl(x[13] + x[9], 13);  x[5] ^= rotl(x[1] + x[13], 18);
        x[14] ^= rotl(x[10] + x[6], 7);  x[2] ^= rotl(x[14] + x[10], 9);
        x[6] ^= rotl(x[2] + x[14], 13);  x[10] ^= rotl(x[6] + x[2], 18);
        x[3] ^= rotl(x[15] + x[11], 7);  x[7] ^= rotl(x[3] + x[15], 9);
        x[11] ^= rotl(x[7] + x[3], 13);  x[15] ^= rotl(x[11] + x[7], 18);
        // row round
        x[1] ^= rotl(x[0] + x[3], 7);    x[2] ^= rotl(x[1] + x[0], 9);
        x[3] ^= rotl(x[2] + x[1], 13);   x[0] ^= rotl(x[3] + x[2], 18);
        x[6] ^= rotl(x[5] + x[4], 7);    x[7] ^= rotl(x[6] + x[5], 9);
        x[4] ^= rotl(x[7] + x[6], 13);   x[5] ^= rotl(x[4] + x[7], 18);
        x[11] ^= rotl(x[10] + x[9], 7);  x[8] ^= rotl(x[11] + x[10], 9);
        x[9] ^= rotl(x[8] + x[11], 13);  x[10] ^= rotl(x[9] + x[8], 18);
        x[12] ^= rotl(x[15] + x[14], 7); x[13] ^= rotl(x[12] + x[15], 9);
        x[14] ^= rotl(x[13] + x[12], 13); x[15] ^= rotl(x[14] + x[13], 18);
    }
    for (int i = 0; i < 16; ++i) b[i] += x[i];
}

// scryptBlockMix (RFC 7914 section 4): in and out are 2r blocks of 16 words.
void block_mix(const uint32_t* in, uint32_t* out, uint32_t r) {
    uint32_t x[16];
    std::memcpy(x, in + (2 * r - 1) * 16, sizeof x);
    for (uint32_t i = 0; i < 2 * r; ++i) {
        for (int k = 0; k < 16; ++k) x[k] ^= in[i * 16 + k];
        salsa20_8(x);
        // Even blocks go to the first half, odd ones to the second.
        uint32_t dst = (i % 2 == 0) ? i / 2 : r + i / 2;
        std::memcpy(out + dst * 16, x, sizeof x);
    }
}

// scryptROMix (RFC 7914 section 5) on one 128*r-byte block, with v of n blocks.
void ro_mix(uint8_t* block, uint64_t n, uint32_t r, std::vector<uint32_t>& v) {
    const size_t words = 32 * static_cast<size_t>(r);
    std::vector<uint32_t> x(words), y(words);
    for (size_t i = 0; i < words; ++i) {
        const uint8_t* p = block + 4 * i;
        x[i] = uint32_t(p[0]) | uint32_t(p[1]) << 8 | uint32_t(p[2]) << 16 | uint32_t(p[3]) << 24;
    }
    for (uint64_t i = 0; i < n; ++i) {
        std::memcpy(&v[i * words], x.data(), words * 4);
        block_mix(x.data(), y.data(), r);
        x.swap(y);
    }
    for (uint64_t i = 0; i < n; ++i) {
        // Integerify: the first word of the last 64-byte block, mod n (n is a power of two).
        uint64_t j = (uint64_t(x[(2 * r - 1) * 16 + 1]) << 32 | x[(2 * r - 1) * 16]) & (n - 1);
        for (size_t k = 0; k < words; ++k) x[k] ^= v[j * words + k];
        block_mix(x.data(), y.data(), r);
        x.swap(y);
    }
    for (size_t i = 0; i < words; ++i) {
        uint8_t* p = block + 4 * i;
        p[0] = uint8_t(x[i]); p[1] = uint8_t(x[i] >> 8); p[2] = uint8_t(x[i] >> 16); p[3] = uint8_t(x[i] >> 24);
    }
    OPENSSL_cleanse(x.data(), words * 4);
    OPENSSL_cleanse(y.data(), words * 4);
}

}  // namespace

Status scrypt(std::string_view password, BytesView salt, uint64_t n, uint32_t r, uint32_t p, std::span<uint8_t> out) {
    if (n < 2 || !std::has_single_bit(n)) return input_error("scrypt: n must be a power of two greater than 1");
    if (r == 0 || p == 0) return input_error("scrypt: r and p must be at least 1");
    const size_t block = 128 * static_cast<size_t>(r);
    std::vector<uint8_t> b(block * p);
    if (PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), salt.data(), static_cast<int>(salt.size()),
                          1, EVP_sha256(), static_cast<int>(b.size()), b.data()) != 1)
        return internal_error("scrypt: OpenSSL PBKDF2 failed");
    std::vector<uint32_t> v(static_cast<size_t>(n) * block / 4);
    for (uint32_t i = 0; i < p; ++i) ro_mix(b.data() + i * block, n, r, v);
    bool ok = PKCS5_PBKDF2_HMAC(password.data(), static_cast<int>(password.size()), b.data(), static_cast<int>(b.size()),
                                1, EVP_sha256(), static_cast<int>(out.size()), out.data()) == 1;
    OPENSSL_cleanse(v.data(), v.size() * 4);
    OPENSSL_cleanse(b.data(), b.size());
    if (!ok) return internal_error("scrypt: OpenSSL PBKDF2 failed");
    return {};
}

}  // namespace suture::chain
