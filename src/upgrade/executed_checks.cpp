#include "upgrade/executed_checks.hpp"

#include "core/abi_decode.hpp"
#include "core/hex.hpp"
#include "solidity/ast.hpp"
#include "upgrade/executed_proxy.hpp"
#include "upgrade/executed_steps.hpp"
#include "upgrade/executed_storage_fill.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {

using solidity::str_field;

const abi::AbiEntry* abi_function(const abi::ContractAbi& abi, std::string_view signature) {
    return abi.function(abi::selector(signature));
}

const abi::AbiEntry* abi_entry_of(const abi::ContractAbi& abi, const Json& decl) {
    auto sel = from_hex(str_field(decl, "functionSelector"));
    if (!sel.ok() || sel->size() != 4) return nullptr;
    return abi.function({(*sel)[0], (*sel)[1], (*sel)[2], (*sel)[3]});
}

bool has_modifier(const Json& fn, std::initializer_list<std::string_view> names) {
    const Json* mods = solidity::child(fn, "modifiers");
    if (!mods) return false;
    for (const auto& m : *mods)
        if (const Json* n = solidity::child(m, "modifierName"))
            for (auto want : names)
                if (str_field(*n, "name") == want) return true;
    return false;
}

std::vector<abi::AbiType> input_types(const abi::AbiEntry& e) {
    std::vector<abi::AbiType> types;
    for (const auto& p : e.inputs) types.push_back(p.type);
    return types;
}

Result<ScratchOutcome> ExecContext::call(const Address& to, const abi::AbiEntry& fn,
                                         const std::vector<abi::AbiValue>& args, bool commit) {
    SUTURE_TRY(data, abi::encode_call(fn.signature(), args));
    return chain.call(to, std::move(data), commit);
}

std::string ExecContext::failure_text(const ScratchOutcome& out, const abi::ContractAbi& abi_of) const {
    if (out.status != evm::StatusCode::revert) return "halted (" + out.status_text() + ")";
    if (out.output.empty()) return "reverted without data";
    auto r = abi::decode_revert(out.output, &abi_of);
    return "reverted with " + (r.ok() ? r->description : to_hex(out.output));
}

Finding ExecContext::finding(const Json* at, Severity sev, std::string code, std::string message,
                             std::string hint) const {
    return make_finding(t.code, at, sev, std::move(code), std::move(message), std::move(hint));
}

namespace {

std::string name_of(const Target& t) { return t.contract.name; }

abi::ContractAbi abi_of(const Target& t) { return t.contract.abi; }

// bytes32 constants the contracts expose (role ids such as UPGRADER_ROLE):
// extra mapping keys, so that roles the code checks are granted to the caller.
Status collect_role_words(ExecContext& cx, const Address& at, const abi::ContractAbi& abi) {
    for (const auto& e : abi.entries) {
        if (cx.samples.words.size() >= 8) break;
        if (e.kind != abi::EntryKind::function || !e.inputs.empty() || e.outputs.size() != 1) continue;
        if (e.outputs[0].type.kind != abi::AbiKind::fixed_bytes || e.outputs[0].type.size != 32) continue;
        if (e.state_mutability != "pure" && e.state_mutability != "view") continue;
        SUTURE_TRY(out, cx.call(at, e, {}));
        if (!out.ok() || out.output.size() != 32) continue;
        Bytes32 w;
        std::copy(out.output.begin(), out.output.end(), w.begin());
        if (std::find(cx.samples.words.begin(), cx.samples.words.end(), w) == cx.samples.words.end())
            cx.samples.words.push_back(w);
    }
    return {};
}

// The reference's initializer, as the proxy's deployment would have called it.
Status initialize_proxy(ExecContext& cx, const Target& ref, const abi::ContractAbi& ref_abi, const Address& proxy) {
    for (const Json* f : ref.code.entry_points()) {
        if (!has_modifier(*f, {"initializer"})) continue;
        const abi::AbiEntry* e = abi_entry_of(ref_abi, *f);
        if (!e) continue;
        SUTURE_TRY(out, cx.call(proxy, *e, default_args(input_types(*e), cx.chain.caller()), true));
        if (out.ok()) return {};
    }
    return {};
}

Finding skipped(const ExecContext& cx, Severity sev, const std::string& what, const std::string& why) {
    return cx.finding(cx.t.contract.node, sev, "exec-skipped",
                      what + " not run: " + why,
                      "Make the contract deployable in an empty EVM (or pass --no-execute to skip these checks)");
}

}  // namespace

