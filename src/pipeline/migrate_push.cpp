// The push strategy: gas-bounded numbered batches (migrate_push.hpp).
#include "pipeline/migrate_push.hpp"

#include <algorithm>

namespace suture::pipeline {
namespace {

// The field a column belongs to: "positions.amount" -> "positions", "tagList[]" -> "tagList".
std::string field_of(const std::string& column) {
    return column.substr(0, std::min(column.find('.'), column.find('[')));
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
    auto data = migration_call_data(setter.signature, values);
    if (!data) return std::move(data).error().context("setter " + setter.signature + " of table " + table.name);
    return data;
}

Result<MigrationPlan> plan_push(const verify::MigrationSnapshot& snapshot, const MigrationCalls& calls,
                                const PlanChain& chain, const Address& owner, const Bytes& new_init_code) {
    MigrationPlan plan;
    plan.strategy = "push";
    plan.owner = plan.relayer = owner;
    plan.old_contract = snapshot.contract;
    evm::OverlayBackend sim(chain.state);
    SUTURE_CHECK(plan_pause_and_deploy(sim, chain, plan, calls, new_init_code));

    uint64_t batch = 0;
    for (const auto& setter : calls.setters) {
        const verify::SnapshotTable* table = snapshot.table(setter.table);
        if (!table) return input_error("setter " + setter.signature + ": the snapshot has no table " + setter.table);
        plan.entries += table->entries.size();
        // Size: the first batch's gas per entry, measured on 16 entries, then
        // each batch halved until it fits under the bound.
        size_t size = std::min<size_t>(16, table->entries.size());
        for (size_t first = 0; first < table->entries.size();) {
            size = std::min(size, table->entries.size() - first);
            const std::string id = "migrate/batch/" + std::to_string(batch);
            for (;;) {
                SUTURE_TRY(data, push_batch_calldata(*table, setter, batch, first, size));
                const auto snap = sim.snapshot();
                auto out = run_call(sim, chain, owner, plan.new_contract, data);
                if (!out) return std::move(out).error().context(id);
                const int64_t gas = out->receipt.gas_used;
                sim.revert_to(snap);
                sim.release(snap);
                if (out->receipt.status == evm::StatusCode::success && gas <= calls.max_batch_gas) {
                    SUTURE_CHECK(simulate_step(sim, chain, plan, {"batch", id, table->name, batch, first, size,
                                                                  plan.new_contract, std::move(data), 0, owner, {}}));
                    // Room left: the next batch grows to what the measured gas per entry allows.
                    const double per_entry = double(gas) / double(size);
                    size = std::max<size_t>(1, size_t(double(calls.max_batch_gas) * 0.9 / per_entry));
                    break;
                }
                if (size == 1)
                    return input_error(id + ": one entry of table " + table->name +
                                       (out->receipt.status == evm::StatusCode::success
                                            ? " takes " + std::to_string(gas) + " gas, over the batch bound"
                                            : " fails in the simulation: " + call_failure(out->receipt)));
                size /= 2;
            }
            first += plan.steps.back().count;
            ++batch;
        }
    }
    SUTURE_TRY(fin, migration_call_data(calls.finalize, {}));
    SUTURE_CHECK(simulate_step(sim, chain, plan, {"finalize", "migrate/finalize/0", "", 0, 0, 0, plan.new_contract, fin, 0,
                                                  owner, {}}));
    return plan;
}

}  // namespace suture::pipeline
