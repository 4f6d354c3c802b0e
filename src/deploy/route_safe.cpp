// Route `safe`: a Safe multisig holds the upgrade right. The upgrade calls are
// written as a Transaction Builder batch file (for owners who sign in the Safe
// UI) and, when enough owner keys are given, executed directly: one call as a
// plain Safe transaction, several as a delegatecall to MultiSend(CallOnly).
// The SafeTx hash is computed here (EIP-712) and checked against the Safe's
// own getTransactionHash before anyone signs it.
#include <chrono>
#include <fstream>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "deploy/route.hpp"
#include "deploy/safe_tx.hpp"
#include "deploy/safe_tx_builder_file.hpp"
#include "upgrade/proxy_authority.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::deploy {
namespace {

const upgrade::Authority* safe_of(RouteContext& ctx, const MechanismPlan& plan) {
    if (!plan.sender) return nullptr;
    for (const auto& a : ctx.outcome.before.authorities)
        if (a.address == *plan.sender && a.kind == upgrade::AuthorityKind::safe) return &a;
    return nullptr;
}

// Owner keys that belong to the Safe, at most `threshold` of them.
std::vector<const chain::SecretKey*> signing_keys(const upgrade::Authority& safe, const SafeOptions& o) {
    std::vector<const chain::SecretKey*> keys;
    for (const auto* k : o.owners)
        if (std::find(safe.owners.begin(), safe.owners.end(), k->address()) != safe.owners.end() &&
            keys.size() < safe.threshold.value_or(0))
            keys.push_back(k);
    return keys;
}

Status write_batch_file(RouteContext& ctx, const Address& safe, const MechanismPlan& plan) {
    const auto& o = ctx.request.safe;
    BatchFileInfo info;
    info.chain_id = ctx.sender.chain_id();
    info.safe = safe;
    info.created_at_ms = o.created_at_ms
                             ? o.created_at_ms
                             : uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
                                            std::chrono::system_clock::now().time_since_epoch())
                                            .count());
    info.description = "Upgrade " + to_checksum(ctx.request.proxy) + " (" + plan.mechanism + ")";
    std::vector<BatchCall> calls;
    for (const auto& c : plan.calls) calls.push_back({c.to, c.value, c.data});
    auto doc = safe_batch_file(info, calls);
    std::ofstream out(o.batch_file, std::ios::trunc);
    if (!out) return input_error("Safe batch file " + o.batch_file + ": cannot open for writing");
    out << doc.dump(2) << "\n";
    if (!out) return input_error("Safe batch file " + o.batch_file + ": write failed");
    ctx.outcome.safe_batch_file = o.batch_file;
    return {};
}

}  // namespace

Status check_safe(RouteContext& ctx, const MechanismPlan& plan) {
    const auto* safe = safe_of(ctx, plan);
    if (!safe) return not_authorized_by("safe", ctx, plan, "Safe");
    const auto& o = ctx.request.safe;
    for (const auto* k : o.owners)
        if (std::find(safe->owners.begin(), safe->owners.end(), k->address()) == safe->owners.end())
            return input_error("route safe: " + to_checksum(k->address()) + " is not an owner of Safe " +
                               to_checksum(safe->address) + "; refusing before sending anything");
    if (o.owners.empty() && o.batch_file.empty())
        return usage_error("route safe: give owner keys to execute, or a batch file to write (--safe-file)");
    if (!o.owners.empty() && o.owners.size() < safe->threshold.value_or(0) && o.batch_file.empty())
        return input_error("route safe: " + std::to_string(o.owners.size()) + " owner key(s) given, Safe " +
                           to_checksum(safe->address) + " needs " + std::to_string(safe->threshold.value_or(0)) +
                           "; give more keys or write a batch file (--safe-file)");
    if (plan.calls.size() > 1 && !o.owners.empty() && !o.multisend)
        return usage_error("route safe: " + std::to_string(plan.calls.size()) +
                           " calls need MultiSendCallOnly's address (--multisend) to run as one Safe transaction");
    return {};
}

Status execute_safe(RouteContext& ctx, const MechanismPlan& plan) {
    const auto& o = ctx.request.safe;
    const Address safe_addr = *plan.sender;
    const auto* safe = safe_of(ctx, plan);
    if (!o.batch_file.empty()) SUTURE_CHECK(write_batch_file(ctx, safe_addr, plan));
    auto keys = signing_keys(*safe, o);
    if (keys.empty() || keys.size() < safe->threshold.value_or(1)) {
        ctx.outcome.pending = true;
        ctx.outcome.notes.push_back("Safe " + to_checksum(safe_addr) + " needs " +
                                    std::to_string(safe->threshold.value_or(0)) +
                                    " owner signatures: import the batch file in the Transaction Builder");
        return {};
    }
    return send_safe_transaction(ctx, *safe, plan.calls, "safe-exec");
}

