// 0x03 ripemd160 (OpenSSL EVP; RIPEMD160 is in the default provider since
// OpenSSL 3.0.7). The 20-byte digest is returned left-padded to 32 bytes.
#include "evm/precompile_digest.hpp"
#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

uint64_t ripemd160_gas(Revision, BytesView input) { return 600 + 120 * words(input.size()); }

Output ripemd160(Revision, BytesView input) { return evp_digest("RIPEMD160", input, 12); }

}  // namespace suture::evm::precompile
