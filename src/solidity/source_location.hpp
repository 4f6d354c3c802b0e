// AST source positions ("start:length:sourceIndex", byte offsets) turned into
// file:line:col, and the documentation comment attached to a declaration.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/finding.hpp"
#include "solidity/build.hpp"

namespace suture::solidity {

struct SrcRange {
    int64_t start = 0;
    int64_t length = 0;
    int64_t source = -1;
};

std::optional<SrcRange> parse_src(std::string_view src);

// The node's position; file only (line 0) when the source text is unknown.
Location location_of(const Build& b, const Json& node);

// The text of the node's NatSpec: the AST `documentation` when solc attached
// one, otherwise the `///` or `/** */` comment block right before the node in
// the source (solc drops the docs of struct members, which OpenZeppelin's
// annotations still use).
std::string doc_text(const Build& b, const Json& node);

// The source text a node spans (empty when unknown).
std::string_view node_text(const Build& b, const Json& node);

}  // namespace suture::solidity
