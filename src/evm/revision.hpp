// Fork rules. The interpreter and the state transition consult the revision
// through tables (gas costs, opcode availability), so a new fork is a table
// edit, not a rewrite.
#pragma once

#include <optional>
#include <string_view>

namespace suture::evm {

enum class Revision {
    frontier, homestead, tangerine_whistle, spurious_dragon, byzantium,
    constantinople, petersburg, istanbul, berlin, london, paris, shanghai,
    cancun, prague, osaka,
};

// Names as used by the state-test fixtures ("Cancun", "Shanghai", ...).
std::optional<Revision> revision_from_name(std::string_view name);
std::string_view revision_name(Revision r);

}  // namespace suture::evm