Result<upgrade::Authority> read_safe(RouteContext& ctx, const Address& address) {
    SUTURE_TRY(chain, upgrade::authority_chain(ctx.view, address, "Safe", 1));
    if (chain.empty() || chain[0].kind != upgrade::AuthorityKind::safe)
        return input_error(to_checksum(address) + " is not a Safe (getOwners/getThreshold do not answer)");
    return chain[0];
}

Status check_safe_keys(const upgrade::Authority& safe, const SafeOptions& o, std::string_view why) {
    for (const auto* k : o.owners)
        if (std::find(safe.owners.begin(), safe.owners.end(), k->address()) == safe.owners.end())
            return input_error(std::string(why) + ": " + to_checksum(k->address()) + " is not an owner of Safe " +
                               to_checksum(safe.address) + "; refusing before sending anything");
    if (o.owners.size() < safe.threshold.value_or(1))
        return input_error(std::string(why) + ": " + std::to_string(o.owners.size()) + " owner key(s) given, Safe " +
                           to_checksum(safe.address) + " needs " + std::to_string(safe.threshold.value_or(0)));
    return {};
}

Status send_safe_transaction(RouteContext& ctx, const upgrade::Authority& safe, const std::vector<UpgradeCall>& calls,
                             const std::string& kind) {
    const auto& o = ctx.request.safe;
    const Address safe_addr = safe.address;
    auto keys = signing_keys(safe, o);
    if (keys.empty() || keys.size() < safe.threshold.value_or(1))
        return input_error("Safe " + to_checksum(safe_addr) + " needs " + std::to_string(safe.threshold.value_or(0)) +
                           " owner signatures, " + std::to_string(keys.size()) + " owner key(s) given");
    SafeTx tx;
    if (calls.size() == 1) {
        tx.to = calls[0].to;
        tx.value = calls[0].value;
        tx.data = calls[0].data;
    } else {
        if (!o.multisend)
            return usage_error("Safe " + to_checksum(safe_addr) + ": " + std::to_string(calls.size()) +
                               " calls need MultiSendCallOnly's address to run as one Safe transaction");
        std::vector<SafeCall> batch;
        for (const auto& c : calls) batch.push_back({SafeOperation::call, c.to, c.value, c.data});
        tx.to = *o.multisend;
        tx.operation = SafeOperation::delegate_call;
        SUTURE_TRY(data, multisend_calldata(batch));
        tx.data = std::move(data);
    }
    SUTURE_TRY(nonce, upgrade::view_uint(ctx.view, safe_addr, "nonce()(uint256)"));
    if (!nonce) return chain_error("Safe " + to_checksum(safe_addr) + ": nonce() did not answer");
    tx.nonce = *nonce;
    Bytes32 hash = safe_tx_hash(tx, ctx.sender.chain_id(), safe_addr);
    ctx.outcome.safe_tx_hash = hash;
    // Sign only what the Safe itself will check.
    SUTURE_TRY(onchain, upgrade::view_call(
                            ctx.view, safe_addr,
                            "getTransactionHash(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,uint256)(bytes32)",
                            {tx.to, tx.value, tx.data, uint256(uint8_t(tx.operation)), tx.safe_tx_gas, tx.base_gas,
                             tx.gas_price, tx.gas_token, tx.refund_receiver, tx.nonce}));
    if (!onchain || (*onchain)[0].as_bytes() != Bytes(hash.begin(), hash.end()))
        return internal_error("SafeTx hash " + to_hex(hash) + " differs from Safe " + to_checksum(safe_addr) +
                              "'s getTransactionHash");
    SUTURE_TRY(sigs, safe_signatures(hash, keys));
    SUTURE_TRY(data, safe_exec_calldata(tx, sigs));
    const auto& submitter = *keys.front();
    std::string what = "Safe.execTransaction(" + std::string(calls.size() == 1 ? "call " : "MultiSend of ") +
                       (calls.size() == 1 ? calls[0].what : std::to_string(calls.size()) + " calls") +
                       ", safeTxHash " + to_hex(hash) + ")";
    SUTURE_CHECK(send_step(ctx, {what, submitter.address(), safe_addr, uint256(0), data, kind}, submitter));
    if (ctx.request.dry_run) return {};
    // With safeTxGas 0 a failing inner call reverts execTransaction, but a
    // Safe reports the outcome as an event too: insist on ExecutionSuccess.
    static const Bytes32 success = abi::event_topic("ExecutionSuccess(bytes32,uint256)");
    const auto& receipt = ctx.outcome.sent.back().receipt;
    bool ok = false;
    for (const auto& l : receipt.logs)
        if (l.address == safe_addr && !l.topics.empty() && l.topics[0] == success) ok = true;
    if (!ok) return chain_error("Safe " + to_checksum(safe_addr) + " did not emit ExecutionSuccess for " + to_hex(hash));
    return {};
}

}  // namespace suture::deploy
