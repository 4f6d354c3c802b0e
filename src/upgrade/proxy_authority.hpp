// Who controls an upgrade: classifying an admin or owner address.
#pragma once

#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "upgrade/proxy_chain_view.hpp"
#include "upgrade/proxy_kind.hpp"

namespace suture::upgrade {

enum class ProxyAdminVersion { none, v4, v5 };

// OpenZeppelin ProxyAdmin generation from its runtime code alone:
// v4 dispatches upgrade(address,address) and upgradeAndCall(address,address,bytes);
// v5 dropped `upgrade`, keeps upgradeAndCall and adds UPGRADE_INTERFACE_VERSION().
ProxyAdminVersion proxy_admin_version(BytesView code);

// Classifies `account` (EOA, ProxyAdmin v4/v5, TimelockController with its
// delay and role members, Safe with owners and threshold, other contract)
// and follows owner() upwards: a ProxyAdmin owned by a timelock yields two
// entries. At most `max_depth` entries; a cycle stops the walk.
Result<std::vector<Authority>> authority_chain(ChainView& view, const Address& account, std::string relation,
                                               int max_depth = 4);

}  // namespace suture::upgrade
