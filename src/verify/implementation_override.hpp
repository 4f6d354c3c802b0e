// Implementation override: the same proxy, pointed at new code, inside an
// overlay, so a scenario runs against the live implementation and against
// the patched one from one starting state (snapshot, run old, revert,
// override, run new).
//
// The new code goes in at a fresh deterministic address: it is created by a
// fixed deployer account (kOverrideDeployer), so its address is the CREATE
// address of that deployer's nonce in the state, the same on every run from
// the same state. Then the proxy is switched the way its kind stores the
// implementation (upgrade::inspect_proxy finds the kind):
//   transparent / UUPS / plain EIP-1967: the EIP-1967 implementation slot;
//   ZeppelinOS and EIP-1822 proxies: their own implementation slot;
//   Safe proxies: storage slot 0 (the singleton);
//   beacon proxies: the beacon's upgradeTo(new) called as the beacon's
//     owner(), else the one beacon storage slot holding the current
//     implementation; checked by reading implementation() back;
//   EIP-1167 minimal proxies: the implementation address inside the clone's code.
// Diamonds (EIP-2535) are not supported yet (an unsupported error): a facet
// switch needs a selector-to-facet plan, not one address.
// No authority is exercised for the slot writes: this models the upgrade
// having happened, not whether the caller may perform it (the check gate does that).
#pragma once

#include <optional>
#include <string>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"
#include "upgrade/proxy_kind.hpp"

namespace suture::verify {

// Address of the account that creates override implementations:
// the last 20 bytes of keccak256("suture.implementation-override.deployer").
Address override_deployer();

struct NewImplementation {
    // Creation code with its constructor arguments, run in the EVM (so the
    // constructor sets immutables as a real deployment does). Preferred.
    Bytes init_code;
    // Or, when init_code is empty, runtime code placed as is.
    Bytes runtime;
};

struct OverrideResult {
    upgrade::ProxyPattern kind = upgrade::ProxyPattern::none;
    Address old_implementation;
    Address new_implementation;
    std::optional<Address> beacon;  // for a beacon proxy: the beacon that was switched
    std::string description;        // one line: what was switched, from what to what
};

// Deploys `code` into `state` and points the proxy at `proxy` to it. Errors:
// not a proxy (input), a diamond (unsupported), a constructor that reverts
// (input, with the decoded reason), a beacon that cannot be switched, or a
// backend read error.
Result<OverrideResult> override_implementation(evm::OverlayBackend& state, const evm::BlockEnv& block,
                                               evm::Revision rev, const Address& proxy,
                                               const NewImplementation& code);

// Only the deployment half: the fresh deterministic address with the code.
Result<Address> deploy_override_code(evm::OverlayBackend& state, const evm::BlockEnv& block, evm::Revision rev,
                                     const NewImplementation& code);

}  // namespace suture::verify
