// A storage-layout diff row (check.hpp LayoutRow) as JSON, the one shape for
// `suture check --json` and the ledger's gate details:
//   {"status": "...", "namespace": "erc7201:...",          // namespace when not ""
//    "old": {"label", "type", "slot", "offset"},            // absent: no old variable
//    "new": {"label", "type", "slot", "offset"}}            // absent: no new variable
// Slots are decimal strings (they exceed 64 bits); offsets are integers.
#pragma once

#include <vector>

#include <nlohmann/json.hpp>

#include "core/result.hpp"
#include "upgrade/check.hpp"

namespace suture::upgrade {

nlohmann::json layout_row_json(const LayoutRow& row);
nlohmann::json layout_json(const std::vector<LayoutRow>& rows);

// The inverse; a missing status or a field of the wrong type is an input error naming it.
Result<LayoutRow> layout_row_from_json(const nlohmann::json& j);

}  // namespace suture::upgrade
