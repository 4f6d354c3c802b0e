// Route `timelock`: an OpenZeppelin TimelockController holds the upgrade
// right. The upgrade calls become one operation: schedule (or scheduleBatch)
// by a proposer, wait out the delay, execute by an executor. The operation id
// is computed here exactly as hashOperation(Batch) does and checked against
// the contract before scheduling, and the operation's state
// (isOperationPending/Ready/Done) is read back after each step.
#include <thread>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "deploy/route.hpp"
#include "deploy/timelock_calls.hpp"
#include "upgrade/proxy_view_call.hpp"

namespace suture::deploy {
namespace {

using abi::AbiValue;

const upgrade::Authority* timelock_of(RouteContext& ctx, const MechanismPlan& plan) {
    if (!plan.sender) return nullptr;
    for (const auto& a : ctx.outcome.before.authorities)
        if (a.address == *plan.sender && a.kind == upgrade::AuthorityKind::timelock) return &a;
    return nullptr;
}

Result<bool> has_role(RouteContext& ctx, const Address& timelock, const char* role, const Address& who) {
    Bytes32 id = keccak256(std::string_view(role));
    SUTURE_TRY(r, upgrade::view_bool(ctx.view, timelock, "hasRole(bytes32,address)(bool)",
                                     {AbiValue(Bytes(id.begin(), id.end())), AbiValue(who)}));
    if (r && *r) return true;
    // OpenZeppelin: a role granted to address(0) is open to everyone (executors only, in practice).
    SUTURE_TRY(open, upgrade::view_bool(ctx.view, timelock, "hasRole(bytes32,address)(bool)",
                                        {AbiValue(Bytes(id.begin(), id.end())), AbiValue(Address{})}));
    return open && *open && std::string_view(role) == "EXECUTOR_ROLE";
}

Result<bool> op_state(RouteContext& ctx, const Address& timelock, const char* fn, const Bytes32& id) {
    SUTURE_TRY(r, upgrade::view_bool(ctx.view, timelock, std::string(fn) + "(bytes32)(bool)",
                                     {AbiValue(Bytes(id.begin(), id.end()))}));
    if (!r) return chain_error(std::string("timelock ") + to_checksum(timelock) + ": " + fn + " did not answer");
    return *r;
}

TimelockOperation operation_of(const TimelockOptions& o, const MechanismPlan& plan) {
    TimelockOperation op;
    for (const auto& c : plan.calls) op.calls.push_back({c.to, c.value, c.data});
    op.predecessor = o.predecessor;
    op.salt = o.salt;
    op.batch = o.batch;
    return op;
}

// The contract's own hashOperation(Batch) must agree with ours: a mismatch
// would schedule an operation we could never recognise as ready or done.
Status check_id_on_chain(RouteContext& ctx, const Address& timelock, const TimelockOperation& op, const Bytes32& id) {
    std::optional<std::vector<AbiValue>> r;
    auto word = [](const Bytes32& w) { return AbiValue(Bytes(w.begin(), w.end())); };
    if (op.uses_batch()) {
        AbiValue::List t, v, d;
        for (const auto& c : op.calls) t.emplace_back(c.target), v.emplace_back(c.value), d.emplace_back(c.data);
        SUTURE_TRY(x, upgrade::view_call(ctx.view, timelock, "hashOperationBatch(address[],uint256[],bytes[],bytes32,bytes32)(bytes32)",
                                         {AbiValue(t), AbiValue(v), AbiValue(d), word(op.predecessor), word(op.salt)}));
        r = std::move(x);
    } else {
        const auto& c = op.calls[0];
        SUTURE_TRY(x, upgrade::view_call(ctx.view, timelock, "hashOperation(address,uint256,bytes,bytes32,bytes32)(bytes32)",
                                         {c.target, c.value, c.data, word(op.predecessor), word(op.salt)}));
        r = std::move(x);
    }
    if (!r) return chain_error("timelock " + to_checksum(timelock) + ": hashOperation did not answer");
    if ((*r)[0].as_bytes() != Bytes(id.begin(), id.end()))
        return internal_error("timelock operation id " + to_hex(id) + " differs from the contract's " +
                              to_hex((*r)[0].as_bytes()));
    return {};
}

// Waits until the operation is ready: time travel on a dev chain, a bounded
// real wait otherwise. Returns false when the wait would be too long.
Result<bool> wait_ready(RouteContext& ctx, const Address& timelock, const Bytes32& id) {
    const auto& o = ctx.request.timelock;
    SUTURE_TRY(ts, upgrade::view_uint(ctx.view, timelock, "getTimestamp(bytes32)(uint256)",
                                      {AbiValue(Bytes(id.begin(), id.end()))}));
    if (!ts || !ts->fits_u64()) return chain_error("timelock " + to_checksum(timelock) + ": getTimestamp did not answer");
    SUTURE_TRY(head, ctx.rpc.get_block_by_number(chain::BlockTag::latest()));
    if (!head) return chain_error("timelock wait: the node has no latest block");
    uint64_t ready_at = ts->low64();
    if (head->timestamp < ready_at) {
        uint64_t left = ready_at - head->timestamp;
        if (o.time_travel) {
            SUTURE_CHECK(ctx.rpc.evm_increase_time(left));
            SUTURE_CHECK(ctx.rpc.evm_mine());
            ctx.outcome.notes.push_back("advanced the dev chain's clock by " + std::to_string(left) + " s (evm_increaseTime)");
        } else if (left > uint64_t(o.max_wait.count())) {
            ctx.outcome.notes.push_back("operation " + to_hex(id) + " is ready at unix time " + std::to_string(ready_at) +
                                        "; run again with --timelock-step execute after that");
            return false;
        } else {
            while (true) {
                std::this_thread::sleep_for(std::chrono::seconds(1));
                SUTURE_TRY(now, ctx.rpc.get_block_by_number(chain::BlockTag::latest()));
                if (now && now->timestamp >= ready_at) break;
            }
        }
    }
    SUTURE_TRY(ready, op_state(ctx, timelock, "isOperationReady", id));
    if (!ready) return chain_error("timelock operation " + to_hex(id) + " is not ready after its delay");
    return true;
}

}  // namespace

Status check_timelock(RouteContext& ctx, const MechanismPlan& plan) {
    const auto* tl = timelock_of(ctx, plan);
    if (!tl) return not_authorized_by("timelock", ctx, plan, "TimelockController");
    const auto& o = ctx.request.timelock;
    const auto* proposer = ctx.request.admin;
    const auto* executor = o.executor ? o.executor : proposer;
    if (!proposer && !o.proposer_safe) return usage_error("route timelock: no proposer key");
    using Step = TimelockOptions::Step;
    auto step = o.step;
    auto require = [&](const Address& who, const char* role, const char* what) -> Status {
        SUTURE_TRY(ok, has_role(ctx, tl->address, role, who));
        if (!ok)
            return input_error("route timelock: " + to_checksum(who) + " lacks " + role + " on timelock " +
                               to_checksum(tl->address) + ", needed to " + what + "; refusing before sending anything");
        return {};
    };
    if (o.proposer_safe) {
        SUTURE_TRY(safe, read_safe(ctx, *o.proposer_safe));
        SUTURE_CHECK(check_safe_keys(safe, ctx.request.safe, "route timelock (proposer Safe)"));
        if (step == Step::all || step == Step::schedule) SUTURE_CHECK(require(safe.address, "PROPOSER_ROLE", "schedule"));
        if (step == Step::cancel) SUTURE_CHECK(require(safe.address, "CANCELLER_ROLE", "cancel"));
        if (step == Step::all || step == Step::execute)
            SUTURE_CHECK(require(o.executor ? o.executor->address() : safe.address, "EXECUTOR_ROLE", "execute"));
        return {};
    }
    if (step == Step::all || step == Step::schedule) SUTURE_CHECK(require(proposer->address(), "PROPOSER_ROLE", "schedule"));
    if (step == Step::all || step == Step::execute) SUTURE_CHECK(require(executor->address(), "EXECUTOR_ROLE", "execute"));
    if (step == Step::cancel) SUTURE_CHECK(require(proposer->address(), "CANCELLER_ROLE", "cancel"));
    return {};
}

Status execute_timelock(RouteContext& ctx, const MechanismPlan& plan) {
    const auto& o = ctx.request.timelock;
    const Address timelock = *plan.sender;
    // Who proposes (schedule, cancel) and who executes: keys, or the proposer Safe.
    std::optional<upgrade::Authority> safe;
    if (o.proposer_safe) {
        SUTURE_TRY(s, read_safe(ctx, *o.proposer_safe));
        safe = std::move(s);
    }
    auto send_as = [&](const chain::SecretKey* key, const std::string& what, const uint256& value, const Bytes& data,
                       const char* kind) -> Status {
        if (key) return send_step(ctx, {what, key->address(), timelock, value, data, kind}, *key);
        return send_safe_transaction(ctx, *safe, {{timelock, value, data, what}}, kind);
    };
    const chain::SecretKey* proposer = safe ? nullptr : ctx.request.admin;
    const chain::SecretKey* executor = o.executor ? o.executor : proposer;
    auto op = operation_of(o, plan);
    SUTURE_TRY(id, timelock_operation_id(op));
    ctx.outcome.timelock_operation = id;
    using Step = TimelockOptions::Step;
    const bool dry = ctx.request.dry_run;

    if (o.step == Step::cancel) {
        SUTURE_TRY(data, timelock_cancel_calldata(id));
        SUTURE_CHECK(send_as(proposer, "timelock.cancel(" + to_hex(id) + ")", uint256(0), data, "cancel"));
        if (!dry) {
            SUTURE_TRY(still, op_state(ctx, timelock, "isOperation", id));
            if (still) return chain_error("timelock operation " + to_hex(id) + " still exists after cancel");
        }
        ctx.outcome.pending = true;  // nothing upgraded
        return {};
    }

    if (!dry) SUTURE_CHECK(check_id_on_chain(ctx, timelock, op, id));
    if (o.step == Step::all || o.step == Step::schedule) {
        uint256 delay;
        if (o.delay) {
            delay = *o.delay;
        } else {
            SUTURE_TRY(d, upgrade::view_uint(ctx.view, timelock, "getMinDelay()(uint256)"));
            if (!d) return chain_error("timelock " + to_checksum(timelock) + ": getMinDelay did not answer");
            delay = *d;
        }
        bool exists = false;
        if (!dry) {
            SUTURE_TRY(e, op_state(ctx, timelock, "isOperation", id));
            exists = e;
        }
        if (exists) {
            ctx.outcome.notes.push_back("operation " + to_hex(id) + " was already scheduled; not scheduling it again");
            ctx.sender.skipped("schedule");
        } else {
            SUTURE_TRY(data, timelock_schedule_calldata(op, delay));
            std::string what = std::string(op.uses_batch() ? "timelock.scheduleBatch(" : "timelock.schedule(") +
                               std::to_string(op.calls.size()) + " call(s), delay " + delay.to_dec() + " s, id " +
                               to_hex(id) + ")";
            SUTURE_CHECK(send_as(proposer, what, uint256(0), data, "schedule"));
            if (!dry) {
                SUTURE_TRY(pending, op_state(ctx, timelock, "isOperationPending", id));
                if (!pending) return chain_error("timelock operation " + to_hex(id) + " is not pending after schedule");
            }
        }
        if (o.step == Step::schedule) {
            ctx.outcome.pending = true;
            return {};
        }
    }

    // Executed already (a resumed deployment whose execute was mined): no
    // wait; the execute step below is the recorded one, settled, not sent again.
    bool done_before = false;
    if (!dry) {
        SUTURE_TRY(d, op_state(ctx, timelock, "isOperationDone", id));
        done_before = d;
    }
    if (dry) {
        ctx.outcome.notes.push_back("then wait out the timelock delay before execute");
    } else if (!done_before) {
        SUTURE_TRY(ready, wait_ready(ctx, timelock, id));
        if (!ready) {
            ctx.outcome.pending = true;
            return {};
        }
    }
    SUTURE_TRY(data, timelock_execute_calldata(op));
    std::string what = std::string(op.uses_batch() ? "timelock.executeBatch(" : "timelock.execute(") + to_hex(id) + ")";
    SUTURE_CHECK(send_as(executor, what, timelock_total_value(op), data, "execute"));
    if (!dry) {
        SUTURE_TRY(done, op_state(ctx, timelock, "isOperationDone", id));
        if (!done) return chain_error("timelock operation " + to_hex(id) + " is not done after execute");
    }
    return {};
}

}  // namespace suture::deploy
