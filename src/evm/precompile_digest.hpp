// A message digest through OpenSSL's EVP interface, for the sha256 and
// ripemd160 precompiles.
#pragma once

#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

// The digest `algorithm` (an OpenSSL name such as "SHA256") of input, written
// after `left_pad` zero bytes. A missing algorithm or an OpenSSL failure is an
// Output with `error` set.
Output evp_digest(const char* algorithm, BytesView input, size_t left_pad);

}  // namespace suture::evm::precompile
