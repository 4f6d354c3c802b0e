// EIP-7702 authorizations and delegation designators (set_code.hpp).
#include "evm/set_code.hpp"

#include <secp256k1.h>
#include <secp256k1_recovery.h>

#include <cstring>

#include "core/keccak.hpp"
#include "core/rlp_encode.hpp"
#include "evm/state.hpp"

namespace suture::evm {
namespace {

constexpr uint8_t kDelegationPrefix[3] = {0xef, 0x01, 0x00};

}  // namespace

Bytes32 authorization_signing_hash(const uint256& chain_id, const Address& address, uint64_t nonce) {
    Bytes msg{kSetCodeMagic};
    const Bytes body =
        rlp::encode_list({rlp::encode_uint(chain_id), rlp::encode_bytes(address.bytes), rlp::encode_uint(nonce)});
    msg.insert(msg.end(), body.begin(), body.end());
    return keccak256(msg);
}

std::optional<Address> recover_authority(const Authorization& auth) {
    if (auth.y_parity > 1) return std::nullopt;
    uint8_t rs[64];
    const Bytes32 r = auth.r.to_bytes32(), s = auth.s.to_bytes32();
    std::memcpy(rs, r.data(), 32);
    std::memcpy(rs + 32, s.data(), 32);
    const secp256k1_context* ctx = secp256k1_context_static;
    // parse_compact rejects r or s >= n; recover rejects r or s == 0.
    secp256k1_ecdsa_recoverable_signature sig;
    if (!secp256k1_ecdsa_recoverable_signature_parse_compact(ctx, &sig, rs, int(auth.y_parity.low64())))
        return std::nullopt;
    // EIP-7702 (as EIP-2 for transactions): s must be at most n/2;
    // normalize reports whether s was high.
    secp256k1_ecdsa_signature plain;
    secp256k1_ecdsa_recoverable_signature_convert(ctx, &plain, &sig);
    if (secp256k1_ecdsa_signature_normalize(ctx, nullptr, &plain)) return std::nullopt;
    const Bytes32 digest = authorization_signing_hash(auth.chain_id, auth.address, auth.nonce);
    secp256k1_pubkey pubkey;
    if (!secp256k1_ecdsa_recover(ctx, &pubkey, &sig, digest.data())) return std::nullopt;
    uint8_t serialized[65];
    size_t len = sizeof serialized;
    secp256k1_ec_pubkey_serialize(ctx, serialized, &len, &pubkey, SECP256K1_EC_UNCOMPRESSED);
    const Bytes32 hash = keccak256(BytesView(serialized + 1, 64));
    Address a;
    std::memcpy(a.bytes.data(), hash.data() + 12, 20);
    return a;
}

Bytes delegation_code(const Address& delegate) {
    Bytes code(kDelegationSize);
    std::memcpy(code.data(), kDelegationPrefix, 3);
    std::memcpy(code.data() + 3, delegate.bytes.data(), 20);
    return code;
}

std::optional<Address> delegation_target(BytesView code) {
    if (code.size() != kDelegationSize || std::memcmp(code.data(), kDelegationPrefix, 3) != 0) return std::nullopt;
    Address a;
    std::memcpy(a.bytes.data(), code.data() + 3, 20);
    return a;
}

int64_t apply_authorizations(State& state, const uint256& chain_id, const std::vector<Authorization>& list) {
    int64_t refund = 0;
    for (const Authorization& auth : list) {
        if (auth.chain_id != 0 && auth.chain_id != chain_id) continue;
        if (auth.nonce == UINT64_MAX) continue;  // its increment would overflow (EIP-2681)
        const std::optional<Address> authority = recover_authority(auth);
        if (!authority) continue;
        state.access_account(*authority);
        const BytesView code = state.code(*authority);
        if (!code.empty() && !delegation_target(code)) continue;
        if (state.nonce(*authority) != auth.nonce) continue;
        if (state.exists(*authority)) refund += kPerEmptyAccountCost - kPerAuthBaseCost;
        state.set_code(*authority, auth.address == Address{} ? Bytes{} : delegation_code(auth.address));
        state.set_nonce(*authority, auth.nonce + 1);
    }
    return refund;
}

}  // namespace suture::evm
