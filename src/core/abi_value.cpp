// ABI values: validation, text and JSON forms, parsing from CLI text and JSON.
#include "core/abi_value.hpp"

#include <cctype>
#include <nlohmann/json.hpp>

#include "core/hex.hpp"

namespace suture::abi {
namespace {

using nlohmann::json;

const char* alternative_name(const AbiValue& v) {
    switch (v.v.index()) {
    case 0: return "an integer";
    case 1: return "a bool";
    case 2: return "an address";
    case 3: return "bytes";
    case 4: return "a string";
    default: return "a list";
    }
}

// Index of the AbiValue alternative a type's values use.
size_t alternative_of(const AbiType& t) {
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_: return 0;
    case AbiKind::bool_: return 1;
    case AbiKind::address: return 2;
    case AbiKind::fixed_bytes:
    case AbiKind::function:
    case AbiKind::bytes: return 3;
    case AbiKind::string: return 4;
    default: return 5;
    }
}

bool int_in_range(const AbiType& t, const uint256& x) {
    if (t.size == 256) return true;
    if (t.kind == AbiKind::uint_) return (x >> t.size) == 0;
    // Signed: bits N-1..255 must all equal the sign bit.
    const uint256 high = x >> (t.size - 1);
    return high == 0 || high == (uint256::max() >> (t.size - 1));
}

std::string trim(std::string_view s) {
    size_t b = 0, e = s.size();
    while (b < e && std::isspace(static_cast<unsigned char>(s[b]))) ++b;
    while (e > b && std::isspace(static_cast<unsigned char>(s[e - 1]))) --e;
    return std::string(s.substr(b, e - b));
}

Error value_error(const AbiType& t, std::string_view text, const std::string& why) {
    return input_error("abi: invalid " + t.canonical() + " value \"" + std::string(text.substr(0, 100)) +
                       "\": " + why);
}

Result<AbiValue> parse_integer(const AbiType& t, std::string_view text) {
    const bool negative = !text.empty() && text[0] == '-';
    if (negative && t.kind != AbiKind::int_) return value_error(t, text, "an unsigned integer cannot be negative");
    const std::string_view digits = negative ? text.substr(1) : text;
    if (digits.empty() || digits[0] == '+' || digits[0] == '-') return value_error(t, text, "expected a number");
    auto magnitude = uint256::parse(digits);
    if (!magnitude) return value_error(t, text, magnitude.error().message);
    uint256 x = *magnitude;
    if (negative) {
        // The magnitude of intN's minimum is 2^(N-1); anything larger wraps.
        if (x > (uint256(1) << (t.size - 1))) return value_error(t, text, "out of range");
        x = -x;
    } else if (t.kind == AbiKind::int_ && (x >> (t.size - 1)) != 0) {
        return value_error(t, text, "out of range (above the int" + std::to_string(t.size) + " maximum)");
    }
    if (!int_in_range(t, x)) return value_error(t, text, "out of range");
    return AbiValue(x);
}

Result<AbiValue> parse_hex_bytes(const AbiType& t, std::string_view text) {
    if (!text.starts_with("0x") && !text.starts_with("0X"))
        return value_error(t, text, "expected 0x-prefixed hex");
    auto b = from_hex(text);
    if (!b) return value_error(t, text, b.error().message);
    return AbiValue(std::move(*b));
}

// A scalar (not string, array or tuple) from its text.
Result<AbiValue> parse_scalar(const AbiType& t, std::string_view text) {
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_: return parse_integer(t, text);
    case AbiKind::address: {
        auto a = parse_address(text);
        if (!a) return value_error(t, text, a.error().message);
        return AbiValue(*a);
    }
    case AbiKind::bool_:
        if (text == "true") return AbiValue(true);
        if (text == "false") return AbiValue(false);
        return value_error(t, text, "expected true or false");
    default: return parse_hex_bytes(t, text);
    }
}