Result<ExecutedReport> run_executed_checks(const Target& t, const Target* old, const CheckOptions& opt) {
    ExecContext cx(t, old);
    Findings& out = cx.report.findings;
    cx.abi = abi_of(t);
    if (old) cx.old_abi = abi_of(*old);

    SUTURE_TRY(deployed, cx.deployer.deploy(t.build, t.contract));
    if (!deployed.address) {
        if (deployed.inconclusive) {
            out.push_back(skipped(cx, Severity::warning, "Executed checks of " + name_of(t),
                                  name_of(t) + " could not be deployed on a scratch chain: " + deployed.failure));
        } else {
            out.push_back(cx.finding(t.contract.node, Severity::error, "exec-deploy-failed",
                                     name_of(t) + " cannot be deployed: " + deployed.failure,
                                     "Fix the constructor or the code size (EIP-170: at most 24576 bytes of code)"));
        }
        return std::move(cx.report);
    }
    cx.impl = *deployed.address;
    // Creation code that leaves no runtime code (a lone STOP byte) is no contract:
    // whatever running it showed would be findings about nothing.
    if (!cx.chain.has_code(cx.impl))
        return input_error(t.contract.where + ": the creation code of " + name_of(t) + " (" +
                           std::to_string(t.contract.bytecode.size() / 2) + " byte" +
                           (t.contract.bytecode.size() == 2 ? "" : "s") +
                           ") deploys no code: the artifact's bytecode is empty or invalid");
    cx.report.deployed = true;
    SUTURE_CHECK(collect_role_words(cx, cx.impl, cx.abi));
    SUTURE_CHECK(check_bare_implementation(cx));

    // The proxy starts on the reference version (the new one without a reference).
    Address ref_impl = cx.impl;
    if (old) {
        SUTURE_TRY(od, cx.deployer.deploy(old->build, old->contract));
        if (!od.address) {
            out.push_back(skipped(cx, Severity::warning, "Reading storage back after the upgrade",
                                  "the old version " + name_of(*old) + " could not be deployed: " + od.failure));
            old = nullptr;
        } else {
            ref_impl = *od.address;
            SUTURE_CHECK(collect_role_words(cx, ref_impl, cx.old_abi));
        }
    }
    const Target& ref = old ? *old : t;
    SUTURE_TRY(proxy_out, cx.chain.create(erc1967_proxy_initcode(ref_impl)));
    if (!proxy_out.ok() || !proxy_out.created)
        return internal_error("executed checks: the scratch ERC-1967 proxy failed to deploy (" +
                              proxy_out.status_text() + ")");
    Address proxy = *proxy_out.created;
    SUTURE_CHECK(initialize_proxy(cx, ref, old ? cx.old_abi : cx.abi, proxy));

    const uint256 slot = uint256::from_bytes32(eip1967_implementation_slot());
    if (old) {
        // Read back values that differ per variable (two swapped addresses
        // must not both read as the caller), then restore the working ones
        // (the caller owns the contract) for the UUPS upgrade below.
        cx.filled = populate_storage(cx.chain, proxy, ref.storage, cx.samples, FillValues::distinct);
        std::vector<GetterRead> before = shared_getters(cx), after = before;
        SUTURE_CHECK(read_getters(cx, proxy, before));
        cx.chain.set_storage(proxy, slot, uint256::from_be(BytesView(cx.impl.bytes.data(), 20)));
        SUTURE_CHECK(read_getters(cx, proxy, after));
        compare_getters(cx, before, after);
    }
    populate_storage(cx.chain, proxy, ref.storage, cx.samples, FillValues::working);

    bool uups = opt.proxy == ProxyKind::uups ||
                (opt.proxy == ProxyKind::automatic && (is_uups(cx.abi) || (old && is_uups(cx.old_abi))));
    if (uups) SUTURE_CHECK(exercise_uups_upgrade(cx, proxy));
    return std::move(cx.report);
}

Status check_executed(const Target& t, const Target* old, const CheckOptions& opt, Findings& out) {
    SUTURE_TRY(r, run_executed_checks(t, old, opt));
    out.insert(out.end(), r.findings.begin(), r.findings.end());
    return {};
}

}  // namespace suture::upgrade
