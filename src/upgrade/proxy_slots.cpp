#include "upgrade/proxy_slots.hpp"

#include "core/keccak.hpp"
#include "core/uint256.hpp"

namespace suture::upgrade {
namespace {

// EIP-1967 subtracts one from the hash so that no known preimage maps to the slot.
Bytes32 hash_minus_one(std::string_view label) {
    return (uint256::from_bytes32(keccak256(label)) - uint256(1)).to_bytes32();
}

}  // namespace

const Bytes32& eip1967_implementation_slot() {
    static const Bytes32 s = hash_minus_one("eip1967.proxy.implementation");
    return s;
}
const Bytes32& eip1967_admin_slot() {
    static const Bytes32 s = hash_minus_one("eip1967.proxy.admin");
    return s;
}
const Bytes32& eip1967_beacon_slot() {
    static const Bytes32 s = hash_minus_one("eip1967.proxy.beacon");
    return s;
}
const Bytes32& zos_implementation_slot() {
    static const Bytes32 s = keccak256("org.zeppelinos.proxy.implementation");
    return s;
}
const Bytes32& zos_admin_slot() {
    static const Bytes32 s = keccak256("org.zeppelinos.proxy.admin");
    return s;
}
const Bytes32& eip1822_proxiable_slot() {
    static const Bytes32 s = keccak256("PROXIABLE");
    return s;
}

}  // namespace suture::upgrade
