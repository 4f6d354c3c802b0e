// 0x02 sha256 (OpenSSL EVP).
#include "evm/precompile_digest.hpp"
#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

uint64_t sha256_gas(Revision, BytesView input) { return 60 + 12 * words(input.size()); }

Output sha256(Revision, BytesView input) { return evp_digest("SHA256", input, 0); }

}  // namespace suture::evm::precompile
