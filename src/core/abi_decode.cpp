// Solidity ABI decoding with bounds checks on every offset and length.
#include "core/abi_decode.hpp"

#include "core/hex.hpp"

namespace suture::abi {
namespace {

Error bad(const std::string& what) { return input_error(what); }

class Decoder {
public:
    Decoder(size_t data_size, DecodeOptions options)
        // Without shared encodings the decoded values take about as many bytes
        // as the input; allow generous slack before calling it a blow-up.
        : budget_(8 * data_size + 65536), options_(options) {}

    // Decodes `count` values laid out as a tuple at the start of `region`.
    template <typename TypeAt>
    Result<AbiValue::List> sequence(TypeAt type_at, size_t count, BytesView region) {
        size_t heads = 0;
        for (size_t i = 0; i < count; ++i) {
            heads += type_at(i).head_size();
            if (heads > region.size())
                return bad("needs at least " + std::to_string(heads) + " bytes for its heads, only " +
                           std::to_string(region.size()) + " present");
        }
        AbiValue::List items;
        items.reserve(count);
        size_t pos = 0;
        for (size_t i = 0; i < count; ++i) {
            const AbiType& t = type_at(i);
            Result<AbiValue> v = AbiValue();
            if (t.is_dynamic()) {
                const uint256 offset = uint256::from_be(region.data() + pos);
                if (offset >= uint256(region.size()))
                    v = bad("offset " + offset.to_hex() + " points past the end (" + std::to_string(region.size()) +
                            " bytes)");
                else
                    v = value(t, region.subspan(offset.low64()));
                pos += 32;
            } else {
                v = value(t, region.subspan(pos, t.head_size()));
                pos += t.head_size();
            }
            if (!v) return std::move(v).error().context("element " + std::to_string(i) + " (" + t.canonical() + ")");
            items.push_back(std::move(*v));
        }
        return items;
    }

    Result<AbiValue> value(const AbiType& t, BytesView region) {
        if (budget_ < 32) return bad("decoded size exceeds the input many times over (offsets share data)");
        budget_ -= 32;
        switch (t.kind) {
        case AbiKind::uint_:
        case AbiKind::int_:
        case AbiKind::address:
        case AbiKind::bool_:
        case AbiKind::fixed_bytes:
        case AbiKind::function: return scalar(t, region);
        case AbiKind::bytes:
        case AbiKind::string: {
            SUTURE_TRY(len, length(region, 1));
            const size_t padded = len + (32 - len % 32) % 32;
            if (options_.strict) {
                if (padded > region.size() - 32)
                    return bad("data of " + std::to_string(len) + " bytes lacks its zero padding");
                for (size_t i = 32 + len; i < 32 + padded; ++i)
                    if (region[i] != 0) return bad("non-zero padding after " + std::to_string(len) + " bytes");
            }
            if (budget_ < len) return bad("decoded size exceeds the input many times over (offsets share data)");
            budget_ -= len;
            const BytesView content = region.subspan(32, len);
            if (t.kind == AbiKind::bytes) return AbiValue(Bytes(content.begin(), content.end()));
            return AbiValue(std::string(content.begin(), content.end()));
        }
        case AbiKind::array: {
            SUTURE_TRY(count, length(region, t.element().head_size()));
            SUTURE_TRY(items, sequence([&](size_t) -> const AbiType& { return t.element(); }, count,
                                       region.subspan(32)));
            return AbiValue(std::move(items));
        }
        case AbiKind::fixed_array: {
            SUTURE_TRY(items, sequence([&](size_t) -> const AbiType& { return t.element(); }, t.length, region));
            return AbiValue(std::move(items));
        }
        case AbiKind::tuple: {
            SUTURE_TRY(items, sequence([&](size_t i) -> const AbiType& { return t.components[i]; },
                                       t.components.size(), region));
            return AbiValue(std::move(items));
        }
        }
        return bad("unknown type");
    }

private:
    // A length word at the start of `region`, counting units of `unit` bytes
    // that must be present after it.
    Result<size_t> length(BytesView region, size_t unit) {
        if (region.size() < 32) return bad("length word truncated (" + std::to_string(region.size()) + " bytes left)");
        const uint256 n = uint256::from_be(region.data());
        const size_t room = (region.size() - 32) / (unit == 0 ? 1 : unit);
        if (n > uint256(room))
            return bad("length " + n.to_dec() + " exceeds the " + std::to_string(region.size() - 32) +
                       " bytes that follow");
        return static_cast<size_t>(n.low64());
    }

