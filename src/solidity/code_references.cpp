#include "solidity/code_references.hpp"

#include "solidity/code_spans.hpp"

namespace suture::solidity {

Result<std::vector<LinkReference>> parse_link_references(const Json& j, std::string_view where) {
    std::vector<LinkReference> out;
    if (j.is_null()) return out;
    const std::string base = std::string(where) + ".linkReferences";
    if (!j.is_object()) return input_error(base + ": expected an object");
    for (auto f = j.begin(); f != j.end(); ++f) {
        const std::string file_path = json_path_key(base, f.key());
        if (!f.value().is_object()) return input_error(file_path + ": expected an object");
        for (auto l = f.value().begin(); l != f.value().end(); ++l) {
            // Each span is where solc left room for a library's address: exactly 20 bytes.
            SUTURE_TRY(spans, parse_code_spans(l.value(), json_path_key(file_path, l.key()), 20, 20));
            for (const auto& span : spans) out.push_back({f.key(), l.key(), span.start, span.length});
        }
    }
    return out;
}

Result<std::vector<ImmutableReference>> parse_immutable_references(const Json& j, std::string_view where) {
    std::vector<ImmutableReference> out;
    if (j.is_null()) return out;
    const std::string base = std::string(where) + ".immutableReferences";
    if (!j.is_object()) return input_error(base + ": expected an object");
    for (auto it = j.begin(); it != j.end(); ++it) {
        // An immutable is a value type: 1 to 32 bytes.
        SUTURE_TRY(spans, parse_code_spans(it.value(), json_path_key(base, it.key()), 1, 32));
        for (const auto& span : spans) out.push_back({it.key(), span.start, span.length});
    }
    return out;
}

}  // namespace suture::solidity
