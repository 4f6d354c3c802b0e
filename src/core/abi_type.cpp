// Solidity ABI type and signature parsing.
#include "core/abi_type.hpp"

#include <cctype>

namespace suture::abi {
namespace {

bool is_ident_char(char c) {
    return std::isalnum(static_cast<unsigned char>(c)) || c == '_' || c == '$';
}

// Recursive-descent parser over a type or signature text; errors name the
// character position.
class Parser {
public:
    explicit Parser(std::string_view text) : text_(text) {}

    Error fail(const std::string& what) const {
        return input_error("abi: " + what + " at position " + std::to_string(pos_) + " of \"" +
                           std::string(text_.substr(0, 200)) + "\"");
    }
    void skip_space() {
        while (pos_ < text_.size() && std::isspace(static_cast<unsigned char>(text_[pos_]))) ++pos_;
    }
    bool at_end() {
        skip_space();
        return pos_ >= text_.size();
    }
    char peek() {
        skip_space();
        return pos_ < text_.size() ? text_[pos_] : '\0';
    }
    bool accept(char c) {
        if (peek() != c) return false;
        ++pos_;
        return true;
    }
    std::string_view ident() {
        skip_space();
        const size_t start = pos_;
        while (pos_ < text_.size() && is_ident_char(text_[pos_])) ++pos_;
        return text_.substr(start, pos_ - start);
    }
    // Consumes `word` if it is the next identifier.
    bool accept_word(std::string_view word) {
        const size_t saved = pos_;
        if (ident() == word) return true;
        pos_ = saved;
        return false;
    }

    Result<AbiType> type(size_t depth) {
        if (depth > kMaxTypeDepth) return fail("types nested deeper than " + std::to_string(kMaxTypeDepth));
        AbiType t;
        if (peek() == '(' || accept_word("tuple")) {
            SUTURE_TRY(members, type_list(depth + 1));
            t = AbiType::tuple_of(std::move(members));
        } else {
            const std::string_view name = ident();
            if (name.empty()) return fail("expected a type");
            SUTURE_TRY(base, elementary(name));
            t = std::move(base);
        }
        // Array suffixes apply left to right: uint8[2][] is a dynamic array of uint8[2].
        while (accept('[')) {
            // An array of zero-size elements could claim any length for free.
            if (!t.is_dynamic() && t.head_size() == 0) return fail("array of empty tuples");
            if (accept(']')) {
                t = AbiType::array_of(std::move(t));
                continue;
            }
            skip_space();
            const size_t start = pos_;
            uint64_t k = 0;
            while (pos_ < text_.size() && std::isdigit(static_cast<unsigned char>(text_[pos_]))) {
                if (k > kMaxStaticSize) return fail("fixed array length too large");
                k = k * 10 + static_cast<uint64_t>(text_[pos_++] - '0');
            }
            if (pos_ == start) return fail("expected an array length or ']'");
            if (k == 0) return fail("fixed array length must be at least 1");
            if (!accept(']')) return fail("expected ']'");
            if (++depth > kMaxTypeDepth) return fail("types nested deeper than " + std::to_string(kMaxTypeDepth));
            const size_t elem = t.head_size();
            if (!t.is_dynamic() && (k > kMaxStaticSize || elem * k > kMaxStaticSize))
                return fail("fixed array of " + std::to_string(k) + " elements is too large");
            t = AbiType::fixed_array_of(std::move(t), static_cast<size_t>(k));
        }
        return t;
    }

    // "(" [type ("," type)*] ")" — the opening parenthesis not yet consumed.
    Result<std::vector<AbiType>> type_list(size_t depth) {
        SUTURE_TRY(params, param_list(depth, /*with_names=*/false));
        std::vector<AbiType> types;
        for (auto& p : params) types.push_back(std::move(p.type));
        return types;
    }

    // "(" [param ("," param)*] ")" where param = type [location] [indexed] [name].
    Result<std::vector<Param>> param_list(size_t depth, bool with_names) {
        if (!accept('(')) return fail("expected '('");
        std::vector<Param> params;
        if (accept(')')) return params;
        do {
            Param p;
            SUTURE_TRY(t, type(depth));
            p.type = std::move(t);
            if (with_names) {
                for (bool more = true; more;) {
                    more = false;
                    for (std::string_view kw : {"memory", "calldata", "storage", "payable"})
                        if (accept_word(kw)) more = true;
                    if (accept_word("indexed")) p.indexed = more = true;
                }
                if (is_ident_char(peek())) p.name = std::string(ident());
            }
            params.push_back(std::move(p));
        } while (accept(','));
        if (!accept(')')) return fail("expected ',' or ')'");
        return params;
    }

