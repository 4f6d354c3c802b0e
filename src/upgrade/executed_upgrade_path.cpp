// The UUPS upgrade path must survive the upgrade: through the proxy (now on
// the new implementation) the caller upgrades again, to a second copy of the
// new implementation, and the EIP-1967 slot must then name that copy.
#include <cctype>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "upgrade/executed_steps.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {

namespace {

bool contains_any(std::string text, std::initializer_list<const char*> words) {
    for (auto& c : text) c = char(std::tolower(static_cast<unsigned char>(c)));
    for (const char* w : words)
        if (text.find(w) != std::string::npos) return true;
    return false;
}

// A revert that depends on who calls or on the contract's mode, not on the
// upgrade path itself: the scratch state could not satisfy it, so it says
// nothing about whether the real owner can upgrade. OpenZeppelin's errors
// (OwnableUnauthorizedAccount, AccessControlUnauthorizedAccount,
// EnforcedPause, "Ownable: caller is not the owner", ...) and the usual words
// of hand-written checks.
bool depends_on_caller_or_mode(const abi::Revert& r) {
    static const std::initializer_list<const char*> words = {
        "owner", "admin", "role", "auth", "permission", "access", "allowed", "forbidden", "sender",
        "caller", "paused", "pause", "guardian", "governance", "timelock", "multisig"};
    if (r.kind == abi::Revert::Kind::error_string) return contains_any(r.message, words);
    if (r.kind == abi::Revert::Kind::custom && r.error) return contains_any(r.error->name, words);
    return false;
}

}  // namespace

bool is_uups(const abi::ContractAbi& abi) {
    return abi_function(abi, "proxiableUUID()") || abi_function(abi, "upgradeToAndCall(address,bytes)");
}

Status exercise_uups_upgrade(ExecContext& cx, const Address& proxy) {
    Findings& out = cx.report.findings;
    const std::string name = cx.t.contract.name;
    SUTURE_TRY(copy, cx.deployer.deploy(cx.t.build, cx.t.contract));
    if (!copy.address)
        return internal_error("executed checks: a second copy of " + name + " failed to deploy: " + copy.failure);

    // OpenZeppelin 4.x UUPS kept upgradeTo(address); 5.x has only upgradeToAndCall.
    const abi::AbiEntry* to_and_call = abi_function(cx.abi, "upgradeToAndCall(address,bytes)");
    const abi::AbiEntry* to_only = abi_function(cx.abi, "upgradeTo(address)");
    Bytes data;
    std::string how;
    if (to_and_call || !to_only) {
        auto sel = abi::selector("upgradeToAndCall(address,bytes)");
        SUTURE_TRY(args, abi::encode({abi::AbiType::simple(abi::AbiKind::address), abi::AbiType::simple(abi::AbiKind::bytes)},
                                     {*copy.address, Bytes{}}));
        data.assign(sel.begin(), sel.end());
        data.insert(data.end(), args.begin(), args.end());
        how = "upgradeToAndCall(copy, \"\")";
    } else {
        SUTURE_TRY(d, abi::encode_call(to_only->signature(), {*copy.address}));
        data = std::move(d);
        how = "upgradeTo(copy)";
    }
    SUTURE_TRY(r, cx.chain.call(proxy, std::move(data), true));
    const std::string hint = "Keep UUPSUpgradeable's upgradeToAndCall and an _authorizeUpgrade the owner can pass";
    const std::string lead = "After the upgrade to " + name + ", " + how + " through the proxy from the owner ";
    if (!r.ok()) {
        if (!to_and_call && !to_only) {
            out.push_back(cx.finding(cx.t.contract.node, Severity::error, "exec-upgrade-failed",
                                     lead + cx.failure_text(r, cx.abi) + ": " + name +
                                         " has no upgrade function, so the proxy can never be upgraded again (executed)",
                                     hint));
            return {};
        }
        auto rev = abi::decode_revert(r.output, &cx.abi);
        bool blamable = r.status == evm::StatusCode::revert && rev.ok() &&
                        (rev->kind == abi::Revert::Kind::custom || rev->kind == abi::Revert::Kind::error_string ||
                         rev->kind == abi::Revert::Kind::panic) &&
                        !depends_on_caller_or_mode(*rev);
        if (blamable) {
            out.push_back(cx.finding(cx.t.contract.node, Severity::error, "exec-upgrade-failed",
                                     lead + cx.failure_text(r, cx.abi) +
                                         ": the proxy could not be upgraded again (executed)",
                                     hint));
        } else {
            out.push_back(cx.finding(cx.t.contract.node, Severity::warning, "exec-upgrade-not-exercised",
                                     lead + cx.failure_text(r, cx.abi) +
                                         ": the upgrade path could not be exercised on the scratch state (the "
                                         "revert may depend on an account or mode it cannot reproduce)",
                                     "Check that the real upgrade authority can pass _authorizeUpgrade"));
        }
        return {};
    }
    const uint256 slot = uint256::from_bytes32(eip1967_implementation_slot());
    Bytes32 held = cx.chain.storage(proxy, slot).to_bytes32();
    cx.report.upgrade_copy = copy.address;
    cx.report.slot_after.emplace();
    std::copy(held.begin() + 12, held.end(), cx.report.slot_after->bytes.begin());
    if (!std::equal(held.begin() + 12, held.end(), copy.address->bytes.begin()))
        out.push_back(cx.finding(cx.t.contract.node, Severity::error, "exec-upgrade-failed",
                                 lead + "succeeded, but the EIP-1967 implementation slot then holds " +
                                     to_hex(BytesView(held.data(), 32)) + " instead of the copy " +
                                     to_checksum(*copy.address) + " (executed)",
                                 hint));
    return {};
}

}  // namespace suture::upgrade
