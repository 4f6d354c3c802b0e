// OpenZeppelin's NatSpec annotations that allow an unsafe pattern:
//   @custom:oz-upgrades-unsafe-allow <kind>...            (on a contract, function, variable, statement)
//   @custom:oz-upgrades-unsafe-allow-reachable <kind>...  (on a function: what it reaches)
// read as OpenZeppelin's validator reads them (its utils/annotations.ts): a
// tag's arguments run to the next line that starts with an `@` tag, so they
// may continue on the following lines of the comment.
#pragma once

#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "solidity/build.hpp"

namespace suture::upgrade {

struct Allowances {
    std::set<std::string> allow;
    std::set<std::string> reachable;
};

// The arguments of every `@custom:<tag>` in NatSpec text `doc` (comment
// markers removed), as OpenZeppelin reads them.
std::vector<std::string> annotation_args(std::string_view doc, std::string_view tag);

// The allowances in the NatSpec of `node` (its `documentation`, or for
// compilers that do not record it, the comment right before the node).
Allowances allowances_of(const solidity::Build& b, const solidity::Json& node);

// OpenZeppelin's skipCheck / skipCheckReachable: `node`'s own `documentation`
// field (only nodes that carry one) allows `kind` (skip_check: by either tag;
// skip_check_reachable: by the -reachable tag).
bool skip_check(const solidity::Json& node, std::string_view kind);
bool skip_check_reachable(const solidity::Json& node, std::string_view kind);

// "@custom:oz-upgrades-unsafe-allow delegatecall (A.sol:12)" for the report.
std::string allowance_text(const solidity::Build& b, const solidity::Json& node, std::string_view kind,
                           bool reachable);

}  // namespace suture::upgrade
