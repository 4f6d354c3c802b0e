// Solidity ABI encoding (Solidity docs, "Contract ABI Specification", "Formal
// Specification of the Encoding").
#include "core/abi_encode.hpp"

#include "core/keccak.hpp"

namespace suture::abi {
namespace {

void append_word(Bytes& out, const uint256& x) {
    const size_t at = out.size();
    out.resize(at + 32);
    x.to_be(out.data() + at);
}

// Appends b and zeros up to the next multiple of 32 bytes.
void append_padded(Bytes& out, BytesView b) {
    out.insert(out.end(), b.begin(), b.end());
    out.resize(out.size() + (32 - b.size() % 32) % 32, 0);
}

void append_value(Bytes& out, const AbiType& t, const AbiValue& v);

// enc((X1..Xk)) = head(X1)..head(Xk) tail(X1)..tail(Xk): a dynamic member's
// head is the offset of its tail from the start of this tuple's encoding.
template <typename TypeAt>
void append_sequence(Bytes& out, TypeAt type_at, const AbiValue::List& items) {
    size_t heads = 0;
    for (size_t i = 0; i < items.size(); ++i) heads += type_at(i).head_size();
    const size_t start = out.size();
    out.resize(start + heads, 0);
    size_t head_pos = start;
    for (size_t i = 0; i < items.size(); ++i) {
        const AbiType& t = type_at(i);
        if (t.is_dynamic()) {
            uint256(out.size() - start).to_be(out.data() + head_pos);
            append_value(out, t, items[i]);
            head_pos += 32;
        } else {
            Bytes inline_enc;
            append_value(inline_enc, t, items[i]);
            std::copy(inline_enc.begin(), inline_enc.end(), out.begin() + static_cast<ptrdiff_t>(head_pos));
            head_pos += inline_enc.size();
        }
    }
}

void append_value(Bytes& out, const AbiType& t, const AbiValue& v) {
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_: append_word(out, v.as_uint()); return;  // intN is already sign-extended
    case AbiKind::address: {
        out.resize(out.size() + 12, 0);
        const auto& a = v.as_address().bytes;
        out.insert(out.end(), a.begin(), a.end());
        return;
    }
    case AbiKind::bool_: append_word(out, v.as_bool() ? 1 : 0); return;
    case AbiKind::fixed_bytes:
    case AbiKind::function: append_padded(out, v.as_bytes()); return;
    case AbiKind::bytes:
        append_word(out, v.as_bytes().size());
        append_padded(out, v.as_bytes());
        return;
    case AbiKind::string:
        append_word(out, v.as_string().size());
        append_padded(out, as_view(v.as_string()));
        return;
    case AbiKind::array:
        append_word(out, v.as_list().size());
        append_sequence(out, [&](size_t) -> const AbiType& { return t.element(); }, v.as_list());
        return;
    case AbiKind::fixed_array:
        append_sequence(out, [&](size_t) -> const AbiType& { return t.element(); }, v.as_list());
        return;
    case AbiKind::tuple:
        append_sequence(out, [&](size_t i) -> const AbiType& { return t.components[i]; }, v.as_list());
        return;
    }
}

// Spec, "Encoding of Indexed Event Parameters": in-place encoding.
void append_in_place(Bytes& out, const AbiType& t, const AbiValue& v) {
    switch (t.kind) {
    case AbiKind::bytes: append_padded(out, v.as_bytes()); return;
    case AbiKind::string: append_padded(out, as_view(v.as_string())); return;
    case AbiKind::array:
    case AbiKind::fixed_array:
    case AbiKind::tuple: {
        const auto& items = v.as_list();
        for (size_t i = 0; i < items.size(); ++i)
            append_in_place(out, t.kind == AbiKind::tuple ? t.components[i] : t.element(), items[i]);
        return;
    }
    default: append_value(out, t, v); return;
    }
}

}  // namespace

Selector selector(std::string_view canonical_signature) {
    const Bytes32 h = keccak256(canonical_signature);
    return {h[0], h[1], h[2], h[3]};
}

Bytes32 event_topic(std::string_view canonical_signature) { return keccak256(canonical_signature); }

Result<Bytes> encode(const std::vector<AbiType>& types, const std::vector<AbiValue>& values) {
    if (types.size() != values.size())
        return input_error("abi encode: " + std::to_string(types.size()) + " values expected for " +
                           canonical_list(types) + ", got " + std::to_string(values.size()));
    for (size_t i = 0; i < types.size(); ++i) {
        auto s = check_value(types[i], values[i]);
        if (!s) return std::move(s).error().context("abi encode: argument " + std::to_string(i + 1));
    }
    Bytes out;
    append_sequence(out, [&](size_t i) -> const AbiType& { return types[i]; }, values);
    return out;
}

Result<Bytes> encode_call(const Signature& sig, const std::vector<AbiValue>& values) {
    SUTURE_TRY(args, encode(sig.input_types(), values));
    const Selector sel = selector(sig.canonical());
    Bytes out(sel.begin(), sel.end());
    out.insert(out.end(), args.begin(), args.end());
    return out;
}

Result<Bytes32> indexed_topic(const AbiType& type, const AbiValue& value) {
    SUTURE_CHECK(check_value(type, value));
    Bytes enc;
    if (type.kind == AbiKind::bytes) {
        enc = value.as_bytes();
    } else if (type.kind == AbiKind::string) {
        enc.assign(value.as_string().begin(), value.as_string().end());
    } else if (type.kind == AbiKind::array || type.kind == AbiKind::fixed_array || type.kind == AbiKind::tuple) {
        append_in_place(enc, type, value);
    } else {
        append_value(enc, type, value);
        Bytes32 word;
        std::copy(enc.begin(), enc.end(), word.begin());
        return word;
    }
    return keccak256(enc);
}

}  // namespace suture::abi