// Parser for the bracketed text of arrays and tuples.
class ValueParser {
public:
    explicit ValueParser(std::string_view text) : text_(text) {}

    Result<AbiValue> value(const AbiType& t, size_t depth) {
        skip_space();
        if (depth > kMaxTypeDepth) return fail("nested too deeply");
        if (t.kind == AbiKind::array || t.kind == AbiKind::fixed_array || t.kind == AbiKind::tuple) {
            const bool tuple = t.kind == AbiKind::tuple;
            const char open = peek();
            if (!(open == '[' || (tuple && open == '(')))
                return fail(tuple ? "expected '(' to start a tuple" : "expected '[' to start an array");
            const char close = open == '[' ? ']' : ')';
            ++pos_;
            AbiValue::List items;
            skip_space();
            if (peek() == close) {
                ++pos_;
            } else {
                for (;;) {
                    if (tuple && items.size() >= t.components.size())
                        return fail("tuple " + t.canonical() + " has only " + std::to_string(t.components.size()) +
                                    " members");
                    const AbiType& elem = tuple ? t.components[items.size()] : t.element();
                    SUTURE_TRY(item, value(elem, depth + 1));
                    items.push_back(std::move(item));
                    skip_space();
                    if (peek() == ',') {
                        ++pos_;
                        continue;
                    }
                    if (peek() == close) {
                        ++pos_;
                        break;
                    }
                    return fail(std::string("expected ',' or '") + close + "'");
                }
            }
            AbiValue v(std::move(items));
            SUTURE_CHECK(check_count(t, v));
            return v;
        }
        if (t.kind == AbiKind::string && peek() == '"') return quoted();
        const std::string token = bare();
        if (t.kind == AbiKind::string) return AbiValue(token);
        return parse_scalar(t, token);
    }

    bool at_end() {
        skip_space();
        return pos_ >= text_.size();
    }
    Error fail(const std::string& what) const {
        return input_error("abi: " + what + " at position " + std::to_string(pos_) + " of \"" +
                           std::string(text_.substr(0, 200)) + "\"");
    }

private:
    char peek() const { return pos_ < text_.size() ? text_[pos_] : '\0'; }
    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    // Text up to the next ',', ']' or ')' at this level, trimmed.
    std::string bare() {
        const size_t start = pos_;
        while (pos_ < text_.size() && text_[pos_] != ',' && text_[pos_] != ']' && text_[pos_] != ')') ++pos_;
        return trim(text_.substr(start, pos_ - start));
    }
    // A JSON string literal, unescaped.
    Result<AbiValue> quoted() {
        const size_t start = pos_++;
        while (pos_ < text_.size() && text_[pos_] != '"') pos_ += text_[pos_] == '\\' ? 2 : 1;
        if (pos_ >= text_.size()) return fail("unterminated string");
        ++pos_;
        const json j = json::parse(text_.substr(start, pos_ - start), nullptr, false);
        if (!j.is_string()) return fail("invalid escape in string");
        return AbiValue(j.get<std::string>());
    }
    Status check_count(const AbiType& t, const AbiValue& v) const {
        const size_t n = v.as_list().size();
        const size_t want = t.kind == AbiKind::fixed_array ? t.length
                            : t.kind == AbiKind::tuple     ? t.components.size()
                                                           : n;
        if (n != want)
            return fail(t.canonical() + " needs " + std::to_string(want) + " elements, got " + std::to_string(n));
        return {};
    }

    std::string_view text_;
    size_t pos_ = 0;
};

