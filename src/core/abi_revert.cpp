// Revert data decoding (Solidity docs: "Errors and the Revert Statement",
// "Panic via assert and Error via require").
#include "core/abi_revert.hpp"

#include <nlohmann/json.hpp>

#include "core/abi_decode.hpp"
#include "core/hex.hpp"

namespace suture::abi {
namespace {

// keccak256("Error(string)")[0:4] and keccak256("Panic(uint256)")[0:4].
constexpr Selector kErrorSelector = {0x08, 0xc3, 0x79, 0xa0};
constexpr Selector kPanicSelector = {0x4e, 0x48, 0x7b, 0x71};

bool has_selector(BytesView data, const Selector& s) {
    return data.size() >= 4 && std::equal(s.begin(), s.end(), data.begin());
}

}  // namespace

const char* panic_reason(const uint256& code) {
    if (!code.fits_u64()) return nullptr;
    switch (code.low64()) {
    case 0x00: return "generic compiler-inserted panic";
    case 0x01: return "assertion failed (assert with a false condition)";
    case 0x11: return "arithmetic overflow or underflow outside an unchecked block";
    case 0x12: return "division or modulo by zero";
    case 0x21: return "conversion of a too big or negative value into an enum type";
    case 0x22: return "access to an incorrectly encoded storage byte array";
    case 0x31: return "pop() on an empty array";
    case 0x32: return "array index out of bounds";
    case 0x41: return "too much memory allocated, or an array too large";
    case 0x51: return "call to a zero-initialized internal function variable";
    default: return nullptr;
    }
}

Result<Revert> decode_revert(BytesView data, const ContractAbi* abi) {
    Revert r;
    if (data.empty()) {
        r.kind = Revert::Kind::empty;
        r.description = "reverted without data";
        return r;
    }
    if (has_selector(data, kErrorSelector)) {
        auto v = decode({AbiType::simple(AbiKind::string)}, data.subspan(4));
        if (!v) return std::move(v).error().context("revert data with the Error(string) selector");
        r.kind = Revert::Kind::error_string;
        r.message = (*v)[0].as_string();
        r.description = "Error(" + nlohmann::json(r.message).dump(-1, ' ', false,
                                                                     nlohmann::json::error_handler_t::replace) + ")";
        return r;
    }
    if (has_selector(data, kPanicSelector)) {
        auto v = decode({AbiType::uint()}, data.subspan(4));
        if (!v) return std::move(v).error().context("revert data with the Panic(uint256) selector");
        r.kind = Revert::Kind::panic;
        r.panic_code = (*v)[0].as_uint();
        const char* why = panic_reason(r.panic_code);
        r.description = "Panic(" + r.panic_code.to_hex() + "): " + (why ? why : "unknown panic code");
        return r;
    }
    if (data.size() >= 4 && abi) {
        const Selector sel = {data[0], data[1], data[2], data[3]};
        if (const AbiEntry* e = abi->error(sel)) {
            const Signature sig = e->signature();
            auto v = decode(sig.input_types(), data.subspan(4));
            if (!v) return std::move(v).error().context("revert data of error " + sig.canonical());
            r.kind = Revert::Kind::custom;
            r.error = e;
            r.args = std::move(*v);
            r.description = e->name + format_value(AbiType::tuple_of(sig.input_types()), AbiValue(r.args));
            return r;
        }
    }
    r.kind = Revert::Kind::unknown;
    r.description = data.size() >= 4 ? "unknown error selector " + to_hex(data.first(4)) + " with " +
                                           std::to_string(data.size() - 4) + " bytes of arguments"
                                     : "revert data too short for a selector: " + to_hex(data);
    return r;
}

}  // namespace suture::abi
