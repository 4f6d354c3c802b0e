// Byte ranges that solc lists in compiled code: the `[{start, length}, ...]`
// arrays of `linkReferences` (where library addresses are linked in) and
// `immutableReferences` (values the constructor writes into the runtime code).
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

#include "core/result.hpp"
#include "solidity/json_ref.hpp"

namespace suture::solidity {

inline constexpr uint64_t kMaxCodeOffset = uint64_t{1} << 32;

struct CodeSpan {
    size_t start = 0;   // byte offset into the code
    size_t length = 0;  // bytes
};

// Parses an array of {start, length} with unsigned integers, each length in
// [min_length, max_length]. Errors name `path` (e.g. `A.linkReferences["A.sol"].L`)
// with the element index and the allowed lengths.
Result<std::vector<CodeSpan>> parse_code_spans(const Json& j, const std::string& path, size_t min_length,
                                               size_t max_length);

}  // namespace suture::solidity