void append_text(std::string& out, const AbiType& t, const AbiValue& v, bool nested) {
    switch (t.kind) {
    case AbiKind::uint_: out += v.as_uint().to_dec(); return;
    case AbiKind::int_: out += int_to_dec(v.as_uint()); return;
    case AbiKind::address: out += to_checksum(v.as_address()); return;
    case AbiKind::bool_: out += v.as_bool() ? "true" : "false"; return;
    case AbiKind::fixed_bytes:
    case AbiKind::function:
    case AbiKind::bytes: out += to_hex(v.as_bytes()); return;
    case AbiKind::string:
        out += nested ? json(v.as_string()).dump(-1, ' ', false, json::error_handler_t::replace) : v.as_string();
        return;
    case AbiKind::array:
    case AbiKind::fixed_array:
    case AbiKind::tuple: {
        const bool tuple = t.kind == AbiKind::tuple;
        out += tuple ? '(' : '[';
        const auto& items = v.as_list();
        for (size_t i = 0; i < items.size(); ++i) {
            if (i) out += ", ";
            append_text(out, tuple ? t.components[i] : t.element(), items[i], true);
        }
        out += tuple ? ')' : ']';
        return;
    }
    }
}

}  // namespace

Status check_value(const AbiType& t, const AbiValue& v) {
    if (v.v.index() != alternative_of(t))
        return input_error("abi: " + t.canonical() + " value expected, got " + alternative_name(v));
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_:
        if (!int_in_range(t, v.as_uint()))
            return input_error("abi: value " + (t.kind == AbiKind::int_ ? int_to_dec(v.as_uint()) : v.as_uint().to_dec()) +
                               " out of range for " + t.canonical());
        return {};
    case AbiKind::fixed_bytes:
    case AbiKind::function: {
        const size_t want = t.kind == AbiKind::function ? 24 : t.size;
        if (v.as_bytes().size() != want)
            return input_error("abi: " + t.canonical() + " value must be exactly " + std::to_string(want) +
                               " bytes, got " + std::to_string(v.as_bytes().size()));
        return {};
    }
    case AbiKind::array:
    case AbiKind::fixed_array:
    case AbiKind::tuple: {
        const auto& items = v.as_list();
        if (t.kind == AbiKind::fixed_array && items.size() != t.length)
            return input_error("abi: " + t.canonical() + " needs " + std::to_string(t.length) + " elements, got " +
                               std::to_string(items.size()));
        if (t.kind == AbiKind::tuple && items.size() != t.components.size())
            return input_error("abi: " + t.canonical() + " needs " + std::to_string(t.components.size()) +
                               " members, got " + std::to_string(items.size()));
        for (size_t i = 0; i < items.size(); ++i) {
            auto s = check_value(t.kind == AbiKind::tuple ? t.components[i] : t.element(), items[i]);
            if (!s) return std::move(s).error().context("element " + std::to_string(i));
        }
        return {};
    }
    default: return {};
    }
}

std::string int_to_dec(const uint256& x) {
    if ((x >> 255) == 0) return x.to_dec();
    return "-" + (-x).to_dec();
}

std::string format_value(const AbiType& type, const AbiValue& value) {
    std::string out;
    append_text(out, type, value, false);
    return out;
}

json value_to_json(const AbiType& t, const AbiValue& v) {
    switch (t.kind) {
    case AbiKind::uint_: return v.as_uint().to_dec();
    case AbiKind::int_: return int_to_dec(v.as_uint());
    case AbiKind::address: return to_checksum(v.as_address());
    case AbiKind::bool_: return v.as_bool();
    case AbiKind::string: return v.as_string();
    case AbiKind::array:
    case AbiKind::fixed_array:
    case AbiKind::tuple: {
        json out = json::array();
        const auto& items = v.as_list();
        for (size_t i = 0; i < items.size(); ++i)
            out.push_back(value_to_json(t.kind == AbiKind::tuple ? t.components[i] : t.element(), items[i]));
        return out;
    }
    default: return to_hex(v.as_bytes());
    }
}

