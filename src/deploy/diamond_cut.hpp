// EIP-2535 diamondCut: the Add/Replace/Remove list that turns the selectors
// an old facet serves into the selectors of a new facet.
#pragma once

#include <cstdint>
#include <vector>

#include "core/abi_json.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "upgrade/proxy_kind.hpp"

namespace suture::deploy {

// EIP-2535: enum FacetCutAction {Add = 0, Replace = 1, Remove = 2}.
enum class FacetCutAction : uint8_t { add = 0, replace = 1, remove = 2 };
const char* facet_cut_action_name(FacetCutAction a);

struct FacetCut {
    Address facet;  // zero for Remove (EIP-2535 requires it)
    FacetCutAction action = FacetCutAction::add;
    std::vector<uint32_t> selectors;  // ascending
};

// The cut that moves a diamond from `old_facet` to `new_facet`:
//   Replace: selectors the new facet has that the old facet serves now;
//   Add:     selectors the new facet has that no facet serves;
//   Remove:  selectors the old facet serves that the new facet lacks.
// `current` is the diamond's loupe (facets()). Refused, naming the selector:
// a new selector served by another facet or by the diamond itself (an
// immutable function), an old facet the loupe does not list, and a cut that
// changes nothing.
Result<std::vector<FacetCut>> diamond_cut_diff(const std::vector<upgrade::Facet>& current, const Address& diamond,
                                               const Address& old_facet, const Address& new_facet,
                                               const std::vector<uint32_t>& new_selectors);

// The selectors of every function in a facet's ABI, ascending.
std::vector<uint32_t> function_selectors(const abi::ContractAbi& abi);

// diamondCut((address,uint8,bytes4[])[] cuts, address init, bytes data).
Result<Bytes> diamond_cut_calldata(const std::vector<FacetCut>& cuts, const Address& init, BytesView init_data);

// The cut that undoes `cuts` on a diamond whose loupe was `before`: used to
// roll a failed upgrade back through the same route.
std::vector<FacetCut> diamond_cut_inverse(const std::vector<upgrade::Facet>& before, const std::vector<FacetCut>& cuts);

}  // namespace suture::deploy
