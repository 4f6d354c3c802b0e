// Conversions between values and text: toString(...), parse*(string),
// toLowercase/toUppercase.
#include <cctype>

#include "core/hex.hpp"
#include "verify/foundry_cheatcodes.hpp"

namespace suture::verify::foundry {
namespace {

using abi::AbiKind;
using abi::AbiType;

Result<Bytes> to_string(Cheatcodes&, const CheatCall& call) {
    const AbiType& t = call.signature.inputs[0].type;
    std::string text = t.kind == AbiKind::fixed_bytes || t.kind == AbiKind::bytes ? to_hex(call.args[0].as_bytes())
                                                                                   : abi::format_value(t, call.args[0]);
    return encode_one(AbiType::simple(AbiKind::string), text);
}

// The output type of parseX(string), by name.
AbiType parse_type_of(const std::string& name) {
    if (name == "parseUint") return AbiType::uint();
    if (name == "parseInt") return AbiType::int_();
    if (name == "parseAddress") return AbiType::simple(AbiKind::address);
    if (name == "parseBool") return AbiType::simple(AbiKind::bool_);
    if (name == "parseBytes32") return AbiType::fixed_bytes(32);
    return AbiType::simple(AbiKind::bytes);
}

Result<Bytes> parse(Cheatcodes&, const CheatCall& call) {
    const AbiType t = parse_type_of(call.signature.name);
    std::string text = call.args[0].as_string();
    if (t.kind == AbiKind::bool_)
        for (auto& ch : text) ch = char(std::tolower(static_cast<unsigned char>(ch)));
    if (t.kind == AbiKind::fixed_bytes && text.size() < 66 && text.rfind("0x", 0) == 0)
        text.append(66 - text.size(), '0');  // forge right-pads a short bytes32
    auto v = abi::parse_value(t, text);
    if (!v) return input_error("failed parsing \"" + call.args[0].as_string() + "\" as type `" + t.canonical() + "`");
    return encode_one(t, *v);
}

Result<Bytes> change_case(Cheatcodes&, const CheatCall& call) {
    std::string s = call.args[0].as_string();
    const bool upper = call.signature.name == "toUppercase";
    for (auto& ch : s) ch = char(upper ? std::toupper(static_cast<unsigned char>(ch)) : std::tolower(static_cast<unsigned char>(ch)));
    return encode_one(AbiType::simple(AbiKind::string), s);
}

}  // namespace

std::vector<CheatEntry> string_cheatcodes() {
    return {
        {"toString(address)", to_string},
        {"toString(bool)", to_string},
        {"toString(uint256)", to_string},
        {"toString(int256)", to_string},
        {"toString(bytes32)", to_string},
        {"toString(bytes)", to_string},
        {"parseUint(string)", parse},
        {"parseInt(string)", parse},
        {"parseAddress(string)", parse},
        {"parseBool(string)", parse},
        {"parseBytes(string)", parse},
        {"parseBytes32(string)", parse},
        {"toLowercase(string)", change_case},
        {"toUppercase(string)", change_case},
    };
}

}  // namespace suture::verify::foundry
