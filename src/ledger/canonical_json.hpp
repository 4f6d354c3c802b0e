// Canonical JSON: the one text form of an event that the audit chain hashes.
//
// Rules (docs/ledger.md "Canonical JSON"):
// - object keys sorted by their UTF-8 bytes, each key once;
// - no whitespace anywhere;
// - strings as UTF-8; only `"`, `\` and control characters below 0x20 are
//   escaped: \b \f \n \r \t, others as \u00xx with lower-case hex digits;
//   invalid UTF-8 is an error;
// - numbers are integers (JSON has no canonical float text, so a float is
//   an error); hashes, amounts and addresses travel as strings;
// - true, false, null as themselves.
// The same value always gives the same bytes, so a record can be re-hashed
// from its stored text without parsing it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "core/result.hpp"

namespace suture::ledger {

Result<std::string> canonical_json(const nlohmann::json& value);

}  // namespace suture::ledger
