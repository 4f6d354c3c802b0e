// Facts read from runtime bytecode alone, without executing it.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"

namespace suture::upgrade {

// The delegation target of an EIP-1167 minimal proxy (the 45-byte runtime
// 363d3d373d3d3d363d73<target>5af43d82803e903d91602b57fd5bf3), or of its
// PUSH0 form from EIP-7511; nullopt for any other code.
std::optional<Address> minimal_proxy_target(BytesView code);

// Every 4-byte constant the code pushes in a position a Solidity/Vyper
// dispatcher would use: the value of each PUSH1..PUSH4 immediate whose width is
// the value's minimal width. PUSH immediates are skipped when walking, so data
// inside a longer push never counts. A superset of the dispatched selectors.
std::vector<uint32_t> pushed_selectors(BytesView code);

// Whether the code dispatches `selector` (by pushed_selectors()).
bool has_selector(BytesView code, uint32_t selector);

}  // namespace suture::upgrade
