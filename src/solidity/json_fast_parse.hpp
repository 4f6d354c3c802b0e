// A fast path for parsing compiler artifacts into the nlohmann DOM.
//
// nlohmann's own parser reads one character at a time through an input
// adapter, copies every token through a buffer and, with a filter callback,
// builds a temporary JSON value for every key; on a 20 MB build-info that is
// most of `suture check`'s time. This parser builds the same DOM directly from
// the text. It accepts exactly RFC 8259 JSON (UTF-8 validated, as nlohmann
// does) and gives up on anything else: the caller then runs nlohmann's parser,
// which produces the error position and path. So a malformed file costs one
// failed fast attempt and is reported exactly as before.
#pragma once

#include <string_view>

#include "solidity/json_ref.hpp"

namespace suture::solidity {

// Decides whether the member `key` of an object nested `depth` containers deep
// (keys of the root object have depth 1) is dropped while parsing.
using JsonKeyFilter = bool (*)(int depth, std::string_view key);

// Parses `text` into `out`, leaving out the members `drop` selects (their
// values are still validated). Returns false when the text is not valid JSON
// or nests deeper than the parser handles; `out` is then unspecified.
bool fast_parse_json(std::string_view text, JsonKeyFilter drop, Json& out);

}  // namespace suture::solidity
