// Proxy detection: what kind of proxy lives at an address, where its code is,
// and who may upgrade it.
#pragma once

#include "core/address.hpp"
#include "core/result.hpp"
#include "upgrade/proxy_chain_view.hpp"
#include "upgrade/proxy_kind.hpp"

namespace suture::upgrade {

// Reads code, the proxy storage slots and a few view functions through `view`.
// Order of the checks (first match wins):
//   EIP-1167/7511 minimal proxy code; EIP-1967 implementation slot (admin slot
//   set: transparent; else the implementation's EIP-1822 proxiableUUID() equal
//   to the slot: UUPS; else plain EIP-1967); EIP-1967 beacon slot; ZeppelinOS
//   slots; EIP-1822 PROXIABLE slot; an EIP-2535 loupe (facetAddresses());
//   a Safe proxy (masterCopy() equal to storage slot 0).
// A plain contract or an account without code is kind `none`, not an error;
// errors are only failures to read the chain.
Result<ProxyInfo> inspect_proxy(ChainView& view, const Address& address);

// Loupe facets of a diamond (facets(), else facetAddresses() +
// facetFunctionSelectors()); nullopt when `address` answers neither.
Result<std::optional<std::vector<Facet>>> diamond_facets(ChainView& view, const Address& address);

}  // namespace suture::upgrade
