#include "upgrade/executed_samples.hpp"

namespace suture::upgrade {

using abi::AbiKind;
using abi::AbiType;
using abi::AbiValue;

SampleSet make_samples(const Address& caller) {
    SampleSet s;
    s.caller = caller;
    s.other = caller;
    s.other.bytes[19] ^= 0xff;
    return s;
}

Address distinct_address(uint64_t n) {
    Address a;
    a.bytes[0] = 0xa0;
    for (int i = 0; i < 8; ++i) a.bytes[19 - i] = uint8_t(n >> (8 * i));
    return a;
}

AbiValue default_arg(const AbiType& t, const Address& caller) {
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_: return uint256(0);
    case AbiKind::bool_: return false;
    case AbiKind::address: return caller;
    case AbiKind::fixed_bytes: return Bytes(t.size, 0);
    case AbiKind::function: return Bytes(24, 0);
    case AbiKind::bytes: return Bytes{};
    case AbiKind::string: return std::string();
    case AbiKind::array: return AbiValue::List{};
    case AbiKind::fixed_array: return AbiValue::List(t.length, default_arg(t.element(), caller));
    case AbiKind::tuple: {
        AbiValue::List members;
        for (const auto& c : t.components) members.push_back(default_arg(c, caller));
        return members;
    }
    }
    return uint256(0);
}

std::vector<AbiValue> default_args(const std::vector<AbiType>& types, const Address& caller) {
    std::vector<AbiValue> out;
    for (const auto& t : types) out.push_back(default_arg(t, caller));
    return out;
}

std::vector<AbiValue> key_samples(const AbiType& t, const SampleSet& s) {
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_: return {uint256(0), uint256(1)};
    case AbiKind::bool_: return {false, true};
    case AbiKind::address: return {s.caller, s.other};
    case AbiKind::fixed_bytes: {
        // Zero first: DEFAULT_ADMIN_ROLE of AccessControl is bytes32(0).
        std::vector<AbiValue> out{Bytes(t.size, 0)};
        Bytes one(t.size, 0);
        one[0] = 1;
        out.push_back(one);
        if (t.size == 32)
            for (const auto& w : s.words) out.push_back(Bytes(w.begin(), w.end()));
        return out;
    }
    case AbiKind::string: return {std::string("a"), std::string("b")};
    case AbiKind::bytes: return {Bytes{0x01}, Bytes{0x02}};
    default: return {default_arg(t, s.caller)};
    }
}

std::vector<std::vector<AbiValue>> sample_argument_lists(const std::vector<AbiType>& inputs, const SampleSet& s,
                                                         size_t limit) {
    std::vector<std::vector<AbiValue>> lists{{}};
    for (const auto& t : inputs) {
        std::vector<std::vector<AbiValue>> next;
        for (const auto& prefix : lists)
            for (const auto& v : key_samples(t, s)) {
                if (next.size() == limit) break;
                next.push_back(prefix);
                next.back().push_back(v);
            }
        lists = std::move(next);
    }
    return lists;
}

}  // namespace suture::upgrade
