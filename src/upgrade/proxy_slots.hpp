// Storage slots where proxies keep their implementation, admin and beacon.
#pragma once

#include "core/bytes.hpp"

namespace suture::upgrade {

// EIP-1967: bytes32(uint256(keccak256("eip1967.proxy.implementation")) - 1).
const Bytes32& eip1967_implementation_slot();
// EIP-1967: bytes32(uint256(keccak256("eip1967.proxy.admin")) - 1).
const Bytes32& eip1967_admin_slot();
// EIP-1967: bytes32(uint256(keccak256("eip1967.proxy.beacon")) - 1).
const Bytes32& eip1967_beacon_slot();
// ZeppelinOS 2 / OpenZeppelin SDK proxies (before EIP-1967): keccak256 of the label, no "- 1".
const Bytes32& zos_implementation_slot();  // "org.zeppelinos.proxy.implementation"
const Bytes32& zos_admin_slot();           // "org.zeppelinos.proxy.admin"
// EIP-1822: the original UUPS proxies store the logic address at keccak256("PROXIABLE").
const Bytes32& eip1822_proxiable_slot();

}  // namespace suture::upgrade
