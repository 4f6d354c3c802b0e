#include "verify/abi_text.hpp"

#include <algorithm>

#include "core/abi_decode.hpp"
#include "core/abi_revert.hpp"
#include "core/abi_value.hpp"
#include "core/hex.hpp"

namespace suture::verify {

std::string describe_revert_data(BytesView data, const AbiList& abis) {
    for (const abi::ContractAbi* a : abis) {
        auto r = abi::decode_revert(data, a);
        if (r && r.value().kind != abi::Revert::Kind::unknown) return r.value().description;
    }
    auto r = abi::decode_revert(data);
    if (r) return r.value().description;
    return "undecodable revert data " + to_hex(data);
}

const abi::AbiEntry* function_entry(const abi::Selector& selector, const AbiList& abis) {
    for (const abi::ContractAbi* a : abis)
        if (const abi::AbiEntry* f = a->function(selector)) return f;
    return nullptr;
}

std::optional<abi::Selector> selector_of(BytesView calldata) {
    if (calldata.size() < 4) return std::nullopt;
    abi::Selector s;
    std::copy_n(calldata.begin(), 4, s.begin());
    return s;
}

std::string function_of(const Bytes& selector, const AbiList& abis) {
    if (selector.size() != 4) return {};
    const abi::AbiEntry* f = function_entry(*selector_of(selector), abis);
    return f ? f->canonical() : std::string();
}

namespace {

std::string join_values(const std::vector<abi::AbiType>& types, const std::vector<abi::AbiValue>& values) {
    std::string out;
    for (size_t i = 0; i < values.size() && i < types.size(); ++i)
        out += (i ? ", " : "") + abi::format_value(types[i], values[i]);
    return out;
}

}  // namespace

std::string describe_return_data(BytesView data, const abi::AbiEntry* function) {
    if (data.empty()) return "nothing";
    if (function) {
        const auto types = function->signature().output_types();
        auto values = abi::decode(types, data);
        if (values) {
            const std::string text = join_values(types, *values);
            return types.size() == 1 ? text : "(" + text + ")";
        }
    }
    return to_hex(data);
}

std::string describe_log(const Address& address, const std::vector<Bytes32>& topics, BytesView data,
                         const AbiList& abis) {
    if (!topics.empty()) {
        for (const abi::ContractAbi* a : abis) {
            const abi::AbiEntry* e = a->event(topics[0]);
            if (!e) continue;
            const abi::Signature sig = e->signature();
            auto args = abi::decode_log(sig, topics, data);
            if (!args) continue;
            std::string text;
            for (size_t i = 0; i < args->size(); ++i) {
                const auto& arg = (*args)[i];
                text += i ? ", " : "";
                text += arg.value ? abi::format_value(sig.inputs[i].type, *arg.value) : to_hex(arg.hash);
            }
            return e->name + "(" + text + ") of " + to_checksum(address);
        }
    }
    std::string text = "log of " + to_checksum(address) + " topics [";
    for (size_t i = 0; i < topics.size(); ++i) text += (i ? ", " : "") + to_hex(topics[i]);
    return text + "] data " + to_hex(data);
}

}  // namespace suture::verify
