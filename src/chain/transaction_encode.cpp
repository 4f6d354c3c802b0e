// Transaction encoding, signing hash and signing (transaction.hpp).
#include "chain/transaction.hpp"

#include "core/keccak.hpp"
#include "core/rlp_encode.hpp"

namespace suture::chain {

namespace {

Bytes encode_to(const std::optional<Address>& to) {
    return to ? rlp::encode_bytes(to->bytes) : rlp::encode_bytes(BytesView());
}

Bytes encode_access_list(const std::vector<AccessListEntry>& list) {
    std::vector<Bytes> entries;
    for (const auto& e : list) {
        std::vector<Bytes> keys;
        for (const auto& k : e.keys) keys.push_back(rlp::encode_bytes(k));
        entries.push_back(rlp::encode_list({rlp::encode_bytes(e.address.bytes), rlp::encode_list(keys)}));
    }
    return rlp::encode_list(entries);
}

Bytes encode_authorizations(const std::vector<Authorization>& list) {
    std::vector<Bytes> entries;
    for (const auto& a : list)
        entries.push_back(rlp::encode_list({rlp::encode_uint(a.chain_id), rlp::encode_bytes(a.address.bytes),
                                            rlp::encode_uint(a.nonce), rlp::encode_uint(a.y_parity),
                                            rlp::encode_uint(a.r), rlp::encode_uint(a.s)}));
    return rlp::encode_list(entries);
}

// The fields of `tx` in wire order, without the signature.
std::vector<Bytes> unsigned_fields(const Transaction& tx) {
    using namespace rlp;
    switch (tx.type) {
    case TxType::legacy:
        return {encode_uint(tx.nonce), encode_uint(tx.gas_price), encode_uint(tx.gas_limit), encode_to(tx.to),
                encode_uint(tx.value), encode_bytes(tx.data)};
    case TxType::access_list:  // EIP-2930
        return {encode_uint(tx.chain_id), encode_uint(tx.nonce), encode_uint(tx.gas_price),
                encode_uint(tx.gas_limit), encode_to(tx.to), encode_uint(tx.value), encode_bytes(tx.data),
                encode_access_list(tx.access_list)};
    case TxType::dynamic_fee:  // EIP-1559
    case TxType::blob:         // EIP-4844: the 1559 fields, then the blob fields
    case TxType::set_code: {   // EIP-7702: the 1559 fields, then the authorizations
        std::vector<Bytes> f = {encode_uint(tx.chain_id), encode_uint(tx.nonce),
                                encode_uint(tx.max_priority_fee_per_gas), encode_uint(tx.max_fee_per_gas),
                                encode_uint(tx.gas_limit), encode_to(tx.to), encode_uint(tx.value),
                                encode_bytes(tx.data), encode_access_list(tx.access_list)};
        if (tx.type == TxType::blob) {
            std::vector<Bytes> hashes;
            for (const auto& h : tx.blob_versioned_hashes) hashes.push_back(encode_bytes(h));
            f.push_back(encode_uint(tx.max_fee_per_blob_gas));
            f.push_back(encode_list(hashes));
        }
        if (tx.type == TxType::set_code) f.push_back(encode_authorizations(tx.authorization_list));
        return f;
    }
    }
    return {};
}

// EIP-2718: a typed transaction is its type byte followed by the RLP payload.
Bytes envelope(TxType type, const std::vector<Bytes>& fields) {
    Bytes body = rlp::encode_list(fields);
    if (type == TxType::legacy) return body;
    Bytes out;
    out.reserve(body.size() + 1);
    out.push_back(static_cast<uint8_t>(type));
    out.insert(out.end(), body.begin(), body.end());
    return out;
}

Status check_shape(const Transaction& tx) {
    if (tx.type == TxType::legacy && !tx.access_list.empty())
        return input_error("transaction: a legacy transaction cannot carry an access list");
    if (tx.type != TxType::blob && (!tx.blob_versioned_hashes.empty() || tx.max_fee_per_blob_gas))
        return input_error("transaction: blob fields are only valid on a type-3 (EIP-4844) transaction");
    if (tx.type == TxType::blob && !tx.to) return input_error("transaction: a blob transaction needs a `to` address");
    if (tx.type != TxType::set_code && !tx.authorization_list.empty())
        return input_error("transaction: an authorization list is only valid on a type-4 (EIP-7702) transaction");
    if (tx.type == TxType::set_code && !tx.to)
        return input_error("transaction: a set-code transaction needs a `to` address");
    if (static_cast<uint8_t>(tx.type) > 4) return input_error("transaction: unknown type");
    return {};
}

Bytes trimmed(const Bytes32& word) { return rlp::minimal_be(uint256::from_bytes32(word)); }

}  // namespace

bool Transaction::operator==(const Transaction& o) const {
    auto same_list = [](const std::vector<AccessListEntry>& a, const std::vector<AccessListEntry>& b) {
        if (a.size() != b.size()) return false;
        for (size_t i = 0; i < a.size(); ++i)
            if (a[i].address != b[i].address || a[i].keys != b[i].keys) return false;
        return true;
    };
    return type == o.type && chain_id == o.chain_id && nonce == o.nonce && gas_price == o.gas_price &&
           max_priority_fee_per_gas == o.max_priority_fee_per_gas && max_fee_per_gas == o.max_fee_per_gas &&
           gas_limit == o.gas_limit && to == o.to && value == o.value && data == o.data &&
           same_list(access_list, o.access_list) && max_fee_per_blob_gas == o.max_fee_per_blob_gas &&
           blob_versioned_hashes == o.blob_versioned_hashes && authorization_list == o.authorization_list;
}

Bytes32 signing_hash(const Transaction& tx) {
    std::vector<Bytes> f = unsigned_fields(tx);
    // EIP-155: a protected legacy transaction signs (chain_id, 0, 0) as well.
    if (tx.type == TxType::legacy && tx.chain_id != 0) {
        f.push_back(rlp::encode_uint(tx.chain_id));
        f.push_back(rlp::encode_uint(uint64_t{0}));
        f.push_back(rlp::encode_uint(uint64_t{0}));
    }
    return keccak256(envelope(tx.type, f));
}

Result<Bytes> encode_signed(const Transaction& tx, const Signature& sig) {
    SUTURE_CHECK(check_shape(tx));
    std::vector<Bytes> f = unsigned_fields(tx);
    if (tx.type == TxType::legacy) {
        // EIP-155: v = chain_id * 2 + 35 + parity; unprotected: 27 + parity.
        uint256 v = tx.chain_id ? uint256(tx.chain_id) * 2 + 35 + sig.recovery_id : uint256(27 + sig.recovery_id);
        f.push_back(rlp::encode_uint(v));
    } else {
        f.push_back(rlp::encode_uint(uint64_t{sig.recovery_id}));  // y_parity
    }
    f.push_back(rlp::encode_bytes(trimmed(sig.r)));
    f.push_back(rlp::encode_bytes(trimmed(sig.s)));
    return envelope(tx.type, f);
}

Authorization sign_authorization(const uint256& chain_id, const Address& delegate, uint64_t nonce,
                                 const SecretKey& key) {
    const Signature sig = key.sign_hash(evm::authorization_signing_hash(chain_id, delegate, nonce));
    Authorization a;
    a.chain_id = chain_id;
    a.address = delegate;
    a.nonce = nonce;
    a.y_parity = uint64_t{sig.recovery_id};
    a.r = uint256::from_bytes32(sig.r);
    a.s = uint256::from_bytes32(sig.s);
    return a;
}

Result<SignedTransaction> sign_transaction(const Transaction& tx, const SecretKey& key) {
    SUTURE_CHECK(check_shape(tx));
    SignedTransaction out;
    out.tx = tx;
    out.signature = key.sign_hash(signing_hash(tx));
    SUTURE_TRY(raw, encode_signed(tx, out.signature));
    out.raw = std::move(raw);
    out.hash = keccak256(out.raw);
    out.sender = key.address();
    return out;
}

}  // namespace suture::chain
