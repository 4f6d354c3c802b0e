// The bare implementation: nobody may initialize it, and a UUPS
// implementation must name the EIP-1967 slot as its proxiable UUID (ERC-1822;
// OpenZeppelin's upgradeToAndCall refuses an implementation that does not).
#include "core/hex.hpp"
#include "solidity/ast.hpp"
#include "upgrade/executed_steps.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {

using solidity::child;
using solidity::str_field;

namespace {

// An initializer: `initializer` / `reinitializer(n)`, or a function that runs
// an `_init` chain (calls a function guarded by `onlyInitializing`).
bool is_initializer(const CodeModel& m, const Json& fn) {
    if (has_modifier(fn, {"initializer", "reinitializer"})) return true;
    for (const Json* g : m.callees(fn))
        if (solidity::node_type(*g) == "FunctionDefinition" && has_modifier(*g, {"onlyInitializing"})) return true;
    return false;
}

Status check_initializers_revert(ExecContext& cx) {
    const CodeModel& m = cx.t.code;
    for (const Json* f : m.entry_points()) {
        if (solidity::node_type(*f) != "FunctionDefinition" || !is_initializer(m, *f)) continue;
        const abi::AbiEntry* e = abi_entry_of(cx.abi, *f);
        if (!e) continue;
        SUTURE_TRY(r, cx.call(cx.impl, *e, default_args(input_types(*e), cx.chain.caller())));
        cx.report.initializers.push_back(m.describe(*f));
        if (!r.ok()) continue;  // locked (or refusing these arguments): nobody initializes it this way
        cx.report.findings.push_back(cx.finding(f, Severity::error, "exec-implementation-initializable",
                                 "`" + m.describe(*f) + "` succeeded when called directly on the deployed " +
                                     cx.t.contract.name + " implementation by an arbitrary account (executed)",
                                 "Call `_disableInitializers()` in the implementation's constructor"));
    }
    return {};
}

Status check_proxiable_uuid(ExecContext& cx) {
    const abi::AbiEntry* e = abi_function(cx.abi, "proxiableUUID()");
    if (!e) return {};
    SUTURE_TRY(r, cx.call(cx.impl, *e, {}));
    const Bytes32& slot = eip1967_implementation_slot();
    if (r.ok() && r.output.size() == 32 && std::equal(slot.begin(), slot.end(), r.output.begin())) return {};
    std::string got = r.ok() ? "returned " + to_hex(r.output) : cx.failure_text(r, cx.abi);
    cx.report.findings.push_back(cx.finding(cx.t.contract.node, Severity::error, "exec-proxiable-uuid",
                             "proxiableUUID() on the " + cx.t.contract.name + " implementation " + got +
                                 ", not the EIP-1967 implementation slot " + to_hex(BytesView(slot.data(), 32)) +
                                 ": a UUPS proxy refuses to upgrade to it (executed)",
                             "Inherit UUPSUpgradeable and do not override proxiableUUID()"));
    return {};
}

}  // namespace

Status check_bare_implementation(ExecContext& cx) {
    SUTURE_CHECK(check_initializers_revert(cx));
    return check_proxiable_uuid(cx);
}

}  // namespace suture::upgrade
