// A fast path for parsing compiler artifacts into the nlohmann DOM.
//
// nlohmann's own parser reads one character at a time through an input
// adapter, copies every token through a buffer and, with a filter callback,
// builds a temporary JSON value for every key; on a 20 MB build-info that is
// most of `suture check`'s time. This parser builds the same DOM directly from
// the text. It accepts exactly RFC 8259 JSON (UTF-8 validated, as nlohmann
// does) and rejects anything else: the caller then runs nlohmann's SAX parser,
// which finds the error position and path without building anything.
//
// Nesting: a value that is kept nests at most kMaxJsonDepth containers deep
// (everything that reads the document afterwards may recurse that deep); a
// dropped value may nest arbitrarily deep, since it is skipped iteratively.
// Nothing here recurses without that bound, so no artifact overflows the stack.
#pragma once

#include <cstddef>
#include <string_view>

#include "solidity/json_ref.hpp"

namespace suture::solidity {

// Decides whether the member `key` of an object nested `depth` containers deep
// (keys of the root object have depth 1) is dropped while parsing.
using JsonKeyFilter = bool (*)(int depth, std::string_view key);

// Solidity ASTs nest a few dozen levels; a long chain of binary operations a
// few hundred.
inline constexpr int kMaxJsonDepth = 2500;

struct FastParseResult {
    enum Kind { ok, invalid, too_deep };
    Kind kind = ok;
    size_t offset = 0;  // byte where parsing stopped (invalid, too_deep)
    explicit operator bool() const { return kind == ok; }
};

// Parses `text` into `out`, leaving out the members `drop` selects (their
// values are still validated). Fails when the text is not valid JSON or a kept
// value nests deeper than kMaxJsonDepth; `out` is then unspecified.
FastParseResult fast_parse_json(std::string_view text, JsonKeyFilter drop, Json& out);

}  // namespace suture::solidity