Result<AbiValue> parse_value(const AbiType& type, std::string_view text) {
    if (type.kind == AbiKind::string) return AbiValue(std::string(text));
    const std::string trimmed = trim(text);
    if (type.kind != AbiKind::array && type.kind != AbiKind::fixed_array && type.kind != AbiKind::tuple) {
        SUTURE_TRY(v, parse_scalar(type, trimmed));
        SUTURE_CHECK(check_value(type, v));
        return v;
    }
    ValueParser p(trimmed);
    SUTURE_TRY(v, p.value(type, 0));
    if (!p.at_end()) return p.fail("unexpected text after the value");
    SUTURE_CHECK(check_value(type, v));
    return v;
}

Result<std::vector<AbiValue>> parse_values(const std::vector<AbiType>& types, const std::vector<std::string>& args) {
    if (types.size() != args.size())
        return input_error("abi: " + std::to_string(types.size()) + " values expected for " + canonical_list(types) +
                           ", got " + std::to_string(args.size()));
    std::vector<AbiValue> out;
    for (size_t i = 0; i < types.size(); ++i) {
        auto v = parse_value(types[i], args[i]);
        if (!v) return std::move(v).error().context("argument " + std::to_string(i + 1));
        out.push_back(std::move(*v));
    }
    return out;
}

Result<AbiValue> value_from_json(const AbiType& t, const json& j) {
    switch (t.kind) {
    case AbiKind::uint_:
    case AbiKind::int_:
        if (j.is_number_unsigned()) {
            AbiValue v(uint256(j.get<uint64_t>()));
            SUTURE_CHECK(check_value(t, v));
            return v;
        }
        if (j.is_number_integer()) {
            AbiValue v = AbiValue::from_int(j.get<int64_t>());
            SUTURE_CHECK(check_value(t, v));
            return v;
        }
        if (j.is_string()) return parse_integer(t, j.get<std::string>());
        break;
    case AbiKind::bool_:
        if (j.is_boolean()) return AbiValue(j.get<bool>());
        if (j.is_string()) return parse_scalar(t, j.get<std::string>());
        break;
    case AbiKind::address:
    case AbiKind::string:
        if (j.is_string()) {
            if (t.kind == AbiKind::string) return AbiValue(j.get<std::string>());
            return parse_scalar(t, j.get<std::string>());
        }
        break;
    case AbiKind::fixed_bytes:
    case AbiKind::function:
    case AbiKind::bytes:
        if (j.is_string()) {
            const auto s = j.get<std::string>();
            AbiValue v;
            if (s.starts_with("0x") || s.starts_with("0X")) {
                SUTURE_TRY(b, parse_hex_bytes(t, s));
                v = std::move(b);
            } else {
                v = AbiValue(Bytes(s.begin(), s.end()));
            }
            SUTURE_CHECK(check_value(t, v));
            return v;
        }
        break;
    case AbiKind::array:
    case AbiKind::fixed_array:
    case AbiKind::tuple: {
        const bool tuple = t.kind == AbiKind::tuple;
        AbiValue::List items;
        if (tuple && j.is_object() && t.names.size() == t.components.size()) {
            for (size_t i = 0; i < t.components.size(); ++i) {
                if (!j.contains(t.names[i])) return input_error("abi: tuple member \"" + t.names[i] + "\" missing");
                SUTURE_TRY(item, value_from_json(t.components[i], j[t.names[i]]));
                items.push_back(std::move(item));
            }
            return AbiValue(std::move(items));
        }
        if (!j.is_array()) break;
        if (tuple && j.size() != t.components.size())
            return input_error("abi: " + t.canonical() + " needs " + std::to_string(t.components.size()) +
                               " members, got " + std::to_string(j.size()));
        for (size_t i = 0; i < j.size(); ++i) {
            auto item = value_from_json(tuple ? t.components[i] : t.element(), j[i]);
            if (!item) return std::move(item).error().context("element " + std::to_string(i));
            items.push_back(std::move(*item));
        }
        AbiValue v(std::move(items));
        SUTURE_CHECK(check_value(t, v));
        return v;
    }
    }
    return input_error("abi: JSON " + std::string(j.type_name()) + " is not a valid " + t.canonical() + " value");
}

}  // namespace suture::abi
