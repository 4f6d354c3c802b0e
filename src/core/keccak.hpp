// Keccak-256 (the pre-standard SHA-3 padding Ethereum uses).
#pragma once

#include "core/bytes.hpp"

namespace suture {

Bytes32 keccak256(BytesView data);
inline Bytes32 keccak256(std::string_view s) { return keccak256(as_view(s)); }

// The Keccak-f[1600] permutation on 25 lanes (exposed for tests and benches).
void keccakf1600(uint64_t state[25]);

}  // namespace suture
