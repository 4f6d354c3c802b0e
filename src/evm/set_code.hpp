// EIP-7702 (Prague) set-code transactions: the signed authorization tuples of
// a type-4 transaction, the delegation designator they write to an
// authority's code, and the authorization-list processing the transaction
// runs before its call.
//
// Signatures are checked here, in the EVM layer, because a state test or a
// decoded transaction carries the tuple as signed and the rules decide
// per tuple whether it applies: an invalid tuple is skipped, never an error.
// The chain layer signs tuples (chain/transaction.hpp sign_authorization)
// over authorization_signing_hash().
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/uint256.hpp"

namespace suture::evm {

class State;

// One tuple [chain_id, address, nonce, y_parity, r, s] as signed. Fields keep
// the values the signer chose, including ones the rules reject (a y_parity
// of 2, a nonce of 2^64-1), so that processing can skip them.
struct Authorization {
    uint256 chain_id;   // 0: valid on every chain
    Address address;    // the delegate; the zero address clears a delegation
    uint64_t nonce = 0;
    uint256 y_parity;
    uint256 r;
    uint256 s;

    bool operator==(const Authorization&) const = default;
};

// EIP-7702 parameters.
inline constexpr uint8_t kSetCodeMagic = 0x05;
inline constexpr int64_t kPerEmptyAccountCost = 25000;  // intrinsic gas per tuple
inline constexpr int64_t kPerAuthBaseCost = 12500;      // what a tuple costs for an existing account
inline constexpr size_t kDelegationSize = 23;           // 0xef0100 || address

// keccak256(MAGIC || rlp([chain_id, address, nonce])): the digest an authority signs.
Bytes32 authorization_signing_hash(const uint256& chain_id, const Address& address, uint64_t nonce);

// The authority of a tuple: the signer recovered with secp256k1, or nullopt
// when the signature is invalid (y_parity not 0 or 1, r or s zero or >= n,
// s above n/2 as EIP-2 requires, no recoverable point).
std::optional<Address> recover_authority(const Authorization& auth);

// The delegation designator 0xef0100 || delegate.
Bytes delegation_code(const Address& delegate);
// The delegate when `code` is exactly a delegation designator.
std::optional<Address> delegation_target(BytesView code);

// Applies the tuples in order with EIP-7702's rules for chain `chain_id`:
// a tuple whose chain id is neither 0 nor the chain's, whose nonce is
// 2^64-1 or whose signature is invalid is skipped; otherwise its authority
// is warmed (EIP-2929), and skipped if it has code that is not a designator
// or a nonce other than the tuple's; otherwise it gets the designator (or
// loses its code for the zero address) and its nonce advances. Returns the refund owed for tuples whose
// authority already existed (PER_EMPTY_ACCOUNT_COST - PER_AUTH_BASE_COST each).
// The changes stay when the transaction's call later fails.
int64_t apply_authorizations(State& state, const uint256& chain_id, const std::vector<Authorization>& list);

}  // namespace suture::evm
