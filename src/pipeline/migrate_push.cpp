#include "pipeline/migrate_push.hpp"

#include <algorithm>

#include "chain/devnet.hpp"
#include "chain/revert.hpp"
#include "core/abi_encode.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"
#include "pipeline/fault_point.hpp"

namespace suture::pipeline {
namespace {

// The field a column belongs to: "positions.amount" -> "positions", "tagList[]" -> "tagList".
std::string field_of(const std::string& column) {
    return column.substr(0, std::min(column.find('.'), column.find('[')));
}

Result<Bytes> call_data(std::string_view signature, const std::vector<abi::AbiValue>& args) {
    SUTURE_TRY(sig, abi::parse_signature(signature));
    return abi::encode_call(sig, args);
}

Result<evm::TxOutcome> run(evm::StateBackend& state, const chain::LocalState& chain, const evm::BlockEnv& block,
                           const Address& from, const std::optional<Address>& to, Bytes data) {
    evm::CallRequest call;
    call.from = from;
    call.to = to;
    call.data = std::move(data);
    call.gas = block.gas_limit;
    return evm::execute_call(state, chain.revision, block, call);
}

std::string failure(const evm::Receipt& r) {
    return r.status == evm::StatusCode::revert ? chain::describe_revert(r.output, nullptr)
                                               : std::string("halted (status ") + std::to_string(int(r.status)) + ")";
}

// A view call's single word (bool or uint).
Result<uint256> view_word(evm::StateBackend& state, const chain::LocalState& chain, const Address& contract,
                          std::string_view signature) {
    SUTURE_TRY(data, call_data(signature, {}));
    evm::OverlayBackend scratch(state);
    SUTURE_TRY(out, run(scratch, chain, chain.block, Address{}, contract, std::move(data)));
    if (out.receipt.status != evm::StatusCode::success || out.receipt.output.size() != 32)
        return input_error(std::string(signature) + " on " + to_checksum(contract) + ": " + failure(out.receipt));
    return uint256::from_be(out.receipt.output.data());
}

}  // namespace

Result<Bytes> push_batch_calldata(const verify::SnapshotTable& table, const PushSetter& setter, uint64_t batch,
                                  size_t first, size_t count) {
    // One array per key, then one per field (struct members grouped as tuples).
    std::vector<abi::AbiValue::List> args(table.keys.size());
    std::vector<std::pair<size_t, size_t>> groups;  // [first column, end)
    for (size_t c = 0; c < table.columns.size(); ++c) {
        if (!groups.empty() && field_of(table.columns[c].name) == field_of(table.columns[groups.back().first].name))
            groups.back().second = c + 1;
        else
            groups.emplace_back(c, c + 1);
    }
    args.resize(table.keys.size() + groups.size());
    for (size_t i = first; i < first + count && i < table.entries.size(); ++i) {
        const auto& e = table.entries[i];
        for (size_t k = 0; k < e.key.size(); ++k) args[k].push_back(e.key[k]);
        for (size_t g = 0; g < groups.size(); ++g) {
            auto [from, to] = groups[g];
            if (to - from == 1 && table.columns[from].name.find('.') == std::string::npos) {
                args[table.keys.size() + g].push_back(e.values[from]);
            } else {
                abi::AbiValue::List members(e.values.begin() + from, e.values.begin() + to);
                args[table.keys.size() + g].push_back(abi::AbiValue(std::move(members)));
            }
        }
    }
    std::vector<abi::AbiValue> values{abi::AbiValue(uint256(batch))};
    for (auto& a : args) values.push_back(abi::AbiValue(std::move(a)));
    auto data = call_data(setter.signature, values);
    if (!data) return std::move(data).error().context("setter " + setter.signature + " of table " + table.name);
    return data;
}

Result<PushPlan> plan_push(const verify::MigrationSnapshot& snapshot, const PushSpec& spec,
                           const chain::LocalState& chain, const Address& owner, const Bytes& new_init_code) {
    PushPlan plan;
    plan.owner = owner;
    plan.old_contract = snapshot.contract;
    evm::OverlayBackend sim(const_cast<evm::MemoryBackend&>(chain.accounts));
    const evm::BlockEnv block = chain::next_block(chain.block);

    auto step = [&](PushStep s) -> Status {
        auto out = run(sim, chain, block, owner, s.to, s.data);
        if (!out) return std::move(out).error().context(s.id);
        if (out->receipt.status != evm::StatusCode::success)
            return input_error(s.id + " fails in the simulation: " + failure(out->receipt));
        sim.apply(out->diff);
        if (s.kind == "deploy") {
            if (!out->receipt.created) return internal_error(s.id + ": no address created");
            plan.new_contract = *out->receipt.created;
        }
        s.gas = out->receipt.gas_used;
        if (s.kind == "batch") plan.batch_gas += s.gas;
        plan.steps.push_back(std::move(s));
        return {};
    };
    SUTURE_TRY(pause, call_data(spec.pause, {}));
    SUTURE_CHECK(step({"pause", "migrate/pause/0", "", 0, 0, 0, plan.old_contract, pause, 0}));
    SUTURE_CHECK(step({"deploy", "migrate/deploy/0", "", 0, 0, 0, std::nullopt, new_init_code, 0}));

    uint64_t batch = 0;
    for (const auto& setter : spec.setters) {
        const verify::SnapshotTable* table = snapshot.table(setter.table);
        if (!table) return input_error("setter " + setter.signature + ": the snapshot has no table " + setter.table);
        plan.entries += table->entries.size();
        // Size: the first batch's gas per entry, measured on 16 entries, then
        // each batch halved until it fits under the bound.
        size_t size = std::min<size_t>(16, table->entries.size());
        for (size_t first = 0; first < table->entries.size();) {
            size = std::min(size, table->entries.size() - first);
            for (;;) {
                SUTURE_TRY(data, push_batch_calldata(*table, setter, batch, first, size));
                const auto snap = sim.snapshot();
                auto out = run(sim, chain, block, owner, plan.new_contract, data);
                if (!out) return std::move(out).error().context("migrate/batch/" + std::to_string(batch));
                const int64_t gas = out->receipt.gas_used;
                sim.revert_to(snap);
                sim.release(snap);
                if (out->receipt.status == evm::StatusCode::success && gas <= spec.max_batch_gas) {
                    // Room left: the next batch grows to what the measured gas per entry allows.
                    SUTURE_CHECK(step({"batch", "migrate/batch/" + std::to_string(batch), table->name, batch, first, size,
                                       plan.new_contract, std::move(data), 0}));
                    const double per_entry = double(gas) / double(size);
                    size = std::max<size_t>(1, size_t(double(spec.max_batch_gas) * 0.9 / per_entry));
                    break;
                }
                if (size == 1)
                    return input_error("migrate/batch/" + std::to_string(batch) + ": one entry of table " + table->name +
                                       (out->receipt.status == evm::StatusCode::success
                                            ? " takes " + std::to_string(gas) + " gas, over the batch bound"
                                            : " fails in the simulation: " + failure(out->receipt)));
                size /= 2;
            }
            first += plan.steps.back().count;
            ++batch;
        }
    }
    SUTURE_TRY(fin, call_data(spec.finalize, {}));
    SUTURE_CHECK(step({"finalize", "migrate/finalize/0", "", 0, 0, 0, plan.new_contract, fin, 0}));
    return plan;
}

Result<PushExecution> execute_push(const PushPlan& plan, const PushSpec& spec, chain::LocalState& state,
                                   const std::function<Status(const chain::LocalState&)>& commit) {
    PushExecution ex;
    for (const auto& s : plan.steps) {
        // Done already? The chain says (a resumed run).
        bool done = false;
        auto code = state.accounts.account(plan.new_contract);
        if (!code) return std::move(code).error();
        const bool deployed = code->has_value() && (*code)->code_hash != evm::kEmptyCodeHash;
        if (s.kind == "pause") {
            SUTURE_TRY(p, view_word(state.accounts, state, plan.old_contract, spec.paused));
            done = p != uint256(0);
        } else if (s.kind == "deploy") {
            done = deployed;
        } else if (s.kind == "batch") {
            SUTURE_TRY(next, view_word(state.accounts, state, plan.new_contract, spec.next_batch));
            done = next > uint256(s.batch);
            if (!done && next < uint256(s.batch))
                return input_error(s.id + ": the new contract expects batch " + next.to_dec() + " (a batch was skipped)");
        } else if (s.kind == "finalize") {
            SUTURE_TRY(f, view_word(state.accounts, state, plan.new_contract, spec.finalized));
            done = f != uint256(0);
        }
        if (done) {
            ++ex.already_done;
            continue;
        }
        const evm::BlockEnv block = chain::next_block(state.block);
        evm::OverlayBackend overlay(state.accounts);
        auto out = run(overlay, state, block, plan.owner, s.to, s.data);
        if (!out) return std::move(out).error().context(s.id);
        if (out->receipt.status != evm::StatusCode::success)
            return Error{ErrorKind::findings, s.id + " failed: " + failure(out->receipt) + " (earlier steps stay committed)"};
        if (s.kind == "deploy" && out->receipt.created != plan.new_contract)
            return input_error(s.id + ": the new contract was created at " +
                               (out->receipt.created ? to_checksum(*out->receipt.created) : std::string("no address")) +
                               ", the plan expects " + to_checksum(plan.new_contract) + " (the owner's nonce moved)");
        overlay.apply(out->diff);
        SUTURE_TRY(diff, overlay.net_diff());
        state.accounts.apply(diff);
        state.block = block;
        state.block.block_hashes = nullptr;
        SUTURE_CHECK(commit(state));
        ++ex.executed;
        ex.executed_ids.push_back(s.id);
        fault_point(s.id, "after-receipt");
    }
    return ex;
}

}  // namespace suture::pipeline
