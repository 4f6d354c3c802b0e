#include "demo/demo_admin.hpp"

#include "core/abi_encode.hpp"
#include "demo/demo_chain.hpp"
#include "deploy/safe_tx.hpp"
#include "deploy/timelock_calls.hpp"
#include "upgrade/proxy_rpc_view.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::demo {
namespace {

// One Safe transaction calling `to` with `data`, signed by the owners.
Result<Bytes32> exec_via_safe(chain::RpcClient& rpc, chain::TxSender& sender, const OwnerPath& path, uint64_t chain_id,
                              const Address& to, const Bytes& data, const std::string& what) {
    upgrade::RpcChainView view(rpc);
    SUTURE_TRY(nonce, upgrade::view_uint(view, path.safe, "nonce()(uint256)"));
    if (!nonce) return chain_error(what + ": Safe " + to_checksum(path.safe) + " did not answer nonce()");
    deploy::SafeTx tx;
    tx.to = to;
    tx.data = data;
    tx.nonce = *nonce;
    const Bytes32 hash = deploy::safe_tx_hash(tx, chain_id, path.safe);
    SUTURE_TRY(sigs, deploy::safe_signatures(hash, path.owners));
    SUTURE_TRY(exec, deploy::safe_exec_calldata(tx, sigs));
    chain::TxRequest req;
    req.to = path.safe;
    req.data = std::move(exec);
    const auto& submitter = *path.owners.front();
    auto sent = sender.send(req, submitter, submitter.address());
    if (!sent) return std::move(sent).error().context(what);
    static const Bytes32 success = abi::event_topic("ExecutionSuccess(bytes32,uint256)");
    for (const auto& l : sent->receipt.logs)
        if (l.address == path.safe && !l.topics.empty() && l.topics[0] == success) return sent->receipt.transaction_hash;
    return chain_error(what + ": Safe " + to_checksum(path.safe) + " did not emit ExecutionSuccess");
}

}  // namespace

Result<OwnerCall> call_as_owner(chain::RpcClient& rpc, chain::TxSender& sender, const OwnerPath& path,
                                const Address& target, const Bytes& data, const Bytes32& salt) {
    if (path.owners.empty()) return usage_error("owner call: no Safe owner keys");
    SUTURE_TRY(chain_id, rpc.chain_id());
    upgrade::RpcChainView view(rpc);
    SUTURE_TRY(delay, upgrade::view_uint(view, path.timelock, "getMinDelay()(uint256)"));
    if (!delay || !delay->fits_u64()) return chain_error("timelock " + to_checksum(path.timelock) + ": getMinDelay did not answer");
    deploy::TimelockOperation op;
    op.calls.push_back({target, uint256(0), data});
    op.salt = salt;
    OwnerCall out;
    out.delay = delay->low64();
    SUTURE_TRY(id, deploy::timelock_operation_id(op));
    out.operation = id;
    SUTURE_TRY(schedule, deploy::timelock_schedule_calldata(op, *delay));
    SUTURE_TRY(s, exec_via_safe(rpc, sender, path, chain_id, path.timelock, schedule, "timelock schedule through the Safe"));
    out.schedule_tx = s;
    SUTURE_TRY(now, advance_time(rpc, out.delay));
    (void)now;
    SUTURE_TRY(execute, deploy::timelock_execute_calldata(op));
    SUTURE_TRY(e, exec_via_safe(rpc, sender, path, chain_id, path.timelock, execute, "timelock execute through the Safe"));
    out.execute_tx = e;
    return out;
}

}  // namespace suture::demo
