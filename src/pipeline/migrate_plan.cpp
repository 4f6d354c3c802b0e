// Migration plans: simulation of a step, done-ness on the chain, execution on
// a state file, the plan file (migrate_plan.hpp).
#include "pipeline/migrate_plan.hpp"

#include <nlohmann/json.hpp>

#include "chain/devnet.hpp"
#include "chain/revert.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "pipeline/fault_point.hpp"

namespace suture::pipeline {

Result<Bytes> migration_call_data(std::string_view signature, const std::vector<abi::AbiValue>& args) {
    SUTURE_TRY(sig, abi::parse_signature(signature));
    return abi::encode_call(sig, args);
}

Result<evm::TxOutcome> run_call(evm::StateBackend& state, const PlanChain& chain, const Address& from,
                                const std::optional<Address>& to, Bytes data) {
    evm::CallRequest call;
    call.from = from;
    call.to = to;
    call.data = std::move(data);
    call.gas = chain.block.gas_limit;
    return evm::execute_call(state, chain.revision, chain.block, call);
}

std::string call_failure(const evm::Receipt& r) {
    return r.status == evm::StatusCode::revert ? chain::describe_revert(r.output, nullptr)
                                               : std::string("halted (status ") + std::to_string(int(r.status)) + ")";
}

Status simulate_step(evm::OverlayBackend& sim, const PlanChain& chain, MigrationPlan& plan, MigrationStep s) {
    auto out = run_call(sim, chain, s.from, s.to, s.data);
    if (!out) return std::move(out).error().context(s.id);
    if (out->receipt.status != evm::StatusCode::success)
        return input_error(s.id + " fails in the simulation: " + call_failure(out->receipt));
    sim.apply(out->diff);
    if (s.kind == "deploy") {
        if (!out->receipt.created) return internal_error(s.id + ": no address created");
        plan.new_contract = *out->receipt.created;
    }
    s.gas = out->receipt.gas_used;
    if (s.kind == "batch" || s.kind == "claim") plan.entry_gas += s.gas;
    plan.steps.push_back(std::move(s));
    return {};
}

Status plan_pause_and_deploy(evm::OverlayBackend& sim, const PlanChain& chain, MigrationPlan& plan,
                             const MigrationCalls& calls, const Bytes& new_init_code) {
    SUTURE_TRY(pause, migration_call_data(calls.pause, {}));
    MigrationStep p{"pause", "migrate/pause/0", "", 0, 0, 0, plan.old_contract, pause, 0, plan.owner, {}};
    // Paused already (an earlier migration): execute will skip the step, so
    // the plan must not spend the owner's nonce on it either (the new
    // contract's address follows from that nonce).
    SUTURE_TRY(paused_call, migration_call_data(calls.paused, {}));
    evm::OverlayBackend scratch(sim);
    SUTURE_TRY(paused, run_call(scratch, chain, Address{}, plan.old_contract, std::move(paused_call)));
    const bool already = paused.receipt.status == evm::StatusCode::success && paused.receipt.output.size() >= 32 &&
                         uint256::from_be(paused.receipt.output.data()) != uint256(0);
    if (already) plan.steps.push_back(std::move(p));
    else SUTURE_CHECK(simulate_step(sim, chain, plan, std::move(p)));
    MigrationStep d{"deploy", "migrate/deploy/0", "", 0, 0, 0, std::nullopt, new_init_code, 0, plan.owner, {}};
    return simulate_step(sim, chain, plan, std::move(d));
}

Result<bool> migration_step_done(const MigrationStep& s, const MigrationPlan& plan, const MigrationCalls& calls,
                                 const ChainProbe& probe) {
    auto view = [&](const Address& contract, std::string_view signature) -> Result<uint256> {
        SUTURE_TRY(data, migration_call_data(signature, {}));
        auto v = probe.view(contract, data);
        if (!v) return std::move(v).error().context(s.id + ": " + std::string(signature) + " on " + to_checksum(contract));
        return v;
    };
    if (s.kind == "pause") {
        SUTURE_TRY(p, view(plan.old_contract, calls.paused));
        return p != uint256(0);
    }
    SUTURE_TRY(deployed, probe.has_code(plan.new_contract));
    if (s.kind == "deploy" || !deployed) return deployed && s.kind == "deploy";
    if (s.kind == "batch") {
        SUTURE_TRY(next, view(plan.new_contract, calls.next_batch));
        if (next < uint256(s.batch))
            return input_error(s.id + ": the new contract expects batch " + next.to_dec() + " (a batch was skipped)");
        return next > uint256(s.batch);
    }
    if (s.kind == "finalize") {
        SUTURE_TRY(f, view(plan.new_contract, calls.finalized));
        return f != uint256(0);
    }
    if (s.kind == "roots") {
        SUTURE_TRY(r, view(plan.new_contract, calls.roots_set));
        return r != uint256(0);
    }
    if (s.kind == "claim") {
        auto c = probe.view(plan.new_contract, s.done_call);
        if (!c) return std::move(c).error().context(s.id + ": the claimed view on " + to_checksum(plan.new_contract));
        return *c != uint256(0);
    }
    return input_error(s.id + ": unknown step kind " + s.kind);
}

namespace {

// A view call's first word on `state` (nothing kept).
Result<uint256> view_word(evm::StateBackend& state, const PlanChain& chain, const Address& contract, const Bytes& data) {
    evm::OverlayBackend scratch(state);
    SUTURE_TRY(out, run_call(scratch, chain, Address{}, contract, data));
    if (out.receipt.status != evm::StatusCode::success || out.receipt.output.size() < 32)
        return input_error(call_failure(out.receipt));
    return uint256::from_be(out.receipt.output.data());
}

}  // namespace

Result<MigrationExecution> execute_on_state(const MigrationPlan& plan, const MigrationCalls& calls,
                                            chain::LocalState& state,
                                            const std::function<Status(const chain::LocalState&)>& commit) {
    MigrationExecution ex;
    for (const auto& s : plan.steps) {
        const PlanChain now{state.accounts, state.revision, state.block};
        ChainProbe probe{[&](const Address& c, const Bytes& d) { return view_word(state.accounts, now, c, d); },
                         [&](const Address& a) -> Result<bool> {
                             SUTURE_TRY(acc, state.accounts.account(a));
                             return acc.has_value() && acc->code_hash != evm::kEmptyCodeHash;
                         }};
        SUTURE_TRY(done, migration_step_done(s, plan, calls, probe));
        if (done) {
            ++ex.already_done;
            continue;
        }
        const PlanChain next{state.accounts, state.revision, chain::next_block(state.block)};
        evm::OverlayBackend overlay(state.accounts);
        auto out = run_call(overlay, next, s.from, s.to, s.data);
        if (!out) return std::move(out).error().context(s.id);
        if (out->receipt.status != evm::StatusCode::success)
            return Error{ErrorKind::findings, s.id + " failed: " + call_failure(out->receipt) + " (earlier steps stay committed)"};
        if (s.kind == "deploy" && out->receipt.created != plan.new_contract)
            return input_error(s.id + ": the new contract was created at " +
                               (out->receipt.created ? to_checksum(*out->receipt.created) : std::string("no address")) +
                               ", the plan expects " + to_checksum(plan.new_contract) + " (the owner's nonce moved)");
        overlay.apply(out->diff);
        SUTURE_TRY(diff, overlay.net_diff());
        state.accounts.apply(diff);
        state.block = next.block;
        state.block.block_hashes = nullptr;
        SUTURE_CHECK(commit(state));
        ++ex.executed;
        ex.executed_ids.push_back(s.id);
        fault_point(s.id, "after-receipt");
    }
    return ex;
}

std::string migration_plan_json(const MigrationPlan& plan) {
    nlohmann::json steps = nlohmann::json::array(), roots = nlohmann::json::array();
    for (const auto& s : plan.steps)
        steps.push_back({{"kind", s.kind}, {"id", s.id}, {"table", s.table}, {"batch", s.batch}, {"first", s.first},
                         {"count", s.count}, {"to", s.to ? nlohmann::json(to_checksum(*s.to)) : nlohmann::json()},
                         {"from", to_checksum(s.from)}, {"data", to_hex(s.data)}, {"gas", s.gas},
                         {"done_call", to_hex(s.done_call)}});
    for (const auto& [table, root] : plan.roots) roots.push_back({{"table", table}, {"root", to_hex(root)}});
    return nlohmann::json{{"format", "suture-migration-plan/1"},
                          {"strategy", plan.strategy},
                          {"owner", to_checksum(plan.owner)},
                          {"relayer", to_checksum(plan.relayer)},
                          {"old_contract", to_checksum(plan.old_contract)},
                          {"new_contract", to_checksum(plan.new_contract)},
                          {"entries", plan.entries},
                          {"entry_gas", plan.entry_gas},
                          {"roots", roots},
                          {"steps", steps}}
        .dump(1);
}

Result<MigrationPlan> parse_migration_plan(std::string_view text) {
    const auto j = nlohmann::json::parse(text, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.value("format", "") != "suture-migration-plan/1")
        return input_error("not a suture-migration-plan/1 file");
    MigrationPlan p;
    auto address = [](const nlohmann::json& v, const char* field) -> Result<Address> {
        auto a = parse_address(v.get<std::string>());
        if (!a) return std::move(a).error().context(field);
        return a;
    };
    try {
        p.strategy = j.at("strategy").get<std::string>();
        if (p.strategy != "push" && p.strategy != "claim") return input_error("strategy: " + p.strategy + " is not push or claim");
        SUTURE_TRY(owner, address(j.at("owner"), "owner"));
        SUTURE_TRY(relayer, address(j.at("relayer"), "relayer"));
        SUTURE_TRY(old_c, address(j.at("old_contract"), "old_contract"));
        SUTURE_TRY(new_c, address(j.at("new_contract"), "new_contract"));
        p.owner = owner;
        p.relayer = relayer;
        p.old_contract = old_c;
        p.new_contract = new_c;
        p.entries = j.at("entries").get<size_t>();
        p.entry_gas = j.at("entry_gas").get<int64_t>();
        for (const auto& r : j.at("roots")) {
            SUTURE_TRY(root, from_hex(r.at("root").get<std::string>()));
            if (root.size() != 32) return input_error("roots: " + r.at("table").get<std::string>() + " is not 32 bytes");
            Bytes32 b{};
            std::copy(root.begin(), root.end(), b.begin());
            p.roots.emplace_back(r.at("table").get<std::string>(), b);
        }
        for (const auto& s : j.at("steps")) {
            MigrationStep step;
            step.kind = s.at("kind").get<std::string>();
            step.id = s.at("id").get<std::string>();
            step.table = s.at("table").get<std::string>();
            step.batch = s.at("batch").get<uint64_t>();
            step.first = s.at("first").get<size_t>();
            step.count = s.at("count").get<size_t>();
            if (!s.at("to").is_null()) {
                SUTURE_TRY(to, address(s.at("to"), "steps[].to"));
                step.to = to;
            }
            SUTURE_TRY(from, address(s.at("from"), "steps[].from"));
            step.from = from;
            SUTURE_TRY(data, from_hex(s.at("data").get<std::string>()));
            step.data = std::move(data);
            SUTURE_TRY(done_call, from_hex(s.at("done_call").get<std::string>()));
            step.done_call = std::move(done_call);
            step.gas = s.at("gas").get<int64_t>();
            p.steps.push_back(std::move(step));
        }
    } catch (const std::exception& e) {
        return input_error(std::string("malformed plan: ") + e.what());
    }
    return p;
}

}  // namespace suture::pipeline
