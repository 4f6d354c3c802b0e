// Custom errors of the contracts routes talk to (OpenZeppelin 5 proxies,
// ProxyAdmin, UUPSUpgradeable, Ownable, AccessControl, TimelockController,
// Initializable, Pausable), so that their reverts read as names, not hex,
// even when no artifact of the reverting contract is at hand.
#pragma once

#include "core/abi_json.hpp"

namespace suture::deploy {

const abi::ContractAbi& known_route_errors();

}  // namespace suture::deploy
