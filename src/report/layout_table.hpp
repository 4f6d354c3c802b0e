// The storage-layout diff as a text table: slot, old variable, new variable,
// status. Columns are as wide as their longest cell (a long mapping type does
// not run into the next column); a variable that moved shows both positions.
#pragma once

#include <string>
#include <vector>

#include "upgrade/check.hpp"

namespace suture::report {

// The table's lines ("  slot:offset  old ... status\n" first), indented by two
// spaces; empty for an empty layout.
std::string layout_table(const std::vector<upgrade::LayoutRow>& rows);

}  // namespace suture::report
