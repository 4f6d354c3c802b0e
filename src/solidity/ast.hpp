// Small queries over the solc AST (compact JSON form).
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "solidity/build.hpp"

namespace suture::solidity {

std::string_view node_type(const Json& n);
std::string_view str_field(const Json& n, std::string_view key);  // "" when absent or not a string
int64_t id_field(const Json& n, std::string_view key);            // -1 when absent
const Json* child(const Json& n, std::string_view key);           // nullptr when absent or null

// Visits every object node below `n` (depth first, in source order); `visit`
// returns false to skip the node's children.
void walk(const Json& n, const std::function<bool(const Json&)>& visit);

// The contract and its bases, most derived first (solc's linearizedBaseContracts).
std::vector<const Json*> linearized_bases(const Build& b, const Json& contract);

// Members of a ContractDefinition with the given nodeType.
std::vector<const Json*> members_of(const Json& contract, std::string_view type);

// The ContractDefinition that declares a node (via its `scope`), or nullptr.
const Json* scope_contract(const Build& b, const Json& decl);

}  // namespace suture::solidity
