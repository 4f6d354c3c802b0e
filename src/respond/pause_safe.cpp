// The Safe route of pause.hpp: a Safe holds the pause right. The calls go
// into one Transaction Builder batch file (for owners who sign in the Safe
// UI); with threshold owner keys each target's call is executed as its own
// Safe transaction, its hash checked against the Safe's getTransactionHash
// before anyone signs it.
#include <algorithm>
#include <fstream>

#include "chain/nonce_manager.hpp"
#include "chain/tx_sender.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "deploy/safe_tx.hpp"
#include "deploy/safe_tx_builder_file.hpp"
#include "respond/pause.hpp"
#include "respond/pause_plan.hpp"
#include "upgrade/proxy_rpc_view.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::respond {
namespace {

Status write_batch(const std::string& path, uint64_t chain_id, const PauseRequest& req, const SafePause& s,
                   const std::vector<deploy::BatchCall>& calls) {
    deploy::BatchFileInfo info;
    info.chain_id = chain_id;
    info.safe = s.safe;
    info.created_at_ms = s.created_at_ms ? s.created_at_ms
                                         : uint64_t(std::chrono::duration_cast<std::chrono::milliseconds>(
                                                        std::chrono::system_clock::now().time_since_epoch())
                                                        .count());
    info.name = std::string("Suture ") + pause_action_name(req.action);
    info.description = std::string(pause_action_name(req.action)) + " " + std::to_string(calls.size()) + " target(s)";
    std::ofstream out(path, std::ios::trunc);
    if (!out) return input_error("Safe batch file " + path + ": cannot open for writing");
    out << deploy::safe_batch_file(info, calls).dump(2) << "\n";
    if (!out) return input_error("Safe batch file " + path + ": write failed");
    return {};
}

// Signs and executes one call through the Safe; returns the mined receipt.
Result<chain::Receipt> execute(upgrade::ChainView& view, chain::TxSender& sender, uint64_t chain_id,
                               const SafePause& s, const std::vector<const chain::SecretKey*>& keys,
                               const Address& to, const Bytes& data, Bytes32& safe_hash) {
    deploy::SafeTx tx;
    tx.to = to;
    tx.data = data;
    SUTURE_TRY(nonce, upgrade::view_uint(view, s.safe, "nonce()(uint256)"));
    if (!nonce) return chain_error("Safe " + to_checksum(s.safe) + ": nonce() did not answer");
    tx.nonce = *nonce;
    safe_hash = deploy::safe_tx_hash(tx, chain_id, s.safe);
    SUTURE_TRY(onchain, upgrade::view_call(
                            view, s.safe,
                            "getTransactionHash(address,uint256,bytes,uint8,uint256,uint256,uint256,address,address,uint256)(bytes32)",
                            {tx.to, tx.value, tx.data, uint256(uint8_t(tx.operation)), tx.safe_tx_gas, tx.base_gas,
                             tx.gas_price, tx.gas_token, tx.refund_receiver, tx.nonce}));
    if (!onchain || (*onchain)[0].as_bytes() != Bytes(safe_hash.begin(), safe_hash.end()))
        return internal_error("SafeTx hash " + to_hex(safe_hash) + " differs from Safe " + to_checksum(s.safe) +
                              "'s getTransactionHash");
    SUTURE_TRY(sigs, deploy::safe_signatures(safe_hash, keys));
    SUTURE_TRY(exec, deploy::safe_exec_calldata(tx, sigs));
    chain::TxRequest req;
    req.to = s.safe;
    req.data = std::move(exec);
    SUTURE_TRY(sent, sender.send(req, *keys.front(), keys.front()->address()));
    // With safeTxGas 0 a failing inner call reverts execTransaction, but the
    // Safe reports the outcome as an event too: insist on ExecutionSuccess.
    static const Bytes32 success = abi::event_topic("ExecutionSuccess(bytes32,uint256)");
    for (const auto& l : sent.receipt.logs)
        if (l.address == s.safe && !l.topics.empty() && l.topics[0] == success) return sent.receipt;
    return chain_error("Safe " + to_checksum(s.safe) + " did not emit ExecutionSuccess for " + to_hex(safe_hash));
}

}  // namespace

Result<std::vector<PauseOutcome>> pause_via_safe(chain::RpcClient& rpc, const PauseRequest& req,
                                                 const SafePause& s) {
    upgrade::RpcChainView view(rpc);
    SUTURE_TRY(chain_id, rpc.chain_id());
    SUTURE_TRY(owners_v, upgrade::view_call(view, s.safe, "getOwners()(address[])"));
    SUTURE_TRY(threshold, upgrade::view_uint(view, s.safe, "getThreshold()(uint256)"));
    if (!owners_v || !threshold)
        return input_error(to_checksum(s.safe) + " does not answer getOwners()/getThreshold(): not a Safe");
    std::vector<Address> owners;
    for (const auto& v : (*owners_v)[0].as_list()) owners.push_back(v.as_address());
    std::vector<const chain::SecretKey*> keys;
    for (const auto* k : s.owners) {
        if (std::find(owners.begin(), owners.end(), k->address()) == owners.end())
            return input_error(to_checksum(k->address()) + " is not an owner of Safe " + to_checksum(s.safe) +
                               "; refusing before sending anything");
        if (uint256(keys.size()) < *threshold) keys.push_back(k);
    }
    const bool executing = !keys.empty() && uint256(keys.size()) >= *threshold;
    if (!executing && s.batch_file.empty())
        return usage_error(std::to_string(s.owners.size()) + " owner key(s) given, Safe " + to_checksum(s.safe) +
                           " needs " + threshold->to_dec() + "; give more keys or a batch file to write");

    std::vector<PauseOutcome> out;
    std::vector<PausePlan> plans;  // the targets still to (un)pause
    for (const auto& target : req.targets) {
        auto plan = plan_pause(view, req, target, s.safe);
        out.push_back(outcome_of(req, target, plan));
        if (!plan) continue;
        out.back().mechanism = "safe";
        if (!plan->already) plans.push_back(std::move(*plan));
    }
    if (!s.batch_file.empty() && !plans.empty()) {
        std::vector<deploy::BatchCall> calls;
        for (const auto& p : plans) calls.push_back({p.target, uint256(0), p.data});
        SUTURE_CHECK(write_batch(s.batch_file, chain_id, req, s, calls));
    }
    chain::NonceManager nonces(rpc);
    chain::SendOptions send_options;
    send_options.poll_interval = req.poll_interval;
    send_options.timeout = req.timeout;
    chain::TxSender sender(rpc, nonces, send_options);
    for (const auto& p : plans) {
        auto& o = *std::find_if(out.begin(), out.end(), [&](const auto& x) { return x.target == p.target; });
        if (!executing) {
            o.status = PauseOutcome::Status::batch_written;
            continue;
        }
        Bytes32 safe_hash{};
        auto receipt = execute(view, sender, chain_id, s, keys, p.target, p.data, safe_hash);
        o.safe_tx_hash = safe_hash;
        if (!receipt) {
            o.error = receipt.error();
            continue;
        }
        o.tx_hash = receipt->transaction_hash;
        o.block = receipt->block_number;
        if (auto v = verify_paused(view, req, p.target); !v) o.error = v.error();
        else o.status = PauseOutcome::Status::done;
    }
    return out;
}

}  // namespace suture::respond
