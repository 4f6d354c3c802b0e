// libFuzzer: ABI decoding of arbitrary data never crashes or reads out of
// bounds, and whatever decodes re-encodes and decodes to the same values.
//
// The first bytes choose the parameter types (a small byte-coded grammar, so
// that every input is a valid type list); the rest is the data to decode.
#include <cstdlib>
#include <nlohmann/json.hpp>

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"

using namespace suture;
using namespace suture::abi;

namespace {

struct Reader {
    const uint8_t* p;
    size_t n;
    uint8_t next() {
        if (n == 0) return 0;
        --n;
        return *p++;
    }
};

AbiType make_type(Reader& r, int depth) {
    const uint8_t op = r.next();
    const unsigned kinds = depth >= 4 ? 8 : 11;  // no more nesting at depth 4
    switch (op % kinds) {
    case 0: return AbiType::uint(8u * (r.next() % 32 + 1));
    case 1: return AbiType::int_(8u * (r.next() % 32 + 1));
    case 2: return AbiType::simple(AbiKind::address);
    case 3: return AbiType::simple(AbiKind::bool_);
    case 4: return AbiType::fixed_bytes(r.next() % 32 + 1);
    case 5: return AbiType::simple(AbiKind::bytes);
    case 6: return AbiType::simple(AbiKind::string);
    case 7: return AbiType::simple(AbiKind::function);
    case 8: return AbiType::array_of(make_type(r, depth + 1));
    case 9: {
        const size_t k = r.next() % 4 + 1;
        return AbiType::fixed_array_of(make_type(r, depth + 1), k);
    }
    default: {
        std::vector<AbiType> members;
        const size_t n = r.next() % 4 + 1;
        for (size_t i = 0; i < n; ++i) members.push_back(make_type(r, depth + 1));
        return AbiType::tuple_of(std::move(members));
    }
    }
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 1) return 0;
    Reader r{data + 1, size - 1};
    std::vector<AbiType> types;
    const size_t count = data[0] % 4 + 1;
    for (size_t i = 0; i < count; ++i) types.push_back(make_type(r, 0));
    const BytesView payload(r.p, r.n);

    for (bool strict : {true, false}) {
        auto values = decode(types, payload, DecodeOptions{strict});
        if (!values.ok()) continue;
        // Printing must handle any decoded value (strings need not be UTF-8).
        for (size_t i = 0; i < types.size(); ++i) {
            (void)format_value(types[i], (*values)[i]);
            (void)value_to_json(types[i], (*values)[i]).dump(-1, ' ', false, nlohmann::json::error_handler_t::replace);
        }
        auto again = encode(types, *values);
        if (!again.ok()) std::abort();
        auto round = decode(types, *again);
        if (!round.ok() || *round != *values) std::abort();
    }
    return 0;
}
