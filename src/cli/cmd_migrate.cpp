// `suture migrate`: move an immutable contract's state to a fixed replacement
// (issue 16, docs/migrate.md), on the embedded default (--state FILE) or any
// JSON-RPC node (--rpc URL: anvil, a state:FILE in-process node).
//   suture migrate snapshot SPEC (--state FILE | --rpc URL [--block N]) --artifact BUILD --contract OLD [--logs FILE...] -o SNAPSHOT
//   suture migrate claim SNAPSHOT --table NAME -o PROOFS
//   suture migrate plan SPEC --snapshot SNAPSHOT (--state FILE | --rpc URL) --artifact BUILD --contract NEW
//                       [--strategy push|claim] [--from OWNER] [--relayer ADDR] -o PLAN
//   suture migrate execute SPEC PLAN (--state FILE | --rpc URL KEY [--relayer-key-env VAR] [--ledger FILE])
//   suture migrate verify SPEC --snapshot SNAPSHOT --plan PLAN (--state FILE | --rpc URL) --artifact BUILD --contract OLD --new NEW
// snapshot records its file's hash in the ledger (--ledger, or one found where ledger_path() looks);
// execute --rpc records every step there before sending it, and run again it continues an interrupted run.
// Exit 1: coverage gaps or unequal totals (snapshot), mismatches (verify), a failed step (execute).
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "chain/chain_forks.hpp"
#include "chain/devnet.hpp"
#include "chain/fork_backend.hpp"
#include "chain/state_file.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "cli/ledger_options.hpp"
#include "cli/rpc_options.hpp"
#include "core/atomic_file.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/migrate_claim.hpp"
#include "pipeline/migrate_push.hpp"
#include "pipeline/migrate_send.hpp"
#include "pipeline/migrate_spec.hpp"
#include "report/migrate_render.hpp"
#include "solidity/load.hpp"
#include "verify/log_file.hpp"
#include "verify/migration_node_source.hpp"

namespace suture::cli {
namespace {

struct MigrateArgs {
    std::string spec, state, rpc, artifact, contract, new_contract, snapshot, plan, out, table, from, relayer,
        relayer_key_env, ledger, strategy = "push";
    int64_t block = -1;  // --block; -1: the node's latest
    uint64_t from_block = 0;  // --from-block: where a node's logs and transactions are read from
    std::vector<std::string> logs;
    KeyOptions key;
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

// The chain a sub-command reads: a state file in memory (--state) or a lazy
// fork of a node at a pinned block (--rpc, --block).
struct MigrateChain {
    std::optional<chain::LocalState> local;
    std::unique_ptr<chain::ForkBackend> fork;
    evm::BlockEnv block;  // the pinned block
    evm::Revision revision = evm::Revision::cancun;

