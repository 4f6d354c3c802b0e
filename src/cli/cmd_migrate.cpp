// `suture migrate`: move an immutable contract's state to a fixed replacement
// (issue 16, docs/migrate.md), on the embedded default (a state file).
//   suture migrate snapshot SPEC --state FILE --artifact BUILD --contract OLD --logs FILE... -o SNAPSHOT
//   suture migrate claim SNAPSHOT --table NAME -o PROOFS
//   suture migrate plan SPEC --snapshot SNAPSHOT --state FILE --artifact BUILD --contract NEW [--from ADDR] -o PLAN
//   suture migrate execute SPEC PLAN --state FILE
//   suture migrate verify SPEC --snapshot SNAPSHOT --plan PLAN --state FILE --artifact BUILD --contract OLD --new NEW
// snapshot records its file's hash in the ledger (--ledger, or one found where ledger_path() looks).
// Exit 1: coverage gaps or unequal totals (snapshot), mismatches (verify), a failed step (execute).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "chain/devnet.hpp"
#include "chain/state_file.hpp"
#include "cli/command.hpp"
#include "cli/ledger_options.hpp"
#include "core/atomic_file.hpp"
#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/migrate_spec.hpp"
#include "report/migrate_render.hpp"
#include "solidity/load.hpp"
#include "verify/log_file.hpp"

