// The process-wide libsecp256k1 context (internal to the chain layer).
#pragma once

#include <secp256k1.h>

namespace suture::chain::detail {

// Created once, randomised against side channels; read-only afterwards, so
// safe to use from any thread (libsecp256k1 guarantees const-context use is thread-safe).
const secp256k1_context* secp256k1_ctx();

}  // namespace suture::chain::detail
