#include "solidity/json_fast_parse.hpp"

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <deque>
#include <string>
#include <unordered_set>
#include <utility>
#include <vector>

namespace suture::solidity {

namespace {

constexpr uint64_t kOnes = 0x0101010101010101ull;
constexpr uint64_t kHigh = 0x8080808080808080ull;

// Nonzero when some byte of `w` is zero (exact as a yes/no answer).
constexpr uint64_t has_zero_byte(uint64_t w) { return (w - kOnes) & ~w & kHigh; }

// Eight string bytes that need no attention: printable ASCII, no quote, no backslash.
bool plain8(const char* p) {
    uint64_t w;
    std::memcpy(&w, p, 8);
    uint64_t control = (w - kOnes * 0x20) & ~w & kHigh;  // some byte < 0x20 (or >= 0x80, caught below)
    return ((w & kHigh) | control | has_zero_byte(w ^ (kOnes * '"')) | has_zero_byte(w ^ (kOnes * '\\'))) == 0;
}

bool plain(unsigned char c) { return c >= 0x20 && c < 0x80 && c != '"' && c != '\\'; }

bool is_digit(char c) { return c >= '0' && c <= '9'; }

void append_utf8(std::string& out, uint32_t cp) {
    if (cp < 0x80) {
        out += static_cast<char>(cp);
    } else if (cp < 0x800) {
        out += static_cast<char>(0xC0 | (cp >> 6));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else if (cp < 0x10000) {
        out += static_cast<char>(0xE0 | (cp >> 12));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    } else {
        out += static_cast<char>(0xF0 | (cp >> 18));
        out += static_cast<char>(0x80 | ((cp >> 12) & 0x3F));
        out += static_cast<char>(0x80 | ((cp >> 6) & 0x3F));
        out += static_cast<char>(0x80 | (cp & 0x3F));
    }
}

// Recursive descent over the kept values (at most kMaxJsonDepth deep); dropped
// values are skipped by an iterative loop (skip_value).
class Parser {
public:
    Parser(std::string_view text, JsonKeyFilter drop)
        : begin_(text.data()), p_(text.data()), end_(text.data() + text.size()), drop_(drop) {}

    FastParseResult document(Json& out) {
        if (end_ - p_ >= 3 && std::memcmp(p_, "\xEF\xBB\xBF", 3) == 0) p_ += 3;  // nlohmann skips a UTF-8 BOM too
        skip_ws();
        bool ok = value(&out, 0);
        if (ok) skip_ws();
        FastParseResult r;
        if (!ok || p_ != end_) r.kind = too_deep_ ? FastParseResult::too_deep : FastParseResult::invalid;
        r.offset = static_cast<size_t>(std::min(p_, end_) - begin_);
        return r;
    }

private:
    void skip_ws() {
        while (p_ < end_ && (*p_ == ' ' || *p_ == '\n' || *p_ == '\r' || *p_ == '\t')) ++p_;
    }

    // A value into `out`, or skipped when `out` is null.
    bool value(Json* out, int depth) {
        if (!out) return skip_value();
        if (p_ >= end_) return false;
        switch (*p_) {
        case '{': return object(*out, depth + 1);
        case '[': return array(*out, depth + 1);
        default: return scalar(out);
        }
    }

    // Members and elements are gathered in a scratch buffer of their nesting
    // depth (reused by every container at that depth) and moved into a
    // container of exactly their count: growing the container in place would
    // leave every outgrown buffer behind in the document's arena.
    bool object(Json& out, int depth) {
        if (depth > kMaxJsonDepth) return too_deep();
        ++p_;  // '{'
        skip_ws();
        if (p_ < end_ && *p_ == '}') {
            ++p_;
            out = Json(Json::value_t::object);
            return true;
        }
        auto& members = scratch(member_scratch_, depth);
        const size_t first = members.size();
        std::string key;
        for (;;) {
            skip_ws();
            if (p_ >= end_ || *p_ != '"') return false;
            ++p_;
            std::string_view name;
            if (!key_string(key, name)) return false;
            skip_ws();
            if (p_ >= end_ || *p_ != ':') return false;
            ++p_;
            skip_ws();
            Json* slot = nullptr;
            if (!drop_(depth, name)) slot = &members.emplace_back(std::string(name), Json()).second;
            if (!value(slot, depth)) return false;
            skip_ws();
            if (p_ >= end_) return false;
            char c = *p_++;
            if (c == '}') break;
            if (c != ',') return false;
        }
        out = Json(Json::value_t::object);
        auto* obj = out.get_ptr<Json::object_t*>();
        obj->reserve(members.size() - first);
        if (!unique_keys(members, first)) {
            // A repeated key: the last one wins, as with nlohmann's parser.
            for (size_t i = first; i < members.size(); ++i) (*obj)[members[i].first] = std::move(members[i].second);
        } else {
            for (size_t i = first; i < members.size(); ++i)
                obj->Json::object_t::Container::emplace_back(std::move(members[i].first), std::move(members[i].second));
        }
        members.resize(first);
        return true;
    }

    bool array(Json& out, int depth) {
        if (depth > kMaxJsonDepth) return too_deep();
        ++p_;  // '['
        skip_ws();
        if (p_ < end_ && *p_ == ']') {
            ++p_;
            out = Json(Json::value_t::array);
            return true;
        }
        auto& elements = scratch(element_scratch_, depth);
        const size_t first = elements.size();
        for (;;) {
            skip_ws();
            if (!value(&elements.emplace_back(), depth)) return false;
            skip_ws();
            if (p_ >= end_) return false;
            char c = *p_++;
            if (c == ']') break;
            if (c != ',') return false;
        }
        out = Json(Json::value_t::array);
        auto* arr = out.get_ptr<Json::array_t*>();
        arr->reserve(elements.size() - first);
        for (size_t i = first; i < elements.size(); ++i) arr->push_back(std::move(elements[i]));
        elements.resize(first);
        return true;
    }

    // The scratch buffer of `depth`, made when first needed.
    template <class T>
    static std::vector<T>& scratch(std::deque<std::vector<T>>& per_depth, int depth) {
        while (per_depth.size() <= static_cast<size_t>(depth)) per_depth.emplace_back();
        return per_depth[static_cast<size_t>(depth)];
    }

    bool too_deep() {
        too_deep_ = true;
        return false;
    }

    // Past one value that is not kept. A loop with its own stack of open
    // containers, not recursion: a dropped part may nest as deep as the file
    // is long, and only the kind of each open container has to be remembered.
    bool skip_value() {
        std::vector<bool>& open = skip_stack_;  // per open container: is it an object
        open.clear();
        for (;;) {
            skip_ws();
            if (p_ >= end_) return false;
            const char c = *p_;
            if (c == '{' || c == '[') {
                ++p_;
                skip_ws();
                const bool obj = c == '{';
                if (p_ < end_ && *p_ == (obj ? '}' : ']')) {
                    ++p_;  // empty: a complete value
                } else {
                    open.push_back(obj);
                    if (obj && !skip_member_name()) return false;
                    continue;  // the first member's value or element
                }
            } else if (!scalar(nullptr)) {
                return false;
            }
            // After a complete value: close containers until one continues.
            for (;;) {
                if (open.empty()) return true;
                skip_ws();
                if (p_ >= end_) return false;
                const char d = *p_++;
                if (d == ',') {
                    if (open.back() && !skip_member_name()) return false;
                    break;
                }
                if (d != (open.back() ? '}' : ']')) return false;
                open.pop_back();
            }
        }
    }

    // `"name" :` inside a skipped object.
    bool skip_member_name() {
        skip_ws();
        if (p_ >= end_ || *p_ != '"') return false;
        ++p_;
        if (!string(nullptr)) return false;
        skip_ws();
        if (p_ >= end_ || *p_ != ':') return false;
        ++p_;
        return true;
    }

    // A string, literal or number (`out` null: validated only).
    bool scalar(Json* out) {
        switch (*p_) {
        case '"':
            ++p_;
            if (!out) return string(nullptr);
            *out = Json(Json::value_t::string);
            return string(out->get_ptr<Json::string_t*>());
        case 't': return literal("true", out, Json(true));
        case 'f': return literal("false", out, Json(false));
        case 'n': return literal("null", out, Json(nullptr));
        default: return number(out);
        }
    }

    using Member = std::pair<std::string, Json>;

    // Whether members[first..] have distinct keys. Small objects (nearly all of
    // an AST) compare pairwise; large ones use a hash set, so an artifact with
    // a huge object cannot make parsing quadratic.
    static bool unique_keys(const std::vector<Member>& members, size_t first) {
        const size_t n = members.size() - first;
        if (n <= 16) {
            for (size_t i = first; i < members.size(); ++i)
                for (size_t j = i + 1; j < members.size(); ++j)
                    if (members[i].first == members[j].first) return false;
            return true;
        }
        std::unordered_set<std::string_view> seen;
        seen.reserve(n);
        for (size_t i = first; i < members.size(); ++i)
            if (!seen.insert(members[i].first).second) return false;
        return true;
    }

    // A member name, after its opening quote: a view of the text when it holds
    // no escape and no multi-byte character (every name solc writes), else
    // decoded into `buf`.
    bool key_string(std::string& buf, std::string_view& name) {
        const char* start = p_;
        skip_plain();
        if (p_ < end_ && *p_ == '"') {
            name = std::string_view(start, static_cast<size_t>(p_ - start));
            ++p_;
            return true;
        }
        buf.assign(start, p_);  // the plain part; string() appends the rest
        if (!string(&buf)) return false;
        name = buf;
        return true;
    }

    // Past the string bytes that need no attention (see plain8).
    void skip_plain() {
        while (end_ - p_ >= 8 && plain8(p_)) p_ += 8;
        while (p_ < end_ && plain(static_cast<unsigned char>(*p_))) ++p_;
    }

    // After the opening quote, up to and including the closing one.
    bool string(std::string* out) {
        for (;;) {
            const char* run = p_;
            skip_plain();
            if (out) out->append(run, p_);
            if (p_ >= end_) return false;
            unsigned char c = static_cast<unsigned char>(*p_);
            if (c == '"') {
                ++p_;
                return true;
            }
            if (c == '\\') {
                if (!escape(out)) return false;
            } else if (c < 0x20) {
                return false;  // control characters must be escaped (RFC 8259 section 7)
            } else {
                const char* seq = p_;
                if (!utf8_sequence()) return false;
                if (out) out->append(seq, p_);
            }
        }
    }

    bool escape(std::string* out) {
        ++p_;  // '\\'
        if (p_ >= end_) return false;
        char decoded;
        switch (*p_++) {
        case '"': decoded = '"'; break;
        case '\\': decoded = '\\'; break;
        case '/': decoded = '/'; break;
        case 'b': decoded = '\b'; break;
        case 'f': decoded = '\f'; break;
        case 'n': decoded = '\n'; break;
        case 'r': decoded = '\r'; break;
        case 't': decoded = '\t'; break;
        case 'u': return unicode_escape(out);
        default: return false;
        }
        if (out) *out += decoded;
        return true;
    }

    bool hex4(uint32_t& v) {
        if (end_ - p_ < 4) return false;
        v = 0;
        for (int i = 0; i < 4; ++i) {
            char c = *p_++;
            v <<= 4;
            if (c >= '0' && c <= '9')
                v |= static_cast<uint32_t>(c - '0');
            else if (c >= 'a' && c <= 'f')
                v |= static_cast<uint32_t>(c - 'a' + 10);
            else if (c >= 'A' && c <= 'F')
                v |= static_cast<uint32_t>(c - 'A' + 10);
            else
                return false;
        }
        return true;
    }

    // RFC 8259 section 7: characters outside the BMP as a UTF-16 surrogate pair.
    bool unicode_escape(std::string* out) {
        uint32_t cp;
        if (!hex4(cp)) return false;
        if (cp >= 0xDC00 && cp <= 0xDFFF) return false;  // a low surrogate alone
        if (cp >= 0xD800 && cp <= 0xDBFF) {
            if (end_ - p_ < 2 || p_[0] != '\\' || p_[1] != 'u') return false;
            p_ += 2;
            uint32_t lo;
            if (!hex4(lo) || lo < 0xDC00 || lo > 0xDFFF) return false;
            cp = 0x10000 + ((cp - 0xD800) << 10) + (lo - 0xDC00);
        }
        if (out) append_utf8(*out, cp);
        return true;
    }

    // One well-formed multi-byte UTF-8 sequence (RFC 3629 section 4), as nlohmann checks.
    bool utf8_sequence() {
        auto at = [&](int i) { return static_cast<unsigned char>(p_[i]); };
        unsigned char c = at(0);
        int n = 0;
        unsigned lo = 0x80, hi = 0xBF;  // range of the second byte
        if (c >= 0xC2 && c <= 0xDF) {
            n = 2;
        } else if (c >= 0xE0 && c <= 0xEF) {
            n = 3;
            if (c == 0xE0) lo = 0xA0;  // no overlong forms
            if (c == 0xED) hi = 0x9F;  // no surrogates
        } else if (c >= 0xF0 && c <= 0xF4) {
            n = 4;
            if (c == 0xF0) lo = 0x90;
            if (c == 0xF4) hi = 0x8F;  // nothing above U+10FFFF
        } else {
            return false;
        }
        if (end_ - p_ < n) return false;
        if (at(1) < lo || at(1) > hi) return false;
        for (int i = 2; i < n; ++i)
            if (at(i) < 0x80 || at(i) > 0xBF) return false;
        p_ += n;
        return true;
    }

    bool literal(std::string_view word, Json* out, Json v) {
        if (static_cast<size_t>(end_ - p_) < word.size() || std::memcmp(p_, word.data(), word.size()) != 0) return false;
        p_ += word.size();
        if (out) *out = std::move(v);
        return true;
    }

    // Integers become unsigned (non-negative) or signed (negative) 64-bit
    // numbers when they fit, anything else a double: nlohmann's choices.
    bool number(Json* out) {
        const char* start = p_;
        bool neg = *p_ == '-';
        if (neg) ++p_;
        if (p_ >= end_ || !is_digit(*p_)) return false;
        if (*p_ == '0')
            ++p_;
        else
            while (p_ < end_ && is_digit(*p_)) ++p_;
        const char* int_end = p_;
        bool integral = true;
        if (p_ < end_ && *p_ == '.') {
            ++p_;
            if (p_ >= end_ || !is_digit(*p_)) return false;
            while (p_ < end_ && is_digit(*p_)) ++p_;
            integral = false;
        }
        if (p_ < end_ && (*p_ == 'e' || *p_ == 'E')) {
            ++p_;
            if (p_ < end_ && (*p_ == '+' || *p_ == '-')) ++p_;
            if (p_ >= end_ || !is_digit(*p_)) return false;
            while (p_ < end_ && is_digit(*p_)) ++p_;
            integral = false;
        }
        // An integer of up to 19 digits is exact; anything else may overflow a double.
        if (!out && integral && int_end - start <= 19) return true;
        if (integral && out) {
            uint64_t v = 0;
            bool fits = true;
            for (const char* d = start + (neg ? 1 : 0); d < int_end && fits; ++d) {
                auto digit = static_cast<uint64_t>(*d - '0');
                if (v > (UINT64_MAX - digit) / 10) fits = false;
                v = v * 10 + digit;
            }
            if (fits && !neg) {
                *out = v;
                return true;
            }
            constexpr uint64_t kMinMagnitude = static_cast<uint64_t>(INT64_MAX) + 1;
            if (fits && v <= kMinMagnitude) {
                *out = v == kMinMagnitude ? INT64_MIN : -static_cast<int64_t>(v);
                return true;
            }
        }
        std::string token(start, p_);
        const double d = std::strtod(token.c_str(), nullptr);
        if (!std::isfinite(d)) return false;  // 1e400: nlohmann refuses it as a number overflow, and so does this
        if (out) *out = d;
        return true;
    }

    const char* begin_;
    const char* p_;
    const char* end_;
    JsonKeyFilter drop_;
    bool too_deep_ = false;
    std::vector<bool> skip_stack_;
    // Scratch buffers per nesting depth. A container holds a reference to its
    // depth's buffer while deeper ones are added: a deque keeps it valid.
    std::deque<std::vector<Member>> member_scratch_;
    std::deque<std::vector<Json>> element_scratch_;
};

}  // namespace

FastParseResult fast_parse_json(std::string_view text, JsonKeyFilter drop, Json& out) {
    return Parser(text, drop).document(out);
}

}  // namespace suture::solidity
