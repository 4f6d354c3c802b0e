// 0x01 ecrecover: the address that signed a 32-byte hash (yellow paper
// appendix E). Input: hash, v, r, s as 32-byte words (right-padded with zeros).
#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>

#include "core/keccak.hpp"
#include "evm/precompile_impl.hpp"

namespace suture::evm::precompile {

uint64_t ecrecover_gas(Revision, BytesView) { return 3000; }

// An unrecoverable signature is not an error: the call succeeds with empty
// output (and the gas is still charged).
Output ecrecover(Revision, BytesView input) {
    uint8_t in[128];
    read_padded(input, 0, in, sizeof in);

    // v is a full word that must equal 27 or 28.
    for (int i = 32; i < 63; ++i) {
        if (in[i] != 0) return {};
    }
    if (in[63] != 27 && in[63] != 28) return {};
    const int recid = in[63] - 27;

    // parse_compact rejects r or s >= n; recover rejects r or s == 0.
    // No low-s rule here: EIP-2 restricts transaction signatures only.
    const secp256k1_context* ctx = secp256k1_context_static;
    secp256k1_ecdsa_recoverable_signature sig;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &sig, in + 64, recid)) return {};
    secp256k1_pubkey pubkey;
    if (!secp256k1_ecdsa_recover(ctx, &pubkey, &sig, in)) return {};

    uint8_t serialized[65];
    size_t len = sizeof serialized;
    secp256k1_ec_pubkey_serialize(ctx, serialized, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    const Bytes32 hash = keccak256(BytesView(serialized + 1, 64));

    Output out;
    out.data.assign(32, 0);
    std::memcpy(out.data.data() + 12, hash.data() + 12, 20);
    return out;
}

}  // namespace suture::evm::precompile
