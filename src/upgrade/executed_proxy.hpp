// The ERC-1967 proxy of the executed checks: hand-assembled bytecode, so that
// `suture check` needs no compiler or node at run time.
//
// Deliberately minimal: the constructor stores the implementation in the
// EIP-1967 implementation slot; the runtime delegatecalls every call (any
// selector, any value of calldata) to the address in that slot and returns
// or reverts with the callee's data. It has no admin interface and emits no
// Upgraded event, so it never shadows an implementation function (unlike a
// transparent proxy) and the executed checks see exactly the implementation's
// behaviour behind a proxy. Upgrades are done either by the implementation
// itself (UUPS writes the slot in the proxy's storage) or by writing the slot.
#pragma once

#include "core/address.hpp"
#include "core/bytes.hpp"

namespace suture::upgrade {

// Creation code of the proxy with `implementation` as its constructor argument.
Bytes erc1967_proxy_initcode(const Address& implementation);

// The runtime code the proxy deploys (for tests and inspection).
Bytes erc1967_proxy_runtime();

}  // namespace suture::upgrade
