#include "deploy/bytecode_compare.hpp"

#include <algorithm>
#include <map>

#include <nlohmann/json.hpp>

#include "core/hex.hpp"

namespace suture::deploy {

Result<std::vector<ImmutableReference>> parse_immutable_references(const nlohmann::json& j, std::string_view where) {
    std::vector<ImmutableReference> out;
    if (j.is_null()) return out;
    auto bad = [&](const std::string& path, const std::string& what) {
        return input_error(std::string(where) + ".immutableReferences" + path + ": " + what);
    };
    if (!j.is_object()) return bad("", "expected an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        if (!it.value().is_array()) return bad("[\"" + it.key() + "\"]", "expected an array");
        for (size_t i = 0; i < it.value().size(); ++i) {
            const auto& e = it.value()[i];
            if (!e.is_object() || !e.contains("start") || !e["start"].is_number_unsigned() ||
                !e.contains("length") || !e["length"].is_number_unsigned() || e["length"].get<size_t>() == 0 ||
                e["length"].get<size_t>() > 32)
                return bad("[\"" + it.key() + "\"][" + std::to_string(i) + "]",
                           "expected {start, length} with 1 <= length <= 32");
            out.push_back({it.key(), e["start"].get<size_t>(), e["length"].get<size_t>()});
        }
    }
    return out;
}

size_t metadata_length(BytesView code) {
    if (code.size() < 2) return 0;
    size_t cbor = (size_t(code[code.size() - 2]) << 8) | code[code.size() - 1];
    if (cbor == 0 || cbor + 2 > code.size()) return 0;
    uint8_t first = code[code.size() - 2 - cbor];
    // CBOR major type 5 (map) with a small number of entries: 0xa1..0xb7.
    if (first < 0xa1 || first > 0xb7) return 0;
    return cbor + 2;
}

namespace {

constexpr uint8_t kPush20 = 0x73;

std::string hex_at(BytesView code, size_t start, size_t len) {
    return to_hex(code.subspan(start, std::min(len, code.size() - start)));
}

}  // namespace

CodeMatch compare_runtime_code(BytesView onchain, BytesView artifact, const std::vector<ImmutableReference>& immutables,
                               const std::optional<Address>& library_address) {
    CodeMatch m;
    if (onchain.empty()) {
        m.detail = "no code at the address";
        m.first_difference = 0;
        return m;
    }
    Bytes expected(artifact.begin(), artifact.end());

    // Immutables: copy the chain's bytes in, but one immutable must read the
    // same at all its positions, or the code is not what the artifact built.
    std::map<std::string, Bytes> values;
    for (const auto& ref : immutables) {
        if (ref.start + ref.length > expected.size() || ref.start + ref.length > onchain.size()) {
            m.detail = "immutable " + ref.id + " at byte " + std::to_string(ref.start) + " lies beyond the code";
            m.first_difference = ref.start;
            return m;
        }
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
    // Libraries: solc >= 0.4.20 prefixes runtime code with PUSH20 <own address>.
    if (library_address && expected.size() > 21 && expected[0] == kPush20)
        std::copy(library_address->bytes.begin(), library_address->bytes.end(), expected.begin() + 1);

    size_t meta_chain = metadata_length(onchain);
    size_t meta_art = metadata_length(expected);
    BytesView a = onchain.first(onchain.size() - meta_chain);
    BytesView b = BytesView(expected).first(expected.size() - meta_art);
    auto diff = std::mismatch(a.begin(), a.end(), b.begin(), b.end());
    if (diff.first == a.end() && diff.second == b.end()) {
        m.equal = true;
        m.metadata_differs = !std::equal(onchain.begin() + a.size(), onchain.end(), expected.begin() + b.size(),
                                         expected.end());
        return m;
    }
    size_t at = size_t(diff.first - a.begin());
    m.first_difference = at;
    if (a.size() != b.size())
        m.detail = "code size differs: " + std::to_string(a.size()) + " bytes on chain, " + std::to_string(b.size()) +
                   " in the artifact (metadata excluded); first difference at byte " + std::to_string(at);
    else
        m.detail = "code differs at byte " + std::to_string(at) + ": chain " + hex_at(a, at, 8) + ", artifact " +
                   hex_at(b, at, 8);
    return m;
}

}  // namespace suture::deploy
