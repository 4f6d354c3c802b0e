// libFuzzer: the artifact JSON parser (solidity/json_fast_parse.hpp) accepts
// exactly what nlohmann's parser accepts and builds the same document, and a
// rejected text gets its error from parse_json without a crash. (Since a
// rejected artifact is no longer parsed a second time by nlohmann, the two
// parsers must agree.) Nesting beyond kMaxJsonDepth is the one difference:
// the fast parser refuses it, by design.
#include <cstdint>
#include <cstdlib>
#include <string_view>

#include "solidity/json_fast_parse.hpp"
#include "solidity/json_file.hpp"

using namespace suture::solidity;

namespace {

bool keep_all(int, std::string_view) { return false; }
bool drop_some(int depth, std::string_view k) { return depth > 1 && (k == "a" || k == "ast" || k == "x"); }

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    const std::string_view text(reinterpret_cast<const char*>(data), size);
    Json fast;
    const auto r = fast_parse_json(text, keep_all, fast);
    if (r.kind == FastParseResult::too_deep) return 0;
    // nlohmann's lexer takes a NUL byte for the end of the input ("1\0x" is
    // accepted as 1); JSON has no raw NUL anywhere, so the fast parser refuses it.
    if (text.find('\0') != std::string_view::npos) {
        if (r) std::abort();
        return 0;
    }
    const bool accepted = Json::accept(text);
    if (static_cast<bool>(r) != accepted) std::abort();
    if (r && fast != Json::parse(text)) std::abort();
    Json filtered;
    const auto f = fast_parse_json(text, drop_some, filtered);
    if (f.kind != FastParseResult::too_deep && static_cast<bool>(f) != accepted) std::abort();
    auto doc = parse_json(text, "fuzz.json");
    if (doc.ok() != static_cast<bool>(r)) std::abort();
    return 0;
}
