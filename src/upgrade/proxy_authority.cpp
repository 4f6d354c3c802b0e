#include "upgrade/proxy_authority.hpp"

#include <algorithm>
#include <array>

#include "core/abi_encode.hpp"
#include "core/keccak.hpp"
#include "upgrade/proxy_code_scan.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::upgrade {
namespace {

uint32_t selector_u32(std::string_view canonical) {
    auto s = abi::selector(canonical);
    return (uint32_t(s[0]) << 24) | (uint32_t(s[1]) << 16) | (uint32_t(s[2]) << 8) | s[3];
}

struct RoleName {
    const char* short_name;
    Bytes32 id;
};

// TimelockController's roles (OpenZeppelin 4.x and 5.x): keccak256 of the
// constant's name; DEFAULT_ADMIN_ROLE is zero.
const std::array<RoleName, 4>& timelock_roles() {
    static const std::array<RoleName, 4> r{{{"admin", Bytes32{}},
                                            {"proposer", keccak256("PROPOSER_ROLE")},
                                            {"executor", keccak256("EXECUTOR_ROLE")},
                                            {"canceller", keccak256("CANCELLER_ROLE")}}};
    return r;
}

Status fill_timelock_roles(ChainView& view, Authority& a) {
    // AccessControl emits RoleGranted(bytes32 indexed role, address indexed account, address indexed sender).
    auto logs = view.logs(a.address, abi::event_topic("RoleGranted(bytes32,address,address)"));
    if (!logs) {
        if (logs.error().kind == ErrorKind::unsupported) return {};  // roles stay incomplete
        return std::move(logs).error();
    }
    std::vector<std::pair<Bytes32, Address>> seen;
    for (const auto& l : *logs) {
        if (l.topics.size() < 3) continue;
        Address acct;
        std::copy(l.topics[2].begin() + 12, l.topics[2].end(), acct.bytes.begin());
        std::pair<Bytes32, Address> key{l.topics[1], acct};
        if (std::find(seen.begin(), seen.end(), key) != seen.end()) continue;
        seen.push_back(key);
        // A later RoleRevoked may have removed it: ask the contract now.
        SUTURE_TRY(has, view_bool(view, a.address, "hasRole(bytes32,address)(bool)",
                                  {abi::AbiValue(Bytes(key.first.begin(), key.first.end())), abi::AbiValue(acct)}));
        if (!has || !*has) continue;
        std::string name = "other";
        for (const auto& r : timelock_roles())
            if (r.id == key.first) name = r.short_name;
        a.roles.push_back({name, key.first, acct});
    }
    a.roles_complete = true;
    return {};
}

// Fills kind and details of one account; returns the next account up (owner()), if any.
Result<std::optional<Address>> classify(ChainView& view, Authority& a) {
    if (a.address.is_zero()) {
        a.kind = AuthorityKind::none;
        return std::optional<Address>{};
    }
    SUTURE_TRY(code, view.code(a.address));
    if (code.empty()) {
        a.kind = AuthorityKind::eoa;
        return std::optional<Address>{};
    }
    switch (proxy_admin_version(code)) {
    case ProxyAdminVersion::v4: a.kind = AuthorityKind::proxy_admin_v4; break;
    case ProxyAdminVersion::v5: {
        a.kind = AuthorityKind::proxy_admin_v5;
        SUTURE_TRY(v, view_string(view, a.address, "UPGRADE_INTERFACE_VERSION()(string)"));
        if (v) a.version = *v;
        break;
    }
    case ProxyAdminVersion::none: break;
    }
    if (a.kind == AuthorityKind::none) {
        // Timelocks and Safes are often proxies themselves: ask, don't scan.
        SUTURE_TRY(delay, view_uint(view, a.address, "getMinDelay()(uint256)"));
        SUTURE_TRY(proposer, view_call(view, a.address, "PROPOSER_ROLE()(bytes32)"));
        if (delay && proposer) {
            a.kind = AuthorityKind::timelock;
            a.min_delay = delay->fits_u64() ? delay->low64() : UINT64_MAX;
            SUTURE_CHECK(fill_timelock_roles(view, a));
            return std::optional<Address>{};
        }
        SUTURE_TRY(owners, view_call(view, a.address, "getOwners()(address[])"));
        SUTURE_TRY(threshold, view_uint(view, a.address, "getThreshold()(uint256)"));
        if (owners && threshold) {
            a.kind = AuthorityKind::safe;
            for (const auto& o : (*owners)[0].as_list()) a.owners.push_back(o.as_address());
            a.threshold = threshold->fits_u64() ? threshold->low64() : UINT64_MAX;
            SUTURE_TRY(version, view_string(view, a.address, "VERSION()(string)"));
            if (version) a.version = *version;
            return std::optional<Address>{};
        }
        a.kind = AuthorityKind::contract;
    }
    SUTURE_TRY(owner, view_address(view, a.address, "owner()(address)"));
    return owner;
}

}  // namespace

ProxyAdminVersion proxy_admin_version(BytesView code) {
    static const uint32_t upgrade = selector_u32("upgrade(address,address)");
    static const uint32_t upgrade_and_call = selector_u32("upgradeAndCall(address,address,bytes)");
    static const uint32_t interface_version = selector_u32("UPGRADE_INTERFACE_VERSION()");
    auto sels = pushed_selectors(code);
    auto has = [&](uint32_t s) { return std::binary_search(sels.begin(), sels.end(), s); };
    if (!has(upgrade_and_call)) return ProxyAdminVersion::none;
    if (has(upgrade)) return ProxyAdminVersion::v4;
    if (has(interface_version)) return ProxyAdminVersion::v5;
    return ProxyAdminVersion::none;
}

Result<std::vector<Authority>> authority_chain(ChainView& view, const Address& account, std::string relation,
                                               int max_depth) {
    std::vector<Authority> out;
    std::optional<Address> next = account;
    while (next && int(out.size()) < max_depth) {
        bool cycle = std::any_of(out.begin(), out.end(), [&](const Authority& a) { return a.address == *next; });
        if (cycle) break;
        Authority a;
        a.address = *next;
        a.relation = out.empty() ? relation : "owner() of " + to_checksum(out.back().address);
        SUTURE_TRY(up, classify(view, a));
        out.push_back(std::move(a));
        next = up;
    }
    return out;
}

}  // namespace suture::upgrade
