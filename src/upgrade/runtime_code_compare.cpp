#include "upgrade/runtime_code_compare.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/hex.hpp"
#include "upgrade/code_metadata.hpp"

namespace suture::upgrade {

namespace {

constexpr uint8_t kPush20 = 0x73;
constexpr uint8_t kAddress = 0x30;
constexpr size_t kPlaceholderHex = 40;  // a library address, 20 bytes

// solc's library runtime prologue: PUSH20 <address> ADDRESS ... (the address is
// zero in the artifact and the library's own once deployed).
bool has_library_prologue(BytesView code) {
    if (code.size() < 22 || code[0] != kPush20 || code[21] != kAddress) return false;
    return std::all_of(code.begin() + 1, code.begin() + 21, [](uint8_t b) { return b == 0; });
}

std::string hex_at(BytesView code, size_t start, size_t len) {
    if (start >= code.size()) return "(end)";
    return to_hex(code.subspan(start, std::min(len, code.size() - start)));
}

}  // namespace

Result<ExpectedCode> decode_runtime_code(std::string_view hex, std::string_view where) {
    if (hex.starts_with("0x") || hex.starts_with("0X")) hex.remove_prefix(2);
    std::string clean(hex);
    ExpectedCode out;
    for (size_t p = clean.find("__"); p != std::string::npos; p = clean.find("__", p)) {
        if (p % 2 != 0 || p + kPlaceholderHex > clean.size())
            return input_error(std::string(where) + ": malformed library placeholder at hex digit " +
                               std::to_string(p));
        out.unlinked.push_back(p / 2);
        clean.replace(p, kPlaceholderHex, std::string(kPlaceholderHex, '0'));
        p += kPlaceholderHex;
    }
    auto code = from_hex(clean);
    if (!code) return input_error(std::string(where) + ": " + code.error().message);
    out.code = std::move(*code);
    out.any_library_address = has_library_prologue(out.code);
    return out;
}

CodeMatch compare_runtime_code(BytesView onchain, const ExpectedCode& exp) {
    CodeMatch m;
    if (onchain.empty()) {
        m.detail = "no code at the address";
        m.first_difference = 0;
        m.artifact_size = exp.code.size() - metadata_length(exp.code);
        return m;
    }
    Bytes expected = exp.code;
    auto beyond = [&](size_t start, size_t len, const std::string& what) {
        if (start + len <= expected.size() && start + len <= onchain.size()) return false;
        m.detail = what + " at byte " + std::to_string(start) + " lies beyond the code";
        m.first_difference = start;
        m.chain_size = onchain.size() - metadata_length(onchain);
        m.artifact_size = expected.size() - metadata_length(expected);
        return true;
    };

    // Immutables: copy the chain's bytes in, but one immutable must read the
    // same at all its positions, or the code is not what the artifact built.
    std::map<std::string, Bytes> values;
    for (const auto& ref : exp.immutables) {
        if (beyond(ref.start, ref.length, "immutable " + ref.id)) return m;
        Bytes v(onchain.begin() + ref.start, onchain.begin() + ref.start + ref.length);
        auto [it, fresh] = values.emplace(ref.id, v);
        if (!fresh && it->second != v) {
            m.detail = "immutable " + ref.id + " holds " + to_hex(it->second) + " at one position and " + to_hex(v) +
                       " at byte " + std::to_string(ref.start);
            m.first_difference = ref.start;
            return m;
        }
        std::copy(v.begin(), v.end(), expected.begin() + ref.start);
    }
    for (size_t at : exp.unlinked) {
        if (beyond(at, 20, "library placeholder")) return m;
        std::copy(onchain.begin() + at, onchain.begin() + at + 20, expected.begin() + at);
    }
    if (expected.size() > 21 && expected[0] == kPush20) {
        if (exp.library_address)
            std::copy(exp.library_address->bytes.begin(), exp.library_address->bytes.end(), expected.begin() + 1);
        else if (exp.any_library_address && onchain.size() > 21)
            std::copy(onchain.begin() + 1, onchain.begin() + 21, expected.begin() + 1);
    }

    size_t meta_chain = metadata_length(onchain);
    size_t meta_art = metadata_length(expected);
    m.metadata_present = meta_chain != 0 && meta_art != 0;
    BytesView a = onchain.first(onchain.size() - meta_chain);
    BytesView b = BytesView(expected).first(expected.size() - meta_art);
    m.chain_size = a.size();
    m.artifact_size = b.size();
    auto diff = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    m.common_prefix = size_t(diff.first - a.begin());
    if (diff.first == a.end() && diff.second == b.end()) {
        m.equal = true;
        m.common_suffix = a.size();
        m.metadata_differs = !std::equal(onchain.begin() + a.size(), onchain.end(), expected.begin() + b.size(),
                                         expected.end());
        return m;
    }
    size_t limit = std::min(a.size(), b.size()) - m.common_prefix;  // the two ends never overlap
    while (m.common_suffix < limit && a[a.size() - 1 - m.common_suffix] == b[b.size() - 1 - m.common_suffix])
        ++m.common_suffix;
    size_t at = m.common_prefix;
    m.first_difference = at;
    if (a.size() != b.size())
        m.detail = "code size differs: " + std::to_string(a.size()) + " bytes on chain, " + std::to_string(b.size()) +
                   " in the artifact (metadata excluded); first difference at byte " + std::to_string(at);
    else
        m.detail = "code differs at byte " + std::to_string(at) + ": chain " + hex_at(a, at, 8) + ", artifact " +
                   hex_at(b, at, 8);
    return m;
}

CodeMatch compare_runtime_code(BytesView onchain, BytesView artifact, const std::vector<ImmutableReference>& immutables,
                               const std::optional<Address>& library_address) {
    ExpectedCode exp;
    exp.code.assign(artifact.begin(), artifact.end());
    exp.immutables = immutables;
    exp.library_address = library_address;
    return compare_runtime_code(onchain, exp);
}

}  // namespace suture::upgrade