    evm::StateBackend& state() { return local ? static_cast<evm::StateBackend&>(local->accounts) : *fork; }
    // The chain the next transactions run on.
    pipeline::PlanChain next() { return {state(), revision, chain::next_block(block)}; }
};

Result<MigrateChain> open_chain(const MigrateArgs& a) {
    if (a.state.empty() == a.rpc.empty()) return usage_error("give one of --state FILE and --rpc URL");
    MigrateChain c;
    if (!a.state.empty()) {
        SUTURE_TRY(state, chain::load_state_file(a.state));
        c.local.emplace(std::move(state));
        c.block = c.local->block;
        c.revision = c.local->revision;
        return c;
    }
    chain::ForkOptions fo;
    fo.rpc_url = a.rpc;
    if (a.block >= 0) fo.block = uint64_t(a.block);
    fo.rpc = rpc_options();
    auto fork = chain::ForkBackend::open(fo);
    if (!fork) return std::move(fork).error().context("--rpc");
    c.fork = std::move(*fork);
    c.block = c.fork->block_env();
    c.revision = chain::choose_revision(c.fork->chain_id(), uint64_t(c.block.timestamp)).revision;
    return c;
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

Result<pipeline::MigrationPlan> load_plan(const std::string& path) {
    SUTURE_TRY(text, read_text(path));
    auto plan = pipeline::parse_migration_plan(text);
    if (!plan) return std::move(plan).error().context(path);
    return plan;
}

Result<int> run_snapshot(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(spec, pipeline::load_migrate_spec(a.spec));
    SUTURE_TRY(c, open_chain(a));
    SUTURE_TRY(set, solidity::load_build(a.artifact));
    SUTURE_TRY(layout, storage_of(set, a.contract));
    std::vector<evm::Log> logs;
    for (const auto& f : a.logs) SUTURE_CHECK(verify::load_log_file(f, logs));
    const Address contract = spec.snapshot.contract;
    SUTURE_TRY(old, c.state().account(contract));
    if (!old || old->code_hash == evm::kEmptyCodeHash)
        return input_error(a.spec + ": contract " + to_checksum(contract) + " has no code in " +
                           (a.state.empty() ? a.rpc + " at block " + std::to_string(c.block.number) : a.state));
    verify::SnapshotSource src;
    src.state = &c.state();
    src.block = c.block.number;
    if (c.local) {
        src.storage = &c.local->accounts.accounts().at(contract).storage;
        for (const auto& [addr, _] : c.local->accounts.accounts()) src.candidate_keys.push_back(addr);
    } else {
        chain::RpcClient rpc(a.rpc, rpc_options());
        SUTURE_TRY(topics, verify::snapshot_event_topics(spec.snapshot));
        SUTURE_TRY(node_logs, verify::contract_logs(rpc, contract, topics, a.from_block, c.block.number));
        logs.insert(logs.end(), node_logs.begin(), node_logs.end());
        SUTURE_TRY(named, verify::addresses_named_by_transactions(rpc, contract, a.from_block, c.block.number));
        src.candidate_keys = std::move(named);
    }
    src.logs = logs;
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
    SUTURE_TRY(tree, pipeline::claim_tree(*table));
    SUTURE_CHECK(write_text(a.out, report::migrate_proofs_json(*table, tree)));
    std::cout << report::render_migrate_claim(table->name, tree.size(), tree.root(), a.out, g.json);
    return 0;
}

Result<Address> address_option(const std::string& text, const std::string& option) {
    auto addr = parse_address(text);
    if (!addr) return std::move(addr).error().context(option);
    return addr;
}

Result<int> run_plan(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(spec, pipeline::load_migrate_spec(a.spec));
    SUTURE_TRY(snap, load_snapshot(a.snapshot));
    SUTURE_TRY(set, solidity::load_build(a.artifact));
    SUTURE_TRY(contract, solidity::find_contract(set, a.contract));
    SUTURE_TRY(code, from_hex(contract.contract->bytecode));
    Address from;
    if (!a.from.empty()) {
        SUTURE_TRY(f, address_option(a.from, "--from"));
        from = f;
    } else if (a.rpc.empty()) {
        SUTURE_TRY(key, chain::dev_key(0));
        from = key.address();
    } else {
        return usage_error("--rpc: give --from, the owner that sends the migration's steps");
    }
    Address relayer = from;
    if (!a.relayer.empty()) {
        SUTURE_TRY(r, address_option(a.relayer, "--relayer"));
        relayer = r;
    }
    SUTURE_TRY(c, open_chain(a));
    Result<pipeline::MigrationPlan> plan = input_error("--strategy " + a.strategy + ": give push or claim");
    if (a.strategy == "push") {
        if (spec.calls.setters.empty()) return input_error(a.spec + ": no table declares a setter (push strategy)");
        plan = pipeline::plan_push(snap, spec.calls, c.next(), from, code);
    } else if (a.strategy == "claim") {
        if (spec.calls.claims.empty()) return input_error(a.spec + ": no table declares claim and claimed (claim strategy)");
        plan = pipeline::plan_claim(snap, spec.calls, c.next(), from, relayer, code);
    }
    if (!plan) return std::move(plan).error();
    SUTURE_CHECK(write_text(a.out, pipeline::migration_plan_json(*plan)));
    std::cout << report::render_migrate_plan(*plan, a.out, g.json);
    return 0;
}

Result<int> run_execute_on_node(const MigrateArgs& a, const GlobalOptions& g, const pipeline::MigrateSpecFile& spec,
                                const pipeline::MigrationPlan& plan, const std::string& plan_text) {
    SUTURE_TRY(owner, a.key.load());
    std::unique_ptr<chain::SecretKey> relayer;
    if (!a.relayer_key_env.empty()) {
        SUTURE_TRY(r, load_key(a.relayer_key_env, ""));
        relayer = std::move(r);
    }
    const std::string path = ledger_path(a.ledger);
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::write));
    chain::RpcClient rpc(a.rpc, rpc_options());
    const nlohmann::json args{{"plan", a.plan}, {"plan_hash", to_hex(keccak256(plan_text))},
                              {"strategy", plan.strategy}, {"new_contract", to_checksum(plan.new_contract)}};
    deploy::SendOptions options;
    options.poll_interval = std::chrono::milliseconds(20);
    SUTURE_TRY(out, pipeline::execute_on_node(l, plan, spec.calls, args, rpc, {owner.get(), relayer.get()}, options));
    std::cout << report::render_migrate_node_execution(out, plan, path, g.json);
    return 0;
}

Result<int> run_execute(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(spec, pipeline::load_migrate_spec(a.spec));
    SUTURE_TRY(text, read_text(a.plan));
    auto plan = pipeline::parse_migration_plan(text);
    if (!plan) return std::move(plan).error().context(a.plan);
    if (a.state.empty() == a.rpc.empty()) return usage_error("give one of --state FILE and --rpc URL");
    if (!a.rpc.empty()) return run_execute_on_node(a, g, spec, *plan, text);
    SUTURE_TRY(state, chain::load_state_file(a.state));
    auto ex = pipeline::execute_on_state(*plan, spec.calls, state, [&](const chain::LocalState& s) {
        return chain::save_state_file(a.state, s);
    });
    if (!ex) return std::move(ex).error();
    std::cout << report::render_migrate_execution(*ex, *plan, g.json);
    return 0;
}

Result<int> run_verify(const MigrateArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(spec, pipeline::load_migrate_spec(a.spec));
    SUTURE_TRY(snap, load_snapshot(a.snapshot));
    SUTURE_TRY(plan, load_plan(a.plan));
    SUTURE_TRY(c, open_chain(a));
    SUTURE_TRY(set, solidity::load_build(a.artifact));
    SUTURE_TRY(old_layout, storage_of(set, a.contract));
    SUTURE_TRY(new_layout, storage_of(set, a.new_contract));
    verify::MigrationTargets t{plan.old_contract, plan.new_contract, &old_layout, &new_layout, spec.paused_variable};
    SUTURE_TRY(v, verify::verify_migration(spec.snapshot, snap, t, c.state()));
    std::cout << report::render_migrate_verification(v, g.json);
    return v.ok() ? 0 : 1;
}

// --state FILE or --rpc URL (with --rpc-timeout, --rpc-max-answer).
void add_chain_options(CLI::App* cmd, MigrateArgs& a, bool pinned) {
    auto* state = cmd->add_option("--state", a.state, "State file (the embedded default)");
    auto* rpc = cmd->add_option("--rpc", a.rpc, "JSON-RPC node (http://..., or state:FILE for the in-process node)");
    state->excludes(rpc);
    add_rpc_limit_options(cmd);
    if (!pinned) return;
    cmd->add_option("--block", a.block, "With --rpc: the block to read at (default the latest)");
    cmd->add_option("--from-block", a.from_block,
                    "With --rpc: the first block whose logs and transactions are read (default 0; at most the contract's deployment)");
}

Register reg("migrate", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("migrate", "Move an immutable contract's state to a fixed replacement (snapshot, claim, plan, execute, verify)");
    cmd->require_subcommand(1);
    auto a = std::make_shared<MigrateArgs>();

    auto* snap = cmd->add_subcommand("snapshot", "Snapshot the old contract's holders, entries and totals at a block");
    snap->add_option("spec", a->spec, "Migration spec (TOML, [migrate])")->required();
    add_chain_options(snap, *a, true);
    snap->add_option("--artifact", a->artifact, "Build of the old contract (storage layout)")->required();
    snap->add_option("--contract", a->contract, "Old contract's name in the build")->required();
    snap->add_option("--logs", a->logs, "Logs: devnet exec --json output or a JSON array of logs (repeatable; --rpc also asks the node)");
    snap->add_option("-o,--out", a->out, "Snapshot file to write")->required();
    add_ledger_option(snap, a->ledger);
    snap->callback([&g, a] { g.exit = exit_of(g, run_snapshot(*a, g)); });

    auto* claim = cmd->add_subcommand("claim", "Merkle root and per-entry proofs of one snapshot table (OpenZeppelin StandardMerkleTree)");
    claim->add_option("snapshot", a->snapshot, "Snapshot file")->required();
    claim->add_option("--table", a->table, "Table whose entries are claimed")->required();
    claim->add_option("-o,--out", a->out, "Proofs file to write")->required();
    claim->callback([&g, a] { g.exit = exit_of(g, run_claim(*a, g)); });

    auto* plan = cmd->add_subcommand("plan", "Plan the migration (push: gas-bounded batches; claim: roots and relayed claims), simulated");
    plan->add_option("spec", a->spec, "Migration spec (TOML)")->required();
    plan->add_option("--snapshot", a->snapshot, "Snapshot file")->required();
    add_chain_options(plan, *a, false);
    plan->add_option("--artifact", a->artifact, "Build of the new contract")->required();
    plan->add_option("--contract", a->contract, "New contract's name in the build")->required();
    plan->add_option("--strategy", a->strategy, "push (default) or claim");
    plan->add_option("--from", a->from, "Owner that sends the owner's steps (default with --state: dev account 0)");
    plan->add_option("--relayer", a->relayer, "Claim strategy: who sends the claims (default the owner)");
    plan->add_option("-o,--out", a->out, "Plan file to write")->required();
    plan->callback([&g, a] { g.exit = exit_of(g, run_plan(*a, g)); });

    auto* exec = cmd->add_subcommand("execute", "Run the plan's steps not yet done (resumable: run it again after a crash)");
    exec->add_option("spec", a->spec, "Migration spec (TOML)")->required();
    exec->add_option("plan", a->plan, "Plan file")->required();
    add_chain_options(exec, *a, false);
    add_key_options(exec, a->key, {"With --rpc: environment variable holding the owner's private key",
                                   "With --rpc: file (0600) holding the owner's private key",
                                   "With --rpc: keystore of the owner's key (password from SUTURE_PASSWORD or a prompt)"});
    exec->add_option("--relayer-key-env", a->relayer_key_env, "With --rpc: environment variable holding the relayer's key (claims)");
    add_ledger_option(exec, a->ledger);
    exec->callback([&g, a] { g.exit = exit_of(g, run_execute(*a, g)); });

    auto* ver = cmd->add_subcommand("verify", "Read every snapshot entry back from the new contract; totals; old contract paused");
    ver->add_option("spec", a->spec, "Migration spec (TOML)")->required();
    ver->add_option("--snapshot", a->snapshot, "Snapshot file")->required();
    ver->add_option("--plan", a->plan, "Plan file (old and new addresses)")->required();
    add_chain_options(ver, *a, false);
    ver->add_option("--artifact", a->artifact, "Build holding both contracts")->required();
    ver->add_option("--contract", a->contract, "Old contract's name")->required();
    ver->add_option("--new", a->new_contract, "New contract's name")->required();
    ver->callback([&g, a] { g.exit = exit_of(g, run_verify(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
