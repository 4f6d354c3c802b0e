#include "upgrade/proxy_detect.hpp"

#include "core/uint256.hpp"
#include "upgrade/proxy_authority.hpp"
#include "upgrade/proxy_code_scan.hpp"
#include "upgrade/proxy_slots.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::upgrade {
namespace {

// An address-holding slot: the low 20 bytes, when the rest is zero.
Result<std::optional<Address>> slot_address(ChainView& view, const Address& at, const Bytes32& slot) {
    SUTURE_TRY(word, view.storage(at, slot));
    uint256 v = uint256::from_bytes32(word);
    if (!v || (v >> 160)) return std::optional<Address>{};
    return std::optional<Address>(to_address(v));
}

uint32_t selector_of(const Bytes& b) {
    return (uint32_t(b[0]) << 24) | (uint32_t(b[1]) << 16) | (uint32_t(b[2]) << 8) | b[3];
}

Status add_authorities(ChainView& view, ProxyInfo& info, const Address& account, const std::string& relation) {
    SUTURE_TRY(chain, authority_chain(view, account, relation));
    for (auto& a : chain) info.authorities.push_back(std::move(a));
    return {};
}

// EIP-1967 implementation slot is set: transparent, UUPS or plain.
Status classify_eip1967(ChainView& view, ProxyInfo& info, const Address& impl) {
    info.implementation = impl;
    SUTURE_TRY(admin, slot_address(view, info.address, eip1967_admin_slot()));
    if (admin) {
        info.kind = ProxyPattern::transparent;
        return add_authorities(view, info, *admin, "admin slot (EIP-1967)");
    }
    // EIP-1822: a UUPS implementation names the slot it expects to live in.
    SUTURE_TRY(uuid, view_call(view, impl, "proxiableUUID()(bytes32)"));
    if (uuid && (*uuid)[0].as_bytes() == Bytes(eip1967_implementation_slot().begin(), eip1967_implementation_slot().end())) {
        info.kind = ProxyPattern::uups;
        SUTURE_TRY(version, view_string(view, impl, "UPGRADE_INTERFACE_VERSION()(string)"));
        if (version) info.uups_version = *version;
    } else {
        info.kind = ProxyPattern::eip1967;
    }
    // Upgrades go through the implementation's own access control: its owner().
    SUTURE_TRY(owner, view_address(view, info.address, "owner()(address)"));
    if (owner) return add_authorities(view, info, *owner, "owner()");
    return {};
}

Status classify_beacon(ChainView& view, ProxyInfo& info, const Address& beacon) {
    info.kind = ProxyPattern::beacon;
    info.beacon = beacon;
    SUTURE_TRY(impl, view_address(view, beacon, "implementation()(address)"));
    info.implementation = impl;
    SUTURE_TRY(owner, view_address(view, beacon, "owner()(address)"));
    if (owner) return add_authorities(view, info, *owner, "beacon owner()");
    return {};
}

Status classify_owned(ChainView& view, ProxyInfo& info, ProxyPattern kind) {
    info.kind = kind;
    SUTURE_TRY(owner, view_address(view, info.address, "owner()(address)"));
    if (owner) return add_authorities(view, info, *owner, "owner()");
    return {};
}

// The detection proper, in the order documented in the header.
Status detect_kind(ChainView& view, ProxyInfo& info, const Bytes& code) {
    if (auto target = minimal_proxy_target(code)) {
        info.kind = ProxyPattern::minimal;  // no admin: the target is part of the code
        info.implementation = *target;
        return {};
    }
    SUTURE_TRY(impl, slot_address(view, info.address, eip1967_implementation_slot()));
    if (impl) return classify_eip1967(view, info, *impl);
    SUTURE_TRY(beacon, slot_address(view, info.address, eip1967_beacon_slot()));
    if (beacon) return classify_beacon(view, info, *beacon);
    SUTURE_TRY(zos, slot_address(view, info.address, zos_implementation_slot()));
    if (zos) {
        info.kind = ProxyPattern::zos;
        info.implementation = *zos;
        SUTURE_TRY(admin, slot_address(view, info.address, zos_admin_slot()));
        if (admin) return add_authorities(view, info, *admin, "admin slot (org.zeppelinos.proxy.admin)");
        return {};
    }
    SUTURE_TRY(proxiable, slot_address(view, info.address, eip1822_proxiable_slot()));
    if (proxiable) {
        info.implementation = *proxiable;
        return classify_owned(view, info, ProxyPattern::eip1822);
    }
    SUTURE_TRY(facets, diamond_facets(view, info.address));
    if (facets) {
        info.facets = std::move(*facets);
        return classify_owned(view, info, ProxyPattern::diamond);
    }
    // Safe proxies (safe-contracts 1.x) keep the singleton in slot 0 and answer masterCopy().
    SUTURE_TRY(master, view_address(view, info.address, "masterCopy()(address)"));
    if (master && !master->is_zero()) {
        SUTURE_TRY(slot0, slot_address(view, info.address, Bytes32{}));
        if (slot0 && *slot0 == *master) {
            info.kind = ProxyPattern::safe;
            info.implementation = *master;
            // A Safe upgrades itself (a Safe transaction to changeMasterCopy/setup): its owners decide.
            return add_authorities(view, info, info.address, "self (Safe owners)");
        }
    }
    info.kind = ProxyPattern::none;
    return {};
}

}  // namespace

Result<std::optional<std::vector<Facet>>> diamond_facets(ChainView& view, const Address& address) {
    using Out = std::optional<std::vector<Facet>>;
    SUTURE_TRY(all, view_call(view, address, "facets()((address,bytes4[])[])"));
    std::vector<Facet> facets;
    if (all) {
        for (const auto& f : (*all)[0].as_list()) {
            Facet facet{f.as_list()[0].as_address(), {}};
            for (const auto& s : f.as_list()[1].as_list()) facet.selectors.push_back(selector_of(s.as_bytes()));
            facets.push_back(std::move(facet));
        }
    } else {
        SUTURE_TRY(addrs, view_call(view, address, "facetAddresses()(address[])"));
        if (!addrs) return Out{};
        for (const auto& a : (*addrs)[0].as_list()) {
            SUTURE_TRY(sels, view_call(view, address, "facetFunctionSelectors(address)(bytes4[])", {a}));
            Facet facet{a.as_address(), {}};
            if (sels)
                for (const auto& s : (*sels)[0].as_list()) facet.selectors.push_back(selector_of(s.as_bytes()));
            facets.push_back(std::move(facet));
        }
    }
    if (facets.empty()) return Out{};  // a loupe over nothing is not a diamond we can upgrade
    return Out(std::move(facets));
}

Result<ProxyInfo> inspect_proxy(ChainView& view, const Address& address) {
    ProxyInfo info;
    info.address = address;
    SUTURE_TRY(code, view.code(address));
    info.has_code = !code.empty();
    if (!info.has_code) return info;
    SUTURE_CHECK(detect_kind(view, info, code));
    // The contract's own state, through the proxy (or directly for a plain contract).
    SUTURE_TRY(owner, view_address(view, address, "owner()(address)"));
    info.owner = owner;
    SUTURE_TRY(paused, view_bool(view, address, "paused()(bool)"));
    info.paused = paused;
    return info;
}

}  // namespace suture::upgrade
