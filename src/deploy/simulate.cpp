// The simulation gate of a deployment: the plan's transactions, in order, on
// the node's latest block, before the first one is sent.
//
// On a fork (chain::ForkBackend under an evm::OverlayBackend, the in-process
// EVM): the implementation's creation from the deployer, then each upgrade
// call from the account that will make it (the proxy's admin, owner, timelock
// or Safe), each call seeing the state the previous ones left. Authorization,
// proxiableUUID, the initializer and every revert in between are found here.
// The executor's own wrapping (timelock schedule/execute, Safe
// execTransaction) is not part of it: TxSender simulates each of those just
// before sending it.
//
// When the fork cannot be opened (a node without eth_getProof), the same
// steps go through eth_call with the new code placed at its address by a
// state override (geth and anvil take one). That misses what one step
// writes for the next (a beacon's new implementation as seen by the
// initializer call after it) and the implementation's constructor storage;
// the output says which method ran.
#include "chain/fork_backend.hpp"
#include "chain/revert.hpp"
#include "chain/rpc_json.hpp"
#include "chain/tx_sender.hpp"
#include "core/hex.hpp"
#include "deploy/route.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"

namespace suture::deploy {
namespace {

// eth_call of `req` with `overrides` (an eth_call state-override object;
// empty: none) at `tag`: the output, or the revert as a value.
Result<chain::CallOutcome> call_with(RouteContext& ctx, const TxRequest& req, const chain::BlockTag& tag,
                                     const nlohmann::json& overrides) {
    nlohmann::json params = {chain::call_object(chain::call_request(req.from, req.to, req.value, req.data)), tag.json()};
    if (!overrides.empty()) params.push_back(overrides);
    SUTURE_TRY(resp, ctx.rpc.request_raw("eth_call", std::move(params)));
    chain::CallOutcome out;
    if (!resp.error) {
        SUTURE_TRY(data, chain::parse_data(resp.result, "result"));
        out.output = std::move(data);
        return out;
    }
    Bytes data = chain::revert_data_of(*resp.error);
    // As RpcClient::try_call: a revert is code 3 (geth), revert data, or the
    // word in the message; any other node error (an unknown parameter, a node
    // without state overrides) is a failure of the simulation itself.
    bool is_revert = resp.error->code == 3 || !data.empty() || resp.error->message.find("revert") != std::string::npos;
    if (!is_revert)
        return chain_error("simulate " + req.step + ": eth_call at " + ctx.rpc.redacted_url() + ": node error " +
                           std::to_string(resp.error->code) + ": " + resp.error->message);
    out.reverted = true;
    out.reason = data.empty() && !resp.error->message.empty() ? resp.error->message
                                                              : chain::describe_revert(data, &ctx.sender.error_abi());
    out.output = std::move(data);
    return out;
}

// eth_call with a state override, step by step (see the top of the file).
Result<Simulation> simulate_with_calls(RouteContext& ctx, const std::optional<TxRequest>& create,
                                       const MechanismPlan& plan, const Address& implementation, const Address& from,
                                       uint64_t block) {
    Simulation sim;
    sim.ran = true;
    sim.block = block;
    const auto tag = chain::BlockTag::number(block);
    nlohmann::json overrides = nlohmann::json::object();
    if (create) {
        SUTURE_TRY(out, call_with(ctx, *create, tag, overrides));
        if (out.reverted) {
            sim.steps.push_back({create->step, false, "would revert: " + out.reason});
            return sim;
        }
        if (out.output.empty()) {
            sim.steps.push_back({create->step, false, "the constructor returned no code"});
            return sim;
        }
        sim.steps.push_back({create->step, true,
                             "creates " + to_checksum(implementation) + " (" + std::to_string(out.output.size()) +
                                 " bytes of code)"});
        overrides[to_hex(implementation.bytes)] = {{"code", to_hex(out.output)}};
    }
    for (const auto& c : plan.calls) {
        TxRequest req{c.what, from, c.to, c.value, c.data};
        SUTURE_TRY(out, call_with(ctx, req, tag, overrides));
        if (out.reverted) {
            sim.steps.push_back({c.what, false, "would revert: " + out.reason});
            return sim;
        }
        sim.steps.push_back({c.what, true, "from " + to_checksum(from) + ": ok"});
    }
    return sim;
}

evm::CallRequest evm_call(const TxRequest& t) {
    evm::CallRequest c;
    c.from = t.from;
    c.to = t.to;
    c.data = t.data;
    c.value = t.value;
    return c;
}

std::string revert_text(const evm::Receipt& r, const abi::ContractAbi& errors) {
    return r.output.empty() ? std::string("no revert data (") + evm::status_name(r.status) + ")"
                            : chain::describe_revert(r.output, &errors);
}

// The in-process EVM on a fork of `block` (see the top of the file).
Result<Simulation> simulate_on_fork(RouteContext& ctx, chain::ForkBackend& fork, const std::optional<TxRequest>& create,
                                    const MechanismPlan& plan, const Address& implementation, const Address& from) {
    Simulation sim;
    sim.ran = true;
    sim.block = fork.block_number();
    sim.method = "in-process EVM on a fork of block " + std::to_string(sim.block);
    evm::OverlayBackend state(fork);
    const evm::BlockEnv env = fork.block_env();
    // The fork's rules: Cancun, as the executed checks (a chain past it runs
    // the same upgrade code; the opcodes upgrades use are Cancun's).
    const auto rev = evm::Revision::cancun;
    const auto& errors = ctx.sender.error_abi();
    if (create) {
        SUTURE_TRY(out, evm::execute_call(state, rev, env, evm_call(*create)));
        if (out.receipt.status != evm::StatusCode::success) {
            sim.steps.push_back({create->step, false, "would revert: " + revert_text(out.receipt, errors)});
            return sim;
        }
        state.apply(out.diff);
        if (out.receipt.created != implementation) {
            // The address was predicted from the deployer's pending nonce:
            // a transaction of it still pending makes the fork's differ.
            sim.steps.push_back({create->step, false,
                                 "created " + (out.receipt.created ? to_checksum(*out.receipt.created) : "nothing") +
                                     ", not the predicted " + to_checksum(implementation) +
                                     " (a transaction of the deployer is pending?)"});
            return sim;
        }
        SUTURE_TRY(account, state.account(implementation));
        size_t size = 0;
        if (account) {
            SUTURE_TRY(c, state.code(account->code_hash));
            size = c ? c->size() : 0;
        }
        sim.steps.push_back({create->step, true,
                             "creates " + to_checksum(implementation) + " (" + std::to_string(size) + " bytes of code)"});
    }
    for (const auto& c : plan.calls) {
        SUTURE_TRY(out, evm::execute_call(state, rev, env, evm_call({c.what, from, c.to, c.value, c.data})));
        if (out.receipt.status != evm::StatusCode::success) {
            sim.steps.push_back({c.what, false, "would revert: " + revert_text(out.receipt, errors)});
            return sim;
        }
        state.apply(out.diff);
        sim.steps.push_back({c.what, true, "from " + to_checksum(from) + ": ok (" +
                                               std::to_string(out.receipt.gas_used) + " gas)"});
    }
    return sim;
}

}  // namespace

Result<Simulation> simulate_plan(RouteContext& ctx, const std::optional<TxRequest>& create, const MechanismPlan& plan,
                                 const Address& implementation) {
    // Who makes the upgrade calls: the authority the plan names, else the key
    // that will send them (the proxy names no owner: the call decides).
    std::optional<Address> from = plan.sender;
    if (!from && ctx.request.admin) from = ctx.request.admin->address();
    if (!from && !ctx.request.safe.owners.empty()) from = ctx.request.safe.owners[0]->address();
    if (!from) return usage_error("simulate: no account known to make the upgrade calls");
    SUTURE_TRY(block, ctx.rpc.block_number());
    chain::ForkOptions fo;
    fo.rpc_url = ctx.rpc.url();
    fo.block = block;
    auto fork = chain::ForkBackend::open(fo);
    if (fork) return simulate_on_fork(ctx, **fork, create, plan, implementation, *from);
    SUTURE_TRY(sim, simulate_with_calls(ctx, create, plan, implementation, *from, block));
    sim.method = "eth_call at block " + std::to_string(block) + " with state overrides (the fork did not open: " +
                 fork.error().message + ")";
    return sim;
}

}  // namespace suture::deploy
