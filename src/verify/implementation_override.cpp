#include "verify/implementation_override.hpp"

#include <algorithm>

#include "chain/revert.hpp"
#include "core/abi_encode.hpp"
#include "core/keccak.hpp"
#include "evm/state_host.hpp"
#include "upgrade/proxy_detect.hpp"
#include "upgrade/proxy_slots.hpp"
#include "verify/state_chain_view.hpp"

namespace suture::verify {
namespace {

// Beacon storage slots searched for the current implementation when the
// beacon cannot be upgraded through upgradeTo (OpenZeppelin's
// UpgradeableBeacon keeps it in slot 1; custom beacons near the start).
constexpr uint64_t kBeaconSlotsSearched = 64;

Bytes call_data(std::string_view signature, const std::optional<Address>& arg = std::nullopt) {
    const abi::Selector sel = abi::selector(signature);
    Bytes data(4 + (arg ? 32 : 0));
    std::copy(sel.begin(), sel.end(), data.begin());
    if (arg) to_uint256(*arg).to_be(data.data() + 4);
    return data;
}

// An address returned by a view call, nullopt when it reverted or returned something else.
Result<std::optional<Address>> call_address(upgrade::ChainView& view, const Address& to, std::string_view signature) {
    SUTURE_TRY(r, view.call(to, call_data(signature)));
    if (r.reverted || r.output.size() != 32) return std::optional<Address>{};
    const uint256 w = uint256::from_be(r.output);
    if (w >> 160) return std::optional<Address>{};
    return std::optional<Address>(to_address(w));
}

// Points the beacon at `impl`: upgradeTo(impl) from its owner() (what the
// beacon's admin would send), else the single storage slot that holds `old`.
Status switch_beacon(evm::OverlayBackend& state, const evm::BlockEnv& block, evm::Revision rev,
                     const Address& beacon, const Address& old, const Address& impl) {
    StateChainView view(state, block, rev);
    SUTURE_TRY(owner, call_address(view, beacon, "owner()"));
    if (owner) {
        const auto snap = state.snapshot();
        evm::CallRequest req;
        req.from = *owner;
        req.to = beacon;
        req.data = call_data("upgradeTo(address)", impl);
        auto out = evm::execute_call(state, rev, block, req);
        if (out.ok() && out->receipt.status == evm::StatusCode::success) state.apply(out->diff);
        auto now = out.ok() ? call_address(view, beacon, "implementation()") : std::optional<Address>{};
        const bool switched = now.ok() && *now == impl;
        if (!switched) state.revert_to(snap);  // nothing of the failed attempt stays
        state.release(snap);
        if (!out.ok()) return std::move(out).error();
        if (!now.ok()) return std::move(now).error();
        if (switched) return {};
    }
    std::vector<uint64_t> holding;
    for (uint64_t slot = 0; slot < kBeaconSlotsSearched; ++slot) {
        SUTURE_TRY(v, state.storage(beacon, uint256(slot)));
        if (v == to_uint256(old)) holding.push_back(slot);
    }
    if (holding.size() != 1)
        return unsupported_error("implementation override: beacon " + to_checksum(beacon) +
                                 " has no owner() that can upgradeTo(address), and " +
                                 std::to_string(holding.size()) + " of its first " +
                                 std::to_string(kBeaconSlotsSearched) +
                                 " storage slots hold the current implementation (need exactly one)");
    SUTURE_CHECK(state.set_storage(beacon, uint256(holding[0]), to_uint256(impl)));
    SUTURE_TRY(now, call_address(view, beacon, "implementation()"));
    if (now != impl)
        return unsupported_error("implementation override: beacon " + to_checksum(beacon) +
                                 " still answers implementation() with the old address after its slot " +
                                 std::to_string(holding[0]) + " was switched");
    return {};
}

// An EIP-1167 clone carries its target in its code: rewrite that address.
Status switch_clone(evm::OverlayBackend& state, upgrade::ChainView& view, const Address& proxy, const Address& old,
                    const Address& impl) {
    SUTURE_TRY(code, view.code(proxy));
    auto at = std::search(code.begin(), code.end(), old.bytes.begin(), old.bytes.end());
    if (at == code.end()) return internal_error("implementation override: the clone's code does not hold its target");
    std::copy(impl.bytes.begin(), impl.bytes.end(), at);
    return state.set_code(proxy, std::move(code));
}

}  // namespace

Address override_deployer() {
    const Bytes32 h = keccak256("suture.implementation-override.deployer");
    Address a;
    std::copy(h.begin() + 12, h.end(), a.bytes.begin());
    return a;
}

Result<Address> deploy_override_code(evm::OverlayBackend& state, const evm::BlockEnv& block, evm::Revision rev,
                                     const NewImplementation& code) {
    const Address deployer = override_deployer();
    if (!code.init_code.empty()) {
        evm::CallRequest req;
        req.from = deployer;
        req.data = code.init_code;
        SUTURE_TRY(out, evm::execute_call(state, rev, block, req));
        if (out.receipt.status != evm::StatusCode::success || !out.receipt.created)
            return input_error("new implementation: the constructor failed: " + chain::describe_revert(out.receipt.output));
        state.apply(out.diff);
        return *out.receipt.created;
    }
    if (code.runtime.empty()) return input_error("new implementation: no code given");
    SUTURE_TRY(info, state.account(deployer));
    const uint64_t nonce = info ? info->nonce : 0;
    const Address addr = evm::create_address(deployer, nonce);
    SUTURE_CHECK(state.set_nonce(deployer, nonce + 1));
    SUTURE_CHECK(state.set_code(addr, code.runtime));
    SUTURE_CHECK(state.set_nonce(addr, 1));  // EIP-161: contracts start at nonce 1
    return addr;
}

Result<OverrideResult> override_implementation(evm::OverlayBackend& state, const evm::BlockEnv& block,
                                               evm::Revision rev, const Address& proxy,
                                               const NewImplementation& code) {
    using upgrade::ProxyPattern;
    StateChainView view(state, block, rev);
    SUTURE_TRY(info, upgrade::inspect_proxy(view, proxy));
    const std::string name = to_checksum(proxy);
    if (!info.has_code) return input_error(name + ": no code there, so no proxy to switch");
    if (info.kind == ProxyPattern::diamond)
        return unsupported_error(name + ": a diamond (EIP-2535): switching its facets is not supported yet");
    if (info.kind == ProxyPattern::none || !info.implementation)
        return input_error(name + ": not a proxy (no EIP-1967, beacon, ZeppelinOS, EIP-1822 or Safe slot, "
                                  "and not an EIP-1167 clone)");

    OverrideResult r;
    r.kind = info.kind;
    r.old_implementation = *info.implementation;
    SUTURE_TRY(impl, deploy_override_code(state, block, rev, code));
    r.new_implementation = impl;
    const uint256 word = to_uint256(impl);
    std::string where;
    switch (info.kind) {
    case ProxyPattern::transparent:
    case ProxyPattern::uups:
    case ProxyPattern::eip1967:
        SUTURE_CHECK(state.set_storage(proxy, uint256::from_bytes32(upgrade::eip1967_implementation_slot()), word));
        where = "EIP-1967 implementation slot";
        break;
    case ProxyPattern::zos:
        SUTURE_CHECK(state.set_storage(proxy, uint256::from_bytes32(upgrade::zos_implementation_slot()), word));
        where = "ZeppelinOS implementation slot";
        break;
    case ProxyPattern::eip1822:
        SUTURE_CHECK(state.set_storage(proxy, uint256::from_bytes32(upgrade::eip1822_proxiable_slot()), word));
        where = "EIP-1822 PROXIABLE slot";
        break;
    case ProxyPattern::safe:
        SUTURE_CHECK(state.set_storage(proxy, uint256(0), word));
        where = "Safe singleton (slot 0)";
        break;
    case ProxyPattern::beacon:
        if (!info.beacon) return internal_error(name + ": beacon proxy without a beacon address");
        r.beacon = info.beacon;
        SUTURE_CHECK(switch_beacon(state, block, rev, *info.beacon, r.old_implementation, impl));
        where = "beacon " + to_checksum(*info.beacon) + " implementation";
        break;
    case ProxyPattern::minimal:
        SUTURE_CHECK(switch_clone(state, view, proxy, r.old_implementation, impl));
        where = "EIP-1167 clone target";
        break;
    case ProxyPattern::none:
    case ProxyPattern::diamond: break;  // refused above
    }

    // Read the proxy back as detection sees it: the switch must show.
    SUTURE_TRY(after, upgrade::inspect_proxy(view, proxy));
    if (after.implementation != impl)
        return internal_error(name + ": after switching the " + where + " the proxy still resolves to " +
                              (after.implementation ? to_checksum(*after.implementation) : std::string("nothing")));
    r.description = name + " (" + upgrade::proxy_pattern_name(info.kind) + "): " + where + " switched from " +
                    to_checksum(r.old_implementation) + " to " + to_checksum(impl);
    return r;
}

}  // namespace suture::verify
