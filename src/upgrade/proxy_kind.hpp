// What `inspect` learns about a deployed contract: its proxy kind, where its
// code lives, and who may change it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"

namespace suture::upgrade {

enum class ProxyPattern {
    none,                   // not a proxy (or no code at all; see ProxyInfo::has_code)
    transparent,            // EIP-1967 implementation slot + admin slot (OpenZeppelin transparent)
    uups,                   // EIP-1967 implementation slot; the implementation answers EIP-1822 proxiableUUID
    eip1967,                // EIP-1967 implementation slot, neither transparent nor UUPS
    beacon,                 // EIP-1967 beacon slot; the beacon's implementation() holds the code
    diamond,                // EIP-2535: facets through the loupe
    minimal,                // EIP-1167 minimal proxy (clone): the target is baked into the code
    zos,                    // ZeppelinOS/OpenZeppelin SDK slots that predate EIP-1967
    eip1822,                // the original EIP-1822 proxy: logic at keccak256("PROXIABLE")
    safe,                   // a Safe proxy: singleton address in storage slot 0
};

// The stable name used in text and JSON output ("transparent", "uups", ...).
const char* proxy_pattern_name(ProxyPattern k);

// What an address that controls upgrades turns out to be.
enum class AuthorityKind {
    none,            // the zero address: nobody (renounced or never set)
    eoa,             // no code
    proxy_admin_v4,  // OpenZeppelin ProxyAdmin 4.x: upgrade + upgradeAndCall
    proxy_admin_v5,  // OpenZeppelin ProxyAdmin 5.x: upgradeAndCall only, UPGRADE_INTERFACE_VERSION
    timelock,        // OpenZeppelin TimelockController
    safe,            // Safe (Gnosis Safe) multisig
    contract,        // code that is none of the above
};
const char* authority_kind_name(AuthorityKind k);

struct RoleMember {
    std::string role;   // "proposer", "executor", "canceller", "admin"
    Bytes32 role_id{};  // keccak256 of the role name (DEFAULT_ADMIN_ROLE is 0)
    Address account;
};

// One account on the path that controls upgrades, with what it is.
struct Authority {
    std::string relation;  // how it was found: "admin slot", "owner()", "beacon owner()", ...
    Address address;
    AuthorityKind kind = AuthorityKind::none;
    std::string version;   // ProxyAdmin UPGRADE_INTERFACE_VERSION or Safe VERSION(), when known
    // TimelockController
    std::optional<uint64_t> min_delay;            // getMinDelay(), seconds
    std::vector<RoleMember> roles;                // members confirmed with hasRole
    bool roles_complete = false;                  // false when logs were unavailable
    // Safe
    std::vector<Address> owners;
    std::optional<uint64_t> threshold;
};

struct Facet {
    Address address;
    std::vector<uint32_t> selectors;
};

struct ProxyInfo {
    Address address;
    bool has_code = false;
    ProxyPattern kind = ProxyPattern::none;
    // The code that runs: the implementation (all kinds but diamond), or, for
    // a diamond, the facets.
    std::optional<Address> implementation;
    std::optional<Address> beacon;
    std::vector<Facet> facets;
    std::optional<std::string> uups_version;  // UPGRADE_INTERFACE_VERSION of a UUPS implementation
    // Who may upgrade, nearest first: e.g. ProxyAdmin (admin slot) then its owner().
    std::vector<Authority> authorities;
    // The contract's own state, read through the proxy when present.
    std::optional<Address> owner;  // owner()
    std::optional<bool> paused;    // paused()
};

}  // namespace suture::upgrade
