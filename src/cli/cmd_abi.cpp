// `suture abi`: Solidity ABI utilities.
//   suture abi encode SIG ARGS...    abi.encode of the arguments (--calldata: with the selector)
//   suture abi decode SIG HEX        values one per line (--calldata: HEX starts with the selector)
//   suture abi selector SIG          4-byte selector (--event: the 32-byte event topic)
//   suture abi revert HEX            Error(string) / Panic(uint256) / custom error (--abi FILE)
#include <fstream>
#include <iostream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/command.hpp"
#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/abi_json.hpp"
#include "core/abi_revert.hpp"
#include "core/hex.hpp"

namespace suture::cli {
namespace {

using nlohmann::json;

struct AbiArgs {
    std::string signature;
    std::vector<std::string> values;
    std::string hex;
    std::string abi_file;
    bool calldata = false;
    bool outputs = false;
    bool event = false;
};

int print_hex(const GlobalOptions& g, const char* key, BytesView data) {
    if (g.json) std::cout << json{{key, to_hex(data)}}.dump() << "\n";
    else std::cout << to_hex(data) << "\n";
    return 0;
}

int run_encode(GlobalOptions& g, const AbiArgs& a) {
    auto sig = abi::parse_signature(a.signature);
    if (!sig) return fail(g, sig.error());
    auto values = abi::parse_values(sig->input_types(), a.values);
    if (!values) return fail(g, values.error());
    auto data = a.calldata ? abi::encode_call(*sig, *values) : abi::encode(sig->input_types(), *values);
    if (!data) return fail(g, data.error());
    return print_hex(g, "data", *data);
}

int run_decode(GlobalOptions& g, const AbiArgs& a) {
    auto sig = abi::parse_signature(a.signature);
    if (!sig) return fail(g, sig.error());
    auto data = from_hex(a.hex);
    if (!data) return fail(g, data.error());
    const std::vector<abi::Param>& params = a.outputs ? sig->outputs : sig->inputs;
    std::vector<abi::AbiType> types;
    for (const auto& p : params) types.push_back(p.type);
    auto values = a.calldata ? abi::decode_call(*sig, *data) : abi::decode(types, *data);
    if (!values) return fail(g, values.error());
    if (g.json) {
        json out = json::array();
        for (size_t i = 0; i < types.size(); ++i)
            out.push_back({{"name", params[i].name}, {"type", types[i].canonical()},
                           {"value", abi::value_to_json(types[i], (*values)[i])}});
        std::cout << out.dump() << "\n";
    } else {
        for (size_t i = 0; i < types.size(); ++i) std::cout << abi::format_value(types[i], (*values)[i]) << "\n";
    }
    return 0;
}

int run_selector(GlobalOptions& g, const AbiArgs& a) {
    auto sig = abi::parse_signature(a.signature);
    if (!sig) return fail(g, sig.error());
    const std::string canonical = sig->canonical();
    if (a.event) {
        const Bytes32 topic = abi::event_topic(canonical);
        if (g.json) std::cout << json{{"signature", canonical}, {"topic", to_hex(topic)}}.dump() << "\n";
        else std::cout << to_hex(topic) << "\n";
    } else {
        const abi::Selector sel = abi::selector(canonical);
        if (g.json) std::cout << json{{"signature", canonical}, {"selector", to_hex(sel)}}.dump() << "\n";
        else std::cout << to_hex(sel) << "\n";
    }
    return 0;
}

int run_revert(GlobalOptions& g, const AbiArgs& a) {
    auto data = from_hex(a.hex);
    if (!data) return fail(g, data.error());
    std::optional<abi::ContractAbi> contract;
    if (!a.abi_file.empty()) {
        std::ifstream in(a.abi_file);
        if (!in) return fail(g, input_error("cannot read ABI file " + a.abi_file));
        std::stringstream text;
        text << in.rdbuf();
        auto parsed = abi::parse_abi_text(text.str());
        if (!parsed) return fail(g, std::move(parsed).error().context(a.abi_file));
        contract = std::move(*parsed);
    }
    auto r = abi::decode_revert(*data, contract ? &*contract : nullptr);
    if (!r) return fail(g, r.error());
    if (g.json) {
        static const char* kKinds[] = {"empty", "error_string", "panic", "custom", "unknown"};
        json j{{"kind", kKinds[static_cast<int>(r->kind)]}, {"description", r->description}};
        if (r->kind == abi::Revert::Kind::error_string) j["message"] = r->message;
        if (r->kind == abi::Revert::Kind::panic) j["code"] = r->panic_code.to_hex();
        if (r->kind == abi::Revert::Kind::custom) j["error"] = r->error->canonical();
        std::cout << j.dump() << "\n";
    } else {
        std::cout << r->description << "\n";
    }
    return 0;
}

Register reg("abi", [](CLI::App& app, GlobalOptions& g) {
    auto* abi = app.add_subcommand("abi", "Solidity ABI: encode, decode, selectors, revert data");
    abi->require_subcommand(1);
    auto a = std::make_shared<AbiArgs>();

    auto* enc = abi->add_subcommand("encode", "Print abi.encode of the arguments as 0x-hex");
    enc->add_option("signature", a->signature, "Function signature, e.g. 'f(uint256,string)'")->required();
    enc->add_flag("--calldata", a->calldata, "Prefix the 4-byte selector (call data)");
    // The values are collected verbatim as extras: an ordinary vector option
    // would let CLI11 split "[1,2]" into two values.
    enc->allow_extras()->fallthrough(false);
    enc->footer("ARGS: one value per parameter: numbers (decimal, 0x-hex, -5), addresses, true/false,\n"
                "0x-hex bytes, text for strings, [a,b] arrays, (a,b) tuples.");
    enc->callback([&g, a, enc] {
        a->values = enc->remaining();
        g.exit = run_encode(g, *a);
    });

    auto* dec = abi->add_subcommand("decode", "Decode ABI data into values, one per line");
    dec->add_option("signature", a->signature, "Function signature whose inputs (or --output outputs) to decode")
        ->required();
    dec->add_option("data", a->hex, "0x-hex data")->required();
    dec->add_flag("--calldata", a->calldata, "Data starts with the selector of the signature (checked)");
    dec->add_flag("--output", a->outputs, "Decode the signature's outputs, e.g. 'balanceOf(address)(uint256)'");
    dec->callback([&g, a] { g.exit = run_decode(g, *a); });

    auto* sel = abi->add_subcommand("selector", "4-byte function selector of a signature");
    sel->add_option("signature", a->signature, "Signature, e.g. 'transfer(address,uint256)'")->required();
    sel->add_flag("--event", a->event, "Print the 32-byte event topic instead");
    sel->callback([&g, a] { g.exit = run_selector(g, *a); });

    auto* rev = abi->add_subcommand("revert", "Explain revert data: Error(string), Panic(uint256), custom errors");
    rev->add_option("data", a->hex, "0x-hex revert data")->required();
    rev->add_option("--abi", a->abi_file, "JSON ABI file declaring custom errors");
    rev->callback([&g, a] { g.exit = run_revert(g, *a); });
});

}  // namespace
}  // namespace suture::cli
