// Storage layout comparison with OpenZeppelin's storage operation codes:
// insert, delete, replace, rename, typechange, layoutchange, shrinkgap,
// delete-namespace (append and gap use are allowed and only appear in the table).
#pragma once

#include "solidity/storage_layout.hpp"
#include "upgrade/check.hpp"

namespace suture::upgrade {

struct LayoutSide {
    const solidity::Build* build;
    const solidity::ContractStorage* storage;
};

// Appends findings and diff-table rows for every layout of the contract
// (its own and each ERC-7201 namespace).
void compare_storage(const LayoutSide& old_side, const LayoutSide& new_side, Findings& out,
                     std::vector<LayoutRow>& rows);

}  // namespace suture::upgrade
