#include "verify/fuzz_values.hpp"

#include <algorithm>


namespace suture::verify {

using abi::AbiKind;
using abi::AbiValue;

namespace {

// A word cut to an N-bit type: uintN keeps the low bits; intN also
// sign-extends them, so the value stays inside the type's range.
uint256 fit(const uint256& v, unsigned bits, bool is_signed) {
    if (bits >= 256) return v;
    const uint256 mask = (uint256(1) << bits) - uint256(1);
    const uint256 low = v & mask;
    if (is_signed && ((low >> (bits - 1)) & uint256(1)) != uint256()) return low | ~mask;
    return low;
}

}  // namespace

void ValuePool::add_number(const uint256& w) {
    if (seen_.insert(w).second) words.push_back(w);
}

void ValuePool::add_word(const uint256& w) {
    add_number(w);
    if (w != uint256() && w.bit_width() <= 160) add_address(to_address(w));
}

void ValuePool::add_address(const Address& a) {
    if (std::find(addresses.begin(), addresses.end(), a) == addresses.end()) addresses.push_back(a);
}

void ValuePool::harvest_code(BytesView code, size_t limit) {
    constexpr uint8_t kPush1 = 0x60, kPush32 = 0x7f;
    for (size_t pc = 0; pc < code.size() && words.size() < limit; ++pc) {
        const uint8_t op = code[pc];
        if (op < kPush1 || op > kPush32) continue;
        const size_t n = size_t(op - kPush1) + 1;
        uint8_t buf[32] = {};
        const size_t avail = std::min(n, code.size() - pc - 1);
        std::copy_n(code.data() + pc + 1, avail, buf + (32 - n));
        const uint256 v = uint256::from_be(buf);
        pc += n;
        // Jump targets and small offsets are noise, but cheap noise; selectors
        // (PUSH4) and masks are kept as they are.
        for (const uint256& w : {v, v + uint256(1), v - uint256(1)}) add_number(w);
    }
}

void ValuePool::harvest_calldata(BytesView calldata, size_t limit) {
    constexpr size_t kSelector = 4;
    for (size_t at = kSelector; at < calldata.size() && words.size() < limit; at += 32) {
        uint8_t buf[32] = {};
        std::copy_n(calldata.data() + at, std::min<size_t>(32, calldata.size() - at), buf);
        const uint256 w = uint256::from_be(buf);
        add_number(w);
        if (w.bit_width() > 128 && w.bit_width() <= 160) add_address(to_address(w));
    }
}

AbiValue FuzzValues::value(const abi::AbiType& t) {
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_:
        if (!pool_.words.empty() && below(3) == 0)
            return fit(pool_.words[below(pool_.words.size())], t.size, t.kind == AbiKind::int_);
        break;
    case AbiKind::address:
        if (!pool_.addresses.empty() && below(2) == 0) return pool_.addresses[below(pool_.addresses.size())];
        break;
    case AbiKind::array:
    case AbiKind::fixed_array: {
        const size_t n = t.kind == AbiKind::fixed_array ? t.length : size_t(below(4));
        AbiValue::List l;
        for (size_t i = 0; i < n; ++i) l.push_back(value(t.element()));
        return l;
    }
    case AbiKind::tuple: {
        AbiValue::List l;
        for (const auto& c : t.components) l.push_back(value(c));
        return l;
    }
    default: break;
    }
    return random_.value(t);
}

std::vector<AbiValue> FuzzValues::values(const std::vector<abi::AbiType>& types) {
    std::vector<AbiValue> out;
    out.reserve(types.size());
    for (const auto& t : types) out.push_back(value(t));
    return out;
}

AbiValue simplest_value(const abi::AbiType& t) {
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_: return uint256();
    case AbiKind::bool_: return false;
    case AbiKind::address: return Address{};
    case AbiKind::fixed_bytes: return Bytes(t.size);
    case AbiKind::function: return Bytes(24);
    case AbiKind::bytes: return Bytes{};
    case AbiKind::string: return std::string();
    case AbiKind::array: return AbiValue::List{};
    case AbiKind::fixed_array: return AbiValue::List(t.length, simplest_value(t.element()));
    case AbiKind::tuple: {
        AbiValue::List l;
        for (const auto& c : t.components) l.push_back(simplest_value(c));
        return l;
    }
    }
    return AbiValue{};
}

}  // namespace suture::verify
