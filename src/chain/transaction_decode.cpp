// Strict transaction decoding with sender recovery (transaction.hpp).
#include "chain/transaction.hpp"

#include "core/keccak.hpp"
#include "core/rlp_decode.hpp"

namespace suture::chain {

namespace {

Error bad(std::string_view field, std::string_view why) {
    return input_error("transaction field " + std::string(field) + ": " + std::string(why));
}

// Reads field `i` of `items` as a byte string.
Result<BytesView> string_field(const std::vector<rlp::ItemView>& items, size_t i, std::string_view name) {
    if (items[i].is_list) return bad(name, "expected a byte string, got a list");
    return items[i].payload;
}

Result<uint64_t> u64_field(const std::vector<rlp::ItemView>& items, size_t i, std::string_view name) {
    if (items[i].is_list) return bad(name, "expected a scalar, got a list");
    auto v = rlp::to_uint64(items[i]);
    if (!v.ok()) return bad(name, v.error().message);
    return *v;
}

Result<uint256> u256_field(const std::vector<rlp::ItemView>& items, size_t i, std::string_view name) {
    if (items[i].is_list) return bad(name, "expected a scalar, got a list");
    auto v = rlp::to_uint256(items[i]);
    if (!v.ok()) return bad(name, v.error().message);
    return *v;
}

Result<std::optional<Address>> to_field(const std::vector<rlp::ItemView>& items, size_t i) {
    SUTURE_TRY(b, string_field(items, i, "to"));
    if (b.empty()) return std::optional<Address>{};
    if (b.size() != 20) return bad("to", "must be empty or 20 bytes, got " + std::to_string(b.size()));
    Address a;
    std::copy(b.begin(), b.end(), a.bytes.begin());
    return std::optional<Address>(a);
}

Result<Bytes32> word_field(const rlp::ItemView& item, std::string_view name) {
    if (item.is_list || item.payload.size() != 32) return bad(name, "must be a 32-byte string");
    Bytes32 w;
    std::copy(item.payload.begin(), item.payload.end(), w.begin());
    return w;
}

Result<Address> address_field(const rlp::ItemView& item, std::string_view name) {
    if (item.is_list || item.payload.size() != 20) return bad(name, "must be 20 bytes");
    Address a;
    std::copy(item.payload.begin(), item.payload.end(), a.bytes.begin());
    return a;
}

// A list of 32-byte words (storage keys, blob versioned hashes).
Result<std::vector<Bytes32>> word_list_field(BytesView input, const rlp::ItemView& item, std::string_view name) {
    if (!item.is_list) return bad(name, "expected a list");
    SUTURE_TRY(words, rlp::read_list(input, item));
    std::vector<Bytes32> out;
    for (const auto& w : words) {
        SUTURE_TRY(word, word_field(w, name));
        out.push_back(word);
    }
    return out;
}

// A list of tuples, each a list of exactly `arity` items (`shape` names them
// for the error), each decoded by `decode(parts)` into a T.
template <typename T, typename Decode>
Result<std::vector<T>> tuple_list_field(BytesView input, const rlp::ItemView& item, std::string_view name,
                                        size_t arity, std::string_view shape, Decode decode) {
    if (!item.is_list) return bad(name, "expected a list");
    SUTURE_TRY(entries, rlp::read_list(input, item));
    std::vector<T> out;
    for (const auto& e : entries) {
        if (!e.is_list) return bad(name, "an entry must be a list " + std::string(shape));
        SUTURE_TRY(parts, rlp::read_list(input, e));
        if (parts.size() != arity)
            return bad(name, "an entry must have exactly " + std::to_string(arity) + " items");
        SUTURE_TRY(v, decode(parts));
        out.push_back(std::move(v));
    }
    return out;
}

// EIP-2930 entries [address, storageKeys].
Result<std::vector<AccessListEntry>> access_list_field(BytesView input, const rlp::ItemView& item) {
    return tuple_list_field<AccessListEntry>(
        input, item, "accessList", 2, "[address, storageKeys]",
        [&](const std::vector<rlp::ItemView>& parts) -> Result<AccessListEntry> {
            AccessListEntry entry;
            SUTURE_TRY(address, address_field(parts[0], "accessList.address"));
            SUTURE_TRY(keys, word_list_field(input, parts[1], "accessList.storageKeys"));
            entry.address = address;
            entry.keys = std::move(keys);
            return entry;
        });
}

// EIP-7702 tuples [chain_id, address, nonce, y_parity, r, s]. Values the
// rules reject later (a y_parity of 2) decode; the wire types bound them:
// nonce to 64 bits, y_parity to 8 (as the EIP's RLP types say).
Result<std::vector<Authorization>> authorization_list_field(BytesView input, const rlp::ItemView& item) {
    return tuple_list_field<Authorization>(
        input, item, "authorizationList", 6, "[chainId, address, nonce, yParity, r, s]",
        [](const std::vector<rlp::ItemView>& parts) -> Result<Authorization> {
            Authorization a;
            SUTURE_TRY(cid, u256_field(parts, 0, "authorizationList.chainId"));
            SUTURE_TRY(address, address_field(parts[1], "authorizationList.address"));
            SUTURE_TRY(nonce, u64_field(parts, 2, "authorizationList.nonce"));
            SUTURE_TRY(y, u256_field(parts, 3, "authorizationList.yParity"));
            if (y > 255) return bad("authorizationList.yParity", "must fit 8 bits");
            SUTURE_TRY(r, u256_field(parts, 4, "authorizationList.r"));
            SUTURE_TRY(s, u256_field(parts, 5, "authorizationList.s"));
            a.chain_id = cid;
            a.address = address;
            a.nonce = nonce;
            a.y_parity = y;
            a.r = r;
            a.s = s;
            return a;
        });
}

Result<Bytes32> scalar_word(const std::vector<rlp::ItemView>& items, size_t i, std::string_view name) {
    SUTURE_TRY(v, u256_field(items, i, name));
    return v.to_bytes32();
}

// Field counts by type (EIP-155 legacy, EIP-2930, EIP-1559, EIP-4844 canonical form, EIP-7702).
size_t field_count(TxType t) {
    switch (t) {
    case TxType::legacy: return 9;
    case TxType::access_list: return 11;
    case TxType::dynamic_fee: return 12;
    case TxType::blob: return 14;
    case TxType::set_code: return 13;
    }
    return 0;
}

}  // namespace

Result<SignedTransaction> decode_transaction(BytesView raw) {
    if (raw.empty()) return input_error("transaction: empty input");
    TxType type = TxType::legacy;
    BytesView body = raw;
    // EIP-2718: a first byte in [0, 0x7f] is a type; a legacy tx starts with a list header (>= 0xc0).
    if (raw[0] <= 0x7f) {
        if (raw[0] < 1 || raw[0] > 4) return input_error("transaction: unsupported type " + std::to_string(raw[0]));
        type = static_cast<TxType>(raw[0]);
        body = raw.subspan(1);
    } else if (raw[0] < 0xc0) {
        return input_error("transaction: a legacy transaction must be an RLP list");
    }
    auto top = rlp::read_single(body);
    if (!top.ok()) return input_error("transaction: " + top.error().message);
    if (!top->is_list) return input_error("transaction: expected an RLP list of fields");
    SUTURE_TRY(items, rlp::read_list(body, *top));
    if (items.size() != field_count(type))
        return input_error("transaction: type " + std::to_string(int(type)) + " has " +
                           std::to_string(field_count(type)) + " fields, got " + std::to_string(items.size()));

    SignedTransaction out;
    Transaction& tx = out.tx;
    tx.type = type;
    size_t i = 0;
    if (type != TxType::legacy) {
        SUTURE_TRY(cid, u64_field(items, i++, "chainId"));
        tx.chain_id = cid;
    }
    SUTURE_TRY(nonce, u64_field(items, i++, "nonce"));
    tx.nonce = nonce;
    if (type == TxType::legacy || type == TxType::access_list) {
        SUTURE_TRY(gp, u256_field(items, i++, "gasPrice"));
        tx.gas_price = gp;
    } else {
        SUTURE_TRY(tip, u256_field(items, i++, "maxPriorityFeePerGas"));
        SUTURE_TRY(cap, u256_field(items, i++, "maxFeePerGas"));
        tx.max_priority_fee_per_gas = tip;
        tx.max_fee_per_gas = cap;
    }
    SUTURE_TRY(gas, u64_field(items, i++, "gasLimit"));
    tx.gas_limit = gas;
    SUTURE_TRY(to, to_field(items, i++));
    tx.to = to;
    SUTURE_TRY(value, u256_field(items, i++, "value"));
    tx.value = value;
    SUTURE_TRY(data, string_field(items, i++, "data"));
    tx.data.assign(data.begin(), data.end());
    if (type != TxType::legacy) {
        SUTURE_TRY(al, access_list_field(body, items[i++]));
        tx.access_list = std::move(al);
    }
    if (type == TxType::blob) {
        SUTURE_TRY(bf, u256_field(items, i++, "maxFeePerBlobGas"));
        tx.max_fee_per_blob_gas = bf;
        SUTURE_TRY(hashes, word_list_field(body, items[i++], "blobVersionedHashes"));
        tx.blob_versioned_hashes = std::move(hashes);
    }
    if (type == TxType::set_code) {
        SUTURE_TRY(auths, authorization_list_field(body, items[i++]));
        tx.authorization_list = std::move(auths);
    }

    SUTURE_TRY(v, u256_field(items, i++, type == TxType::legacy ? "v" : "yParity"));
    SUTURE_TRY(r, scalar_word(items, i++, "r"));
    SUTURE_TRY(s, scalar_word(items, i++, "s"));
    Signature& sig = out.signature;
    sig.r = r;
    sig.s = s;
    if (type == TxType::legacy) {
        if (v == 27 || v == 28) {
            tx.chain_id = 0;  // unprotected (pre-EIP-155)
            sig.recovery_id = static_cast<uint8_t>(v.low64() - 27);
        } else if (v >= 35) {
            // EIP-155: v = chain_id * 2 + 35 + parity.
            uint256 cid = (v - 35) / 2;
            if (!cid.fits_u64()) return bad("v", "chain id does not fit 64 bits");
            if (!cid) return bad("v", "EIP-155 chain id 0 (v = 35 or 36) is invalid");
            tx.chain_id = cid.low64();
            sig.recovery_id = static_cast<uint8_t>((v - 35).low64() & 1);
        } else {
            return bad("v", "must be 27, 28 or chain_id * 2 + 35/36 (EIP-155), got " + v.to_dec());
        }
    } else {
        if (v > 1) return bad("yParity", "must be 0 or 1, got " + v.to_dec());
        sig.recovery_id = static_cast<uint8_t>(v.low64());
    }
    if (!is_valid_scalar(sig.r) || !is_valid_scalar(sig.s)) return bad("r/s", "must be in [1, secp256k1n)");
    if (!is_low_s(sig.s)) return bad("s", "must be at most secp256k1n / 2 (EIP-2)");
    auto sender = recover_address(signing_hash(tx), sig);
    if (!sender.ok()) return input_error("transaction: sender recovery failed: " + sender.error().message);
    out.sender = *sender;
    out.raw.assign(raw.begin(), raw.end());
    out.hash = keccak256(raw);
    return out;
}

}  // namespace suture::chain
