// The claim strategy: roots, then relayed claims with proofs (migrate_claim.hpp).
#include "pipeline/migrate_claim.hpp"

namespace suture::pipeline {

Result<verify::MerkleTree> claim_tree(const verify::SnapshotTable& table) {
    if (table.entries.empty()) return input_error("table " + table.name + " has no entries to claim");
    std::vector<abi::AbiType> types;
    for (const auto& k : table.keys) types.push_back(k.type);
    for (const auto& c : table.columns) types.push_back(c.type);
    std::vector<Bytes32> leaves;
    leaves.reserve(table.entries.size());
    for (const auto& e : table.entries) {
        std::vector<abi::AbiValue> values = e.key;
        values.insert(values.end(), e.values.begin(), e.values.end());
        auto leaf = verify::standard_leaf_hash(types, values);
        if (!leaf) return std::move(leaf).error().context("table " + table.name);
        leaves.push_back(*leaf);
    }
    return verify::MerkleTree::build(std::move(leaves));
}

Result<MigrationPlan> plan_claim(const verify::MigrationSnapshot& snapshot, const MigrationCalls& calls,
                                 const PlanChain& chain, const Address& owner, const Address& relayer,
                                 const Bytes& new_init_code) {
    if (calls.claims.empty()) return input_error("no table declares a claim function (claim strategy)");
    MigrationPlan plan;
    plan.strategy = "claim";
    plan.owner = owner;
    plan.relayer = relayer;
    plan.old_contract = snapshot.contract;
    std::vector<std::pair<const verify::SnapshotTable*, verify::MerkleTree>> trees;
    abi::AbiValue::List roots;
    for (const auto& c : calls.claims) {
        const verify::SnapshotTable* table = snapshot.table(c.table);
        if (!table) return input_error("claim " + c.claim + ": the snapshot has no table " + c.table);
        SUTURE_TRY(tree, claim_tree(*table));
        plan.roots.emplace_back(table->name, tree.root());
        roots.push_back(abi::AbiValue(Bytes(tree.root().begin(), tree.root().end())));
        trees.emplace_back(table, std::move(tree));
    }
    evm::OverlayBackend sim(chain.state);
    SUTURE_CHECK(plan_pause_and_deploy(sim, chain, plan, calls, new_init_code));
    SUTURE_TRY(set_roots, migration_call_data(calls.set_roots, {abi::AbiValue(std::move(roots))}));
    SUTURE_CHECK(simulate_step(sim, chain, plan, {"roots", "migrate/roots/0", "", 0, 0, 0, plan.new_contract,
                                                  std::move(set_roots), 0, owner, {}}));
    uint64_t n = 0;
    for (size_t t = 0; t < trees.size(); ++t) {
        const auto& [table, tree] = trees[t];
        const ClaimFunction& fn = calls.claims[t];
        plan.entries += table->entries.size();
        for (size_t i = 0; i < table->entries.size(); ++i) {
            const auto& e = table->entries[i];
            std::vector<abi::AbiValue> args = e.key;
            args.insert(args.end(), e.values.begin(), e.values.end());
            abi::AbiValue::List proof;
            for (const auto& p : tree.proof(i)) proof.push_back(abi::AbiValue(Bytes(p.begin(), p.end())));
            args.push_back(abi::AbiValue(std::move(proof)));
            const std::string id = "migrate/claim/" + std::to_string(n++);
            auto data = migration_call_data(fn.claim, args);
            if (!data) return std::move(data).error().context(id + ": claim " + fn.claim + " of table " + table->name);
            auto done = migration_call_data(fn.claimed, e.key);
            if (!done) return std::move(done).error().context(id + ": claimed " + fn.claimed + " of table " + table->name);
            SUTURE_CHECK(simulate_step(sim, chain, plan, {"claim", id, table->name, i, i, 1, plan.new_contract,
                                                          std::move(*data), 0, relayer, std::move(*done)}));
        }
    }
    return plan;
}

}  // namespace suture::pipeline
