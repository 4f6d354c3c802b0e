#include "upgrade/code_metadata.hpp"

#include <cstdint>

namespace suture::upgrade {
namespace {

// A bounded reader of definite-length CBOR (RFC 8949). solc writes only
// definite lengths, so indefinite ones (additional info 31) are refused.
class CborReader {
public:
    explicit CborReader(BytesView in) : in_(in) {}

    bool at_end() const { return pos_ == in_.size(); }

    // Reads one item header: major type and argument.
    bool header(uint8_t& major, uint64_t& arg) {
        if (pos_ >= in_.size()) return false;
        uint8_t b = in_[pos_++];
        major = b >> 5;
        uint8_t info = b & 0x1f;
        if (info < 24) {
            arg = info;
            return true;
        }
        if (info > 27) return false;  // 28..30 reserved, 31 indefinite length
        size_t n = size_t(1) << (info - 24);  // 1, 2, 4 or 8 bytes
        if (in_.size() - pos_ < n) return false;
        arg = 0;
        for (size_t i = 0; i < n; ++i) arg = (arg << 8) | in_[pos_++];
        return true;
    }

    // Reads `n` payload bytes of a byte or text string.
    bool payload(uint64_t n, BytesView& out) {
        if (n > in_.size() - pos_) return false;
        out = in_.subspan(pos_, size_t(n));
        pos_ += size_t(n);
        return true;
    }

    // Skips one whole item; nesting is bounded so hostile input cannot recurse deeply.
    bool skip(int depth = 0) {
        if (depth > 8) return false;
        uint8_t major;
        uint64_t arg;
        if (!header(major, arg)) return false;
        BytesView ignored;
        switch (major) {
        case 0:
        case 1:
        case 7: return true;  // integers; simple values and floats carry no nested items
        case 2:
        case 3: return payload(arg, ignored);
        case 4:
            for (uint64_t i = 0; i < arg; ++i)
                if (!skip(depth + 1)) return false;
            return true;
        case 5:
            for (uint64_t i = 0; i < arg * 2; ++i)
                if (!skip(depth + 1)) return false;
            return true;
        case 6: return skip(depth + 1);  // a tag wraps one item
        }
        return false;
    }

private:
    BytesView in_;
    size_t pos_ = 0;
};

std::string as_text(BytesView b) { return std::string(b.begin(), b.end()); }

}  // namespace

std::optional<CodeMetadata> parse_code_metadata(BytesView code) {
    if (code.size() < 2) return std::nullopt;
    size_t cbor_len = (size_t(code[code.size() - 2]) << 8) | code[code.size() - 1];
    if (cbor_len == 0 || cbor_len + 2 > code.size()) return std::nullopt;
    CborReader r(code.subspan(code.size() - 2 - cbor_len, cbor_len));
    uint8_t major;
    uint64_t entries;
    if (!r.header(major, entries) || major != 5 || entries == 0) return std::nullopt;
    CodeMetadata m;
    m.length = cbor_len + 2;
    for (uint64_t i = 0; i < entries; ++i) {
        BytesView key;
        uint64_t key_len;
        if (!r.header(major, key_len) || major != 3 || !r.payload(key_len, key)) return std::nullopt;
        std::string k = as_text(key);
        if (k == "ipfs" || k == "bzzr0" || k == "bzzr1" || k == "solc") {
            uint64_t n;
            BytesView v;
            if (!r.header(major, n) || (major != 2 && major != 3) || !r.payload(n, v)) return std::nullopt;
            if (k == "solc") {
                // solc >= 0.5.9: three bytes major.minor.patch for releases, text for prereleases.
                if (major == 2 && v.size() == 3)
                    m.solc = std::to_string(v[0]) + "." + std::to_string(v[1]) + "." + std::to_string(v[2]);
                else
                    m.solc = as_text(v);
            } else {
                m.hash_kind = k;
                m.hash.assign(v.begin(), v.end());
            }
        } else if (k == "experimental") {
            uint64_t simple;
            if (!r.header(major, simple) || major != 7) return std::nullopt;
            m.experimental = simple == 21;  // CBOR simple value 21 is true
        } else if (!r.skip()) {
            return std::nullopt;
        }
    }
    // The map must fill the declared length exactly.
    if (!r.at_end()) return std::nullopt;
    return m;
}

size_t metadata_length(BytesView code) {
    auto m = parse_code_metadata(code);
    return m ? m->length : 0;
}

}  // namespace suture::upgrade