    Result<AbiType> elementary(std::string_view name) {
        auto number_after = [&](std::string_view prefix, unsigned& out) -> bool {
            if (name.size() <= prefix.size()) return false;
            unsigned v = 0;
            for (char c : name.substr(prefix.size())) {
                if (!std::isdigit(static_cast<unsigned char>(c)) || v > 1000) return false;
                v = v * 10 + static_cast<unsigned>(c - '0');
            }
            if (name[prefix.size()] == '0') return false;  // no leading zeros: uint08
            out = v;
            return true;
        };
        if (name == "address") return AbiType::simple(AbiKind::address);
        if (name == "bool") return AbiType::simple(AbiKind::bool_);
        if (name == "string") return AbiType::simple(AbiKind::string);
        if (name == "bytes") return AbiType::simple(AbiKind::bytes);
        if (name == "function") return AbiType::simple(AbiKind::function);
        if (name == "uint") return AbiType::uint(256);
        if (name == "int") return AbiType::int_(256);
        if (name == "byte") return AbiType::fixed_bytes(1);
        unsigned n = 0;
        if (name.starts_with("uint") || name.starts_with("int")) {
            const bool is_signed = name[0] == 'i';
            if (!number_after(is_signed ? "int" : "uint", n) || n % 8 != 0 || n < 8 || n > 256)
                return fail("invalid integer type \"" + std::string(name) + "\" (N must be 8..256, a multiple of 8)");
            return is_signed ? AbiType::int_(n) : AbiType::uint(n);
        }
        if (name.starts_with("bytes")) {
            if (!number_after("bytes", n) || n < 1 || n > 32)
                return fail("invalid type \"" + std::string(name) + "\" (bytesN needs 1 <= N <= 32)");
            return AbiType::fixed_bytes(n);
        }
        if (name.starts_with("fixed") || name.starts_with("ufixed"))
            return Error{ErrorKind::unsupported, "abi: fixed-point type \"" + std::string(name) +
                                                     "\" is not supported (Solidity cannot use it either)"};
        return fail("unknown type \"" + std::string(name) + "\"");
    }

    std::string_view text_;
    size_t pos_ = 0;
};

void append_canonical(std::string& out, const AbiType& t) {
    switch (t.kind) {
    case AbiKind::uint_: out += "uint" + std::to_string(t.size); return;
    case AbiKind::int_: out += "int" + std::to_string(t.size); return;
    case AbiKind::address: out += "address"; return;
    case AbiKind::bool_: out += "bool"; return;
    case AbiKind::fixed_bytes: out += "bytes" + std::to_string(t.size); return;
    case AbiKind::function: out += "function"; return;
    case AbiKind::bytes: out += "bytes"; return;
    case AbiKind::string: out += "string"; return;
    case AbiKind::array: append_canonical(out, t.element()); out += "[]"; return;
    case AbiKind::fixed_array:
        append_canonical(out, t.element());
        out += "[" + std::to_string(t.length) + "]";
        return;
    case AbiKind::tuple:
        out += '(';
        for (size_t i = 0; i < t.components.size(); ++i) {
            if (i) out += ',';
            append_canonical(out, t.components[i]);
        }
        out += ')';
        return;
    }
}

}  // namespace

std::string AbiType::canonical() const {
    std::string out;
    append_canonical(out, *this);
    return out;
}

bool AbiType::is_dynamic() const {
    switch (kind) {
    case AbiKind::bytes:
    case AbiKind::string:
    case AbiKind::array: return true;
    case AbiKind::fixed_array: return element().is_dynamic();
    case AbiKind::tuple:
        for (const auto& c : components)
            if (c.is_dynamic()) return true;
        return false;
    default: return false;
    }
}

size_t AbiType::head_size() const {
    if (is_dynamic()) return 32;
    if (kind == AbiKind::fixed_array) return length * element().head_size();
    if (kind == AbiKind::tuple) {
        size_t total = 0;
        for (const auto& c : components) total += c.head_size();
        return total;
    }
    return 32;
}

Result<AbiType> parse_type(std::string_view text) {
    Parser p(text);
    SUTURE_TRY(t, p.type(0));
    if (!p.at_end()) return p.fail("unexpected text after the type");
    return t;
}

Result<Signature> parse_signature(std::string_view text) {
    Parser p(text);
    for (std::string_view kw : {"function", "event", "error", "constructor"}) {
        const size_t before = p.pos_;
        if (p.accept_word(kw)) {
            // "constructor" is its own name; a keyword followed by "(" is the
            // name itself, so a canonical form such as "event((uint256))"
            // parses back to itself (found by fuzz_abi_parse).
            if (kw == "constructor" || p.peek() == '(') p.pos_ = before;
            break;
        }
    }
    Signature sig;
    sig.name = std::string(p.ident());
    if (sig.name.empty() && p.peek() != '(') return p.fail("expected a function name");
    SUTURE_TRY(inputs, p.param_list(0, true));
    sig.inputs = std::move(inputs);
    // Modifiers between the inputs and "returns" in human-readable ABIs.
    for (bool more = true; more;) {
        more = false;
        for (std::string_view kw : {"external", "public", "view", "pure", "payable", "nonpayable", "anonymous"})
            if (p.accept_word(kw)) more = true;
    }
    const bool has_returns = p.accept_word("returns");
    if (has_returns || p.peek() == '(') {
        SUTURE_TRY(outputs, p.param_list(0, true));
        sig.outputs = std::move(outputs);
    }
    if (!p.at_end()) return p.fail("unexpected text after the signature");
    return sig;
}

std::string canonical_list(const std::vector<AbiType>& types) {
    return AbiType::tuple_of(types).canonical();
}

std::string Signature::canonical() const { return name + canonical_list(input_types()); }

std::vector<AbiType> Signature::input_types() const {
    std::vector<AbiType> out;
    for (const auto& p : inputs) out.push_back(p.type);
    return out;
}

std::vector<AbiType> Signature::output_types() const {
    std::vector<AbiType> out;
    for (const auto& p : outputs) out.push_back(p.type);
    return out;
}

}  // namespace suture::abi