    Result<AbiValue> scalar(const AbiType& t, BytesView region) {
        if (region.size() < 32) return bad("value truncated (" + std::to_string(region.size()) + " bytes left)");
        const uint8_t* w = region.data();
        const uint256 x = uint256::from_be(w);
        switch (t.kind) {
        case AbiKind::bool_:
            if (x > uint256(1)) return bad("bool word is " + x.to_hex() + ", not 0 or 1");
            return AbiValue(x == uint256(1));
        case AbiKind::address: {
            if ((x >> 160) != 0) return bad("address word has non-zero high bytes: " + to_hex(region.first(32)));
            Address a;
            std::copy(w + 12, w + 32, a.bytes.begin());
            return AbiValue(a);
        }
        case AbiKind::fixed_bytes:
        case AbiKind::function: {
            const size_t n = t.kind == AbiKind::function ? 24 : t.size;
            for (size_t i = n; i < 32; ++i)
                if (w[i] != 0) return bad(t.canonical() + " word has non-zero low bytes: " + to_hex(region.first(32)));
            return AbiValue(Bytes(w, w + n));
        }
        default: {
            AbiValue v(x);
            if (!check_value(t, v)) return bad("word " + x.to_hex() + " is out of range for " + t.canonical());
            return v;
        }
        }
    }

    size_t budget_;
    DecodeOptions options_;
};

}  // namespace

Result<std::vector<AbiValue>> decode(const std::vector<AbiType>& types, BytesView data, DecodeOptions options) {
    Decoder d(data.size(), options);
    auto items = d.sequence([&](size_t i) -> const AbiType& { return types[i]; }, types.size(), data);
    if (!items) return std::move(items).error().context("abi decode " + canonical_list(types));
    return std::move(*items);
}

Result<std::vector<AbiValue>> decode_call(const Signature& sig, BytesView calldata, DecodeOptions options) {
    const Selector want = selector(sig.canonical());
    if (calldata.size() < 4)
        return input_error("abi decode: call data of " + std::to_string(calldata.size()) +
                           " bytes has no 4-byte selector");
    if (!std::equal(want.begin(), want.end(), calldata.begin()))
        return input_error("abi decode: call data selector " + to_hex(calldata.first(4)) + " is not " +
                           to_hex(want) + " of " + sig.canonical());
    return decode(sig.input_types(), calldata.subspan(4), options);
}

Result<std::vector<LogArg>> decode_log(const Signature& sig, std::span<const Bytes32> topics, BytesView data,
                                       bool anonymous) {
    size_t next_topic = 0;
    if (!anonymous) {
        if (topics.empty()) return input_error("abi decode log: no topics; " + sig.canonical() + " needs its topic 0");
        if (topics[0] != event_topic(sig.canonical()))
            return input_error("abi decode log: topic 0 " + to_hex(topics[0]) + " is not the topic of " +
                               sig.canonical());
        next_topic = 1;
    }
    std::vector<AbiType> data_types;
    size_t indexed = 0;
    for (const auto& p : sig.inputs) {
        if (p.indexed) ++indexed;
        else data_types.push_back(p.type);
    }
    if (topics.size() != next_topic + indexed)
        return input_error("abi decode log: " + sig.canonical() + " has " + std::to_string(indexed) +
                           " indexed arguments but the log has " + std::to_string(topics.size() - next_topic) +
                           " topics for them");
    SUTURE_TRY(data_values, decode(data_types, data));

    std::vector<LogArg> out;
    size_t next_data = 0;
    for (const auto& p : sig.inputs) {
        LogArg arg;
        if (!p.indexed) {
            arg.value = std::move(data_values[next_data++]);
        } else {
            const Bytes32& topic = topics[next_topic++];
            const bool hashed = p.type.is_dynamic() || p.type.kind == AbiKind::tuple ||
                                p.type.kind == AbiKind::fixed_array;
            if (hashed) {
                arg.hash = topic;  // the preimage is not recoverable
            } else {
                auto v = decode({p.type}, topic);
                if (!v) return std::move(v).error().context("abi decode log: indexed " + p.name);
                arg.value = std::move((*v)[0]);
            }
        }
        out.push_back(std::move(arg));
    }
    return out;
}

}  // namespace suture::abi
