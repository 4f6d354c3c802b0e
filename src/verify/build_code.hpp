// A contract of the user's build as code a gate puts into a fork: its
// creation code (unlinked libraries refused), and the state change that
// switches a proxy to it (implementation_override.hpp), shared by the gates
// that run old and new code side by side (exploit, replay).
#pragma once

#include <functional>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"
#include "evm/revision.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"
#include "solidity/build.hpp"

namespace suture::verify {

// Creation code; an error for a contract that needs linked libraries (the
// gates deploy into forks where the user's library addresses may not exist)
// or has none (an interface, an abstract contract).
Result<Bytes> creation_code(const solidity::Contract& c);

// Puts new code in place in an overlay, in the block the run starts in.
using CodeInstaller = std::function<Status(evm::OverlayBackend&, const evm::BlockEnv&)>;

// Deploys `init_code` into the overlay and points `proxy` at it.
CodeInstaller implementation_installer(const Address& proxy, evm::Revision rev, Bytes init_code);

}  // namespace suture::verify