namespace suture::cli {
namespace {

struct MigrateArgs {
    std::string spec, state, artifact, contract, new_contract, snapshot, plan, out, table, from, ledger;
    std::vector<std::string> logs;
};

Result<std::string> read_text(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return input_error(path + ": cannot read");
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

Status write_text(const std::string& path, const std::string& text) {
    return write_file_atomically(path, as_view(text));
}


Result<solidity::ContractStorage> storage_of(const solidity::BuildSet& set, const std::string& name) {
    auto c = solidity::find_contract(set, name);
    if (!c) return std::move(c).error().context("--contract " + name);
    auto s = solidity::load_storage(*c->build, *c->contract);
    if (!s) return std::move(s).error().context(name);
    return std::move(*s);
}

// Records `kind` in the ledger when one is given (--ledger) or exists where
// ledger_path() looks; returns the record's seq (0: no ledger).
Result<int64_t> record(const MigrateArgs& a, std::string_view kind, const nlohmann::json& data) {
    const std::string path = ledger_path(a.ledger);
    if (a.ledger.empty() && !std::filesystem::exists(path)) return int64_t{0};
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::write));
    auto seq = l.append(kind, data);
    if (!seq) return std::move(seq).error().context(path);
    return seq;
}

Result<verify::MigrationSnapshot> load_snapshot(const std::string& path) {
    SUTURE_TRY(text, read_text(path));
    auto s = verify::parse_snapshot(text);
    if (!s) return std::move(s).error().context(path);
    return s;
}

Result<int> run_snapshot(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(spec, pipeline::load_migrate_spec(a.spec));
    SUTURE_TRY(state, chain::load_state_file(a.state));
    SUTURE_TRY(set, solidity::load_build(a.artifact));
    SUTURE_TRY(layout, storage_of(set, a.contract));
    std::vector<evm::Log> logs;
    for (const auto& f : a.logs) SUTURE_CHECK(verify::load_log_file(f, logs));
    const auto& accounts = state.accounts.accounts();
    auto it = accounts.find(spec.snapshot.contract);
    if (it == accounts.end() || !it->second.code)
        return input_error(a.spec + ": contract " + to_checksum(spec.snapshot.contract) + " has no code in " + a.state);
    verify::SnapshotSource src;
    src.state = &state.accounts;
    src.block = state.block.number;
    src.logs = logs;
    src.storage = &it->second.storage;
    for (const auto& [addr, _] : accounts) src.candidate_keys.push_back(addr);
    SUTURE_TRY(snap, verify::take_snapshot(spec.snapshot, layout, src));
    const std::string text = verify::snapshot_json(snap);
    SUTURE_CHECK(write_text(a.out, text));
    const Bytes32 hash = verify::snapshot_hash(text);
    SUTURE_TRY(seq, record(a, "migrate.snapshot",
                           {{"file", a.out}, {"hash", to_hex(hash)}, {"contract", to_checksum(snap.contract)},
                            {"block", snap.block}, {"entries", snap.entry_count()}, {"coverage_gaps", snap.gaps.size()}}));
    std::cout << report::render_migrate_snapshot(snap, a.out, hash, g.json);
    if (seq) std::cerr << "recorded in the ledger " << ledger_path(a.ledger) << " as record " << seq << "\n";
    bool totals_equal = true;
    for (const auto& t : snap.totals) totals_equal = totals_equal && t.on_chain == t.summed;
    return snap.gaps.empty() && totals_equal ? 0 : 1;
}

Result<int> run_claim(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(snap, load_snapshot(a.snapshot));
    const verify::SnapshotTable* table = snap.table(a.table);
    if (!table) return usage_error("--table " + a.table + ": the snapshot has no such table");
    std::vector<abi::AbiType> types;
    for (const auto& k : table->keys) types.push_back(k.type);
    for (const auto& c : table->columns) types.push_back(c.type);
    std::vector<Bytes32> leaves;
    leaves.reserve(table->entries.size());
    for (const auto& e : table->entries) {
        std::vector<abi::AbiValue> values = e.key;
        values.insert(values.end(), e.values.begin(), e.values.end());
        SUTURE_TRY(leaf, verify::standard_leaf_hash(types, values));
        leaves.push_back(leaf);
    }
    SUTURE_TRY(tree, verify::MerkleTree::build(std::move(leaves)));
    SUTURE_CHECK(write_text(a.out, report::migrate_proofs_json(*table, tree)));
    std::cout << report::render_migrate_claim(table->name, tree.size(), tree.root(), a.out, g.json);
    return 0;
}

Result<int> run_plan(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(spec, pipeline::load_migrate_spec(a.spec));
    SUTURE_TRY(snap, load_snapshot(a.snapshot));
    SUTURE_TRY(state, chain::load_state_file(a.state));
    SUTURE_TRY(set, solidity::load_build(a.artifact));
    SUTURE_TRY(c, solidity::find_contract(set, a.contract));
    SUTURE_TRY(code, from_hex(c.contract->bytecode));
    Address from;
    if (a.from.empty()) {
        SUTURE_TRY(key, chain::dev_key(0));
        from = key.address();
    } else {
        SUTURE_TRY(f, parse_address(a.from));
        from = f;
    }
    if (spec.push.setters.empty()) return input_error(a.spec + ": no table declares a setter (push strategy)");
    SUTURE_TRY(plan, pipeline::plan_push(snap, spec.push, state, from, code));
    SUTURE_CHECK(write_text(a.out, pipeline::push_plan_json(plan)));
    std::cout << report::render_migrate_plan(plan, a.out, g.json);
    return 0;
}

Result<int> run_execute(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(spec, pipeline::load_migrate_spec(a.spec));
    SUTURE_TRY(text, read_text(a.plan));
    auto plan = pipeline::parse_push_plan(text);
    if (!plan) return std::move(plan).error().context(a.plan);
    SUTURE_TRY(state, chain::load_state_file(a.state));
    auto ex = pipeline::execute_push(*plan, spec.push, state, [&](const chain::LocalState& s) {
        return chain::save_state_file(a.state, s);
    });
    if (!ex) return std::move(ex).error();
    std::cout << report::render_migrate_execution(*ex, *plan, g.json);
    return 0;
}

Result<int> run_verify(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(spec, pipeline::load_migrate_spec(a.spec));
    SUTURE_TRY(snap, load_snapshot(a.snapshot));
    SUTURE_TRY(text, read_text(a.plan));
    auto plan = pipeline::parse_push_plan(text);
    if (!plan) return std::move(plan).error().context(a.plan);
    SUTURE_TRY(state, chain::load_state_file(a.state));
    SUTURE_TRY(set, solidity::load_build(a.artifact));
    SUTURE_TRY(old_layout, storage_of(set, a.contract));
    SUTURE_TRY(new_layout, storage_of(set, a.new_contract));
    verify::MigrationTargets t{plan->old_contract, plan->new_contract, &old_layout, &new_layout, spec.paused_variable};
    SUTURE_TRY(v, verify::verify_migration(spec.snapshot, snap, t, state.accounts));
    std::cout << report::render_migrate_verification(v, g.json);
    return v.ok() ? 0 : 1;
}

Register reg("migrate", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("migrate", "Move an immutable contract's state to a fixed replacement (snapshot, claim, plan, execute, verify)");
    cmd->require_subcommand(1);
    auto a = std::make_shared<MigrateArgs>();

    auto* snap = cmd->add_subcommand("snapshot", "Snapshot the old contract's holders, entries and totals at the state file's block");
    snap->add_option("spec", a->spec, "Migration spec (TOML, [migrate])")->required();
    snap->add_option("--state", a->state, "State file")->required();
    snap->add_option("--artifact", a->artifact, "Build of the old contract (storage layout)")->required();
    snap->add_option("--contract", a->contract, "Old contract's name in the build")->required();
    snap->add_option("--logs", a->logs, "Logs: devnet exec --json output or a JSON array of logs (repeatable)");
    snap->add_option("-o,--out", a->out, "Snapshot file to write")->required();
    add_ledger_option(snap, a->ledger);
    snap->callback([&g, a] { g.exit = exit_of(g, run_snapshot(*a, g)); });

    auto* claim = cmd->add_subcommand("claim", "Merkle root and per-entry proofs of one snapshot table (OpenZeppelin StandardMerkleTree)");
    claim->add_option("snapshot", a->snapshot, "Snapshot file")->required();
    claim->add_option("--table", a->table, "Table whose entries are claimed")->required();
    claim->add_option("-o,--out", a->out, "Proofs file to write")->required();
    claim->callback([&g, a] { g.exit = exit_of(g, run_claim(*a, g)); });

    auto* plan = cmd->add_subcommand("plan", "Plan the push strategy: pause, deploy, gas-bounded batches, finalize (simulated)");
    plan->add_option("spec", a->spec, "Migration spec (TOML)")->required();
    plan->add_option("--snapshot", a->snapshot, "Snapshot file")->required();
    plan->add_option("--state", a->state, "State file")->required();
    plan->add_option("--artifact", a->artifact, "Build of the new contract")->required();
    plan->add_option("--contract", a->contract, "New contract's name in the build")->required();
    plan->add_option("--from", a->from, "Owner that sends every step (default dev account 0)");
    plan->add_option("-o,--out", a->out, "Plan file to write")->required();
    plan->callback([&g, a] { g.exit = exit_of(g, run_plan(*a, g)); });

    auto* exec = cmd->add_subcommand("execute", "Run the plan's steps not yet done on the state file (resumable)");
    exec->add_option("spec", a->spec, "Migration spec (TOML)")->required();
    exec->add_option("plan", a->plan, "Plan file")->required();
    exec->add_option("--state", a->state, "State file")->required();
    exec->callback([&g, a] { g.exit = exit_of(g, run_execute(*a, g)); });

    auto* ver = cmd->add_subcommand("verify", "Read every snapshot entry back from the new contract; totals; old contract paused");
    ver->add_option("spec", a->spec, "Migration spec (TOML)")->required();
    ver->add_option("--snapshot", a->snapshot, "Snapshot file")->required();
    ver->add_option("--plan", a->plan, "Plan file (old and new addresses)")->required();
    ver->add_option("--state", a->state, "State file")->required();
    ver->add_option("--artifact", a->artifact, "Build holding both contracts")->required();
    ver->add_option("--contract", a->contract, "Old contract's name")->required();
    ver->add_option("--new", a->new_contract, "New contract's name")->required();
    ver->callback([&g, a] { g.exit = exit_of(g, run_verify(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
