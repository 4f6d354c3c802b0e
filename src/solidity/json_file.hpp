// Reading artifact files: the whole file, parsed as JSON. A syntax error or a
// truncated file is an input error naming the file, the byte offset and the
// JSON path of the value being read when parsing stopped.
#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "core/result.hpp"
#include "solidity/json_ref.hpp"

namespace suture::solidity {

Result<std::string> read_text_file(const std::string& path);

// Parses `text` (named `file` in errors).
Result<std::shared_ptr<const Json>> parse_json(std::string_view text, const std::string& file);

// Reads the whole file (into huge-page memory, released after parsing) and parses it.
Result<std::shared_ptr<const Json>> load_json_file(const std::string& path);

}  // namespace suture::solidity
