// Ethereum transactions on the wire: building, signing, hashing, strict decoding.
//
// Types: legacy (with EIP-155 replay protection, or unprotected), EIP-2930
// access-list, EIP-1559 dynamic-fee, EIP-4844 blob transactions (decode
// and hash only: Suture never sends blobs) and EIP-7702 set-code transactions
// (their authorization tuples are signed with sign_authorization()). Encodings follow EIP-2718: a typed
// transaction is `type ++ rlp(fields)`, a legacy one is `rlp(fields)`.
//
// Decoding is strict: only the canonical RLP is accepted (no leading zeros in
// scalars, exact field counts, 20-byte addresses, 32-byte storage keys), and
// the signature must be valid and low-s (EIP-2), so a decoded transaction
// always has a recovered sender. Fork-dependent static validity (intrinsic
// gas, fee caps, initcode size) is a separate check: validate_static().
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chain/keys.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "evm/revision.hpp"
#include "evm/transaction.hpp"

namespace suture::chain {

using TxType = evm::TxType;
using AccessListEntry = evm::AccessListEntry;  // {address, keys}
using Authorization = evm::Authorization;      // EIP-7702 {chain_id, address, nonce, y_parity, r, s}

// The fields a sender chooses. Which fee fields apply depends on `type`.
struct Transaction {
    TxType type = TxType::dynamic_fee;
    uint64_t chain_id = 1;  // legacy: 0 means unprotected (pre-EIP-155 signing)
    uint64_t nonce = 0;
    uint256 gas_price;                 // legacy, access_list
    uint256 max_priority_fee_per_gas;  // dynamic_fee, blob, set_code
    uint256 max_fee_per_gas;           // dynamic_fee, blob, set_code
    uint64_t gas_limit = 0;
    std::optional<Address> to;         // nullopt: contract creation (data is init code)
    uint256 value;
    Bytes data;
    std::vector<AccessListEntry> access_list;  // not for legacy
    uint256 max_fee_per_blob_gas;              // blob
    std::vector<Bytes32> blob_versioned_hashes;  // blob
    std::vector<Authorization> authorization_list;  // set_code

    bool operator==(const Transaction&) const;
};

// A signed transaction as it travels: fields, signature, and what follows from them.
struct SignedTransaction {
    Transaction tx;
    Signature signature;  // r, s and the y parity
    Bytes raw;            // the EIP-2718 encoding sent to eth_sendRawTransaction
    Bytes32 hash{};       // keccak256(raw): the transaction hash
    Address sender;       // recovered from the signature
};

// The digest that is signed: keccak256 of the signing payload
// (legacy: rlp of the six fields, plus chain_id, 0, 0 when EIP-155 protected;
// typed: type ++ rlp(fields without the signature)).
Bytes32 signing_hash(const Transaction& tx);

// Signs with `key`. Refuses (input error) a transaction that cannot be encoded
// as given: access list on a legacy tx, blob fields on a non-blob tx, a blob tx
// without `to`.
Result<SignedTransaction> sign_transaction(const Transaction& tx, const SecretKey& key);

// EIP-7702: an authorization by `key` for its account to delegate to
// `delegate` on chain `chain_id` (0: every chain) at the account's `nonce`
// (the nonce it will have when the tuple is processed).
Authorization sign_authorization(const uint256& chain_id, const Address& delegate, uint64_t nonce,
                                 const SecretKey& key);

// The encoding of `tx` with an existing signature (used by sign_transaction and
// for re-encoding a decoded transaction).
Result<Bytes> encode_signed(const Transaction& tx, const Signature& sig);

// Strict decoding of a raw transaction (as eth_sendRawTransaction takes it),
// with sender recovery. Errors (kind input) say which field is wrong.
Result<SignedTransaction> decode_transaction(BytesView raw);

// Static validity at fork `rev` for a chain, without state: the type exists at
// that fork; EIP-155 chain id matches `chain_id` (unprotected legacy
// transactions are allowed); EIP-2681 nonce < 2^64-1; max priority fee <= max
// fee (EIP-1559); gas limit x max fee fits 256 bits; EIP-3860 initcode size;
// intrinsic gas <= gas limit; blob transactions have a `to` and at least one
// versioned hash with version byte 0x01 (EIP-4844); set-code transactions
// have a `to` and at least one authorization (EIP-7702); EIP-7623's calldata
// floor fits the gas limit (Prague) and EIP-7825's cap bounds it (Osaka).
Status validate_static(const Transaction& tx, evm::Revision rev, uint64_t chain_id);

// Intrinsic gas at fork `rev` (evm::intrinsic_gas on these fields).
uint64_t intrinsic_gas(const Transaction& tx, evm::Revision rev);

// The transaction as the in-process EVM executes it. Errors when the gas limit
// exceeds the EVM's int64 range.
Result<evm::Transaction> to_evm(const SignedTransaction& stx);

}  // namespace suture::chain
