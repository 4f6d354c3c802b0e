#include "verify/foundry_console.hpp"

#include <unordered_map>

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "verify/foundry_addresses.hpp"
#include "verify/foundry_signatures.hpp"

namespace suture::verify::foundry {
namespace {

struct SelectorHash {
    size_t operator()(const abi::Selector& s) const noexcept {
        return size_t(s[0]) << 24 | size_t(s[1]) << 16 | size_t(s[2]) << 8 | s[3];
    }
};

using SignatureTable = std::unordered_map<abi::Selector, abi::Signature, SelectorHash>;

// Replaces every whole-word `from` type in a canonical signature with `to`.
std::string replace_type(std::string sig, std::string_view from, std::string_view to) {
    for (size_t pos = sig.find(from); pos != std::string::npos; pos = sig.find(from, pos)) {
        const char before = sig[pos - 1];
        const char after = pos + from.size() < sig.size() ? sig[pos + from.size()] : ')';
        if ((before == '(' || before == ',') && (after == ',' || after == ')')) {
            sig.replace(pos, from.size(), to);
            pos += to.size();
        } else {
            pos += from.size();
        }
    }
    return sig;
}

const SignatureTable& console_table() {
    static const SignatureTable table = [] {
        SignatureTable t;
        auto add = [&](const std::string& text) {
            auto sig = abi::parse_signature(text);
            if (sig.ok()) t.emplace(abi::selector(text), std::move(*sig));
        };
        for (std::string_view s : console_signatures()) {
            const std::string sig(s);
            add(sig);
            // Hardhat's console.sol hashes `uint`/`int`; contracts built with it
            // send those selectors for the same arguments.
            add(replace_type(replace_type(sig, "uint256", "uint"), "int256", "int"));
        }
        return t;
    }();
    return table;
}

std::string format_arg(const abi::AbiType& t, const abi::AbiValue& v) { return abi::format_value(t, v); }

bool is_integer(const abi::AbiType& t) { return t.kind == abi::AbiKind::uint_ || t.kind == abi::AbiKind::int_; }

// forge's console format: specifiers in a first string argument consume the
// following arguments; the rest are appended, separated by spaces.
std::string format_line(const std::vector<abi::AbiType>& types, const std::vector<abi::AbiValue>& values) {
    std::string out;
    size_t next = 0;
    if (!types.empty() && types[0].kind == abi::AbiKind::string) {
        const std::string& fmt = values[0].as_string();
        next = 1;
        for (size_t i = 0; i < fmt.size(); ++i) {
            const char c = fmt[i];
            if (c != '%' || i + 1 == fmt.size()) {
                out += c;
                continue;
            }
            const char spec = fmt[i + 1];
            if (spec == '%') {
                out += '%';
                ++i;
                continue;
            }
            if (spec != 's' && spec != 'd' && spec != 'i' && spec != 'x' && spec != 'o' && spec != 'e') {
                out += c;
                continue;
            }
            ++i;
            if (next >= types.size()) {
                out += '%';
                out += spec;
                continue;
            }
            const auto& t = types[next];
            const auto& v = values[next++];
            if (spec == 'x' && is_integer(t)) out += v.as_uint().to_hex();
            else out += format_arg(t, v);
        }
    }
    for (; next < types.size(); ++next) {
        if (!out.empty()) out += ' ';
        out += format_arg(types[next], values[next]);
    }
    return out;
}

}  // namespace

std::optional<std::string> format_console_call(BytesView calldata) {
    if (calldata.size() < 4) return std::nullopt;
    abi::Selector sel;
    std::copy(calldata.begin(), calldata.begin() + 4, sel.begin());
    const auto& table = console_table();
    auto it = table.find(sel);
    if (it == table.end()) return std::nullopt;
    const auto types = it->second.input_types();
    auto values = abi::decode(types, calldata.subspan(4), abi::DecodeOptions{false});
    if (!values.ok()) return std::nullopt;
    return format_line(types, *values);
}

std::string format_decimal(const uint256& value, unsigned decimals, bool is_signed) {
    const bool negative = is_signed && (value >> 255);
    std::string digits = (negative ? -value : value).to_dec();
    if (decimals > 0) {
        if (digits.size() <= decimals) digits.insert(0, decimals + 1 - digits.size(), '0');
        digits.insert(digits.size() - decimals, ".");
    }
    return negative ? "-" + digits : digits;
}

std::optional<std::string> format_ds_log(const evm::Log& log) {
    static const std::unordered_map<Bytes32, abi::Signature, Bytes32Hash> events = [] {
        std::unordered_map<Bytes32, abi::Signature, Bytes32Hash> m;
        for (const char* s :
             {"log(string)", "logs(bytes)", "log_address(address)", "log_bytes32(bytes32)", "log_int(int256)",
              "log_uint(uint256)", "log_bytes(bytes)", "log_string(string)", "log_named_address(string,address)",
              "log_named_bytes32(string,bytes32)", "log_named_decimal_int(string,int256,uint256)",
              "log_named_decimal_uint(string,uint256,uint256)", "log_named_int(string,int256)",
              "log_named_uint(string,uint256)", "log_named_bytes(string,bytes)", "log_named_string(string,string)",
              "log_array(uint256[])", "log_array(int256[])", "log_array(address[])",
              "log_named_array(string,uint256[])", "log_named_array(string,int256[])",
              "log_named_array(string,address[])"}) {
            auto sig = abi::parse_signature(s);
            if (sig.ok()) m.emplace(abi::event_topic(s), std::move(*sig));
        }
        return m;
    }();
    if (log.topics.size() != 1) return std::nullopt;
    auto it = events.find(log.topics[0]);
    if (it == events.end()) return std::nullopt;
    const abi::Signature& sig = it->second;
    const auto types = sig.input_types();
    auto values = abi::decode(types, log.data, abi::DecodeOptions{false});
    if (!values.ok()) return std::nullopt;
    const auto& v = *values;
    auto fmt = [&](size_t i) { return format_arg(types[i], v[i]); };
    if (sig.name.rfind("log_named_decimal_", 0) == 0) {
        const uint256& decimals = v[2].as_uint();
        if (!decimals.fits_u64() || decimals.low64() > 77) return v[0].as_string() + ": " + fmt(1);
        return v[0].as_string() + ": " +
               format_decimal(v[1].as_uint(), unsigned(decimals.low64()), sig.name == "log_named_decimal_int");
    }
    if (sig.name.rfind("log_named_", 0) == 0) return v[0].as_string() + ": " + fmt(1);
    return fmt(0);
}

evm::Log console_log_event(const std::string& text) {
    evm::Log log;
    log.address = kConsoleAddress;
    log.topics.push_back(abi::event_topic("log(string)"));
    auto data = abi::encode({abi::AbiType::simple(abi::AbiKind::string)}, {abi::AbiValue(text)});
    if (data.ok()) log.data = std::move(*data);
    return log;
}

}  // namespace suture::verify::foundry
