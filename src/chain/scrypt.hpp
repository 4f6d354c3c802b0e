// scrypt (RFC 7914), for keystore key derivation.
//
// Why not OpenSSL's EVP_PBE_scrypt: it enforces RFC 7914's N < 2^(128*r/8),
// which rejects keystores that geth and the ethereum/tests vectors write
// (n = 2^18 with r = 1). The outer PBKDF2-HMAC-SHA256 steps still use OpenSSL.
#pragma once

#include <cstdint>
#include <string_view>

#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::chain {

// Derives out.size() bytes. n must be a power of two > 1; r, p >= 1. Memory
// use is about 128 * r * n bytes (one block per ROMix call, reused across p).
Status scrypt(std::string_view password, BytesView salt, uint64_t n, uint32_t r, uint32_t p,
              std::span<uint8_t> out);

}  // namespace suture::chain
