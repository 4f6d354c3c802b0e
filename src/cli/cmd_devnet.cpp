// `suture devnet`: a chain in a local state file, run by the in-process EVM
// (the embedded default: no node, no external process).
//   suture devnet new FILE [--accounts N] [--balance WEI] [--chain-id ID] [--fund ADDR]... [--force]
//   suture devnet exec FILE (--artifact BUILD --contract NAME [--arg ...]
//                            | --call TO --sig 'f(uint256)' [--arg ...]
//                            | --txs FILE.json) [--from ADDR] [--value WEI]
//   suture devnet show FILE
// `exec` runs in the next block and commits only when every transaction
// succeeds (the file is replaced atomically); a revert commits nothing and
// exits 1 with the decoded reason. A file with block history (the in-process
// node's, format 2) gets the block added to it (chain::commit_exec_block).
#include <filesystem>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "chain/devnet.hpp"
#include "chain/devnode/dev_chain.hpp"
#include "chain/revert.hpp"
#include "chain/state_file.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "evm/state_overlay.hpp"
#include "verify/poc_transactions.hpp"

namespace suture::cli {
namespace {

using nlohmann::json;

struct NewArgs {
    std::string file;
    uint32_t accounts = 10;
    std::string balance;
    uint64_t chain_id = 1337;
    std::vector<std::string> fund;
    bool force = false;
};

struct ExecArgs {
    std::string file;
    ArtifactOptions contract;  // --artifact/--contract/--arg/--library
    std::string call_to, sig, txs, from, value;
};

std::string hex32(const Bytes32& b) { return to_hex(BytesView(b.data(), b.size())); }

Result<int> run_new(const NewArgs& a, const GlobalOptions& g) {
    if (!a.force && std::filesystem::exists(a.file))
        return usage_error(a.file + ": already exists (--force replaces it)");
    chain::DevnetOptions o;
    o.accounts = a.accounts;
    o.chain_id = a.chain_id;
    for (const std::string& f : a.fund) {
        auto addr = parse_address(f);
        if (!addr) return usage_error("--fund " + f + ": " + addr.error().message);
        o.fund.push_back(addr.value());
    }
    if (!a.balance.empty()) {
        auto b = uint256::parse(a.balance);
        if (!b) return std::move(b).error().context("--balance");
        o.balance = *b;
    }
    SUTURE_TRY(state, chain::new_devnet(o));
    SUTURE_CHECK(chain::save_state_file(a.file, state));
    json accounts = json::array();
    for (uint32_t i = 0; i < a.accounts; ++i) {
        SUTURE_TRY(key, chain::dev_key(i));
        accounts.push_back({{"address", to_checksum(key.address())}, {"secret_key", hex32(chain::dev_secret(i))}});
    }
    if (g.json) {
        std::cout << json{{"file", a.file}, {"chain_id", a.chain_id}, {"balance", o.balance.to_dec()},
                          {"accounts", accounts}}
                         .dump(2)
                  << "\n";
        return 0;
    }
    std::cout << "devnet " << a.file << ": chain " << a.chain_id << ", " << a.accounts << " accounts of "
              << o.balance.to_dec() << " wei (dev keys: public, for testing only)\n";
    for (size_t i = 0; i < accounts.size(); ++i)
        std::cout << "(" << i << ") " << accounts[i]["address"].get<std::string>() << "  "
                  << accounts[i]["secret_key"].get<std::string>() << "\n";
    return 0;
}

// What `exec` runs: the transactions and how to read their results.
struct ExecPlan {
    std::vector<verify::PocTransaction> txs;
    std::optional<abi::Signature> sig;  // --call: decode the return data with its outputs
    abi::ContractAbi abi;               // --artifact: custom errors of reverts
    std::string what;                   // for messages
};

Result<ExecPlan> plan_exec(const ExecArgs& a) {
    const int forms = (a.contract.artifact.empty() ? 0 : 1) + (a.call_to.empty() ? 0 : 1) + (a.txs.empty() ? 0 : 1);
    if (forms != 1) return usage_error("devnet exec needs exactly one of --artifact, --call or --txs");
    ExecPlan p;
    if (!a.txs.empty()) {
        if (!a.from.empty() || !a.value.empty())
            return usage_error("--txs: give from and value in the file, not as --from/--value");
        SUTURE_TRY(txs, verify::load_poc_transactions(a.txs));
        p.txs = std::move(txs);
        p.what = a.txs;
        return p;
    }
    verify::PocTransaction t;
    if (!a.from.empty()) {
        auto from = parse_address(a.from);
        if (!from) return std::move(from).error().context("--from");
        t.from = *from;
    } else {
        SUTURE_TRY(key, chain::dev_key(0));
        t.from = key.address();
    }
    if (!a.value.empty()) {
        auto v = uint256::parse(a.value);
        if (!v) return std::move(v).error().context("--value");
        t.value = *v;
    }
    if (!a.contract.artifact.empty()) {
        SUTURE_TRY(art, a.contract.prepare());
        t.data = art.init_code;
        p.abi = art.abi;
        p.what = "create " + art.name;
    } else {
        auto to = parse_address(a.call_to);
        if (!to) return std::move(to).error().context("--call");
        t.to = *to;
        if (a.sig.empty()) return usage_error("--call needs --sig 'f(uint256)'");
        SUTURE_TRY(sig, abi::parse_signature(a.sig));
        SUTURE_TRY(values, abi::parse_values(sig.input_types(), a.contract.args));
        SUTURE_TRY(data, abi::encode_call(sig, values));
        t.data = std::move(data);
        p.what = sig.canonical() + " on " + to_checksum(*to);
        p.sig = std::move(sig);
    }
    p.txs.push_back(std::move(t));
    return p;
}

// The return data as the signature's outputs, one per line; hex without outputs.
std::string render_output(const ExecPlan& p, const Bytes& out) {
    if (p.sig && !p.sig->outputs.empty()) {
        std::vector<abi::AbiType> types;
        for (const auto& o : p.sig->outputs) types.push_back(o.type);
        if (auto values = abi::decode(types, out)) {
            std::string s;
            for (size_t i = 0; i < types.size(); ++i) s += (i ? "\n" : "") + abi::format_value(types[i], (*values)[i]);
            return s;
        }
    }
    return to_hex(out);
}

Result<int> run_exec(const ExecArgs& a, const GlobalOptions& g) {
    SUTURE_TRY(plan, plan_exec(a));
    SUTURE_TRY(loaded, chain::load_state_file(a.file));
    // With block history (the in-process node's), the calls run in the block
    // the node would mine next (its base fee, BLOCKHASH from the kept blocks)
    // and that block is added to the history.
    std::optional<chain::DevChain> node;
    if (!loaded.history.blocks.empty()) {
        for (const auto& t : plan.txs)
            if (t.advance_blocks || t.advance_seconds)
                return usage_error(a.file + " keeps a block history, which devnet exec extends by one block: a "
                                   "transaction list that moves the block on (advance_blocks, advance_seconds) "
                                   "does not fit one; send it through the node (--rpc state:" + a.file + ")");
        node.emplace(std::move(loaded));
    }
    chain::LocalState& state = node ? node->mutable_state() : loaded;
    evm::BlockEnv block = node ? node->next_env() : chain::next_block(state.block);
    evm::OverlayBackend overlay(state.accounts);
    SUTURE_TRY(outcomes, verify::run_poc_transactions(overlay, state.revision, block, plan.txs));

    json results = json::array();
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const auto& o = outcomes[i];
        if (o.status != evm::StatusCode::success) {
            const std::string reason = o.status == evm::StatusCode::revert
                                           ? chain::describe_revert(o.output, &plan.abi)
                                           : std::string("halted (") + (o.status == evm::StatusCode::out_of_gas ? "out of gas" : "exceptional halt") + ")";
            const std::string which = plan.txs.size() > 1 ? "transaction " + std::to_string(i) + " of " + plan.what : plan.what;
            return Error{ErrorKind::findings, which + " reverted: " + reason + " (nothing committed to " + a.file + ")"};
        }
        json r{{"gasUsed", o.gas_used}};
        if (o.created) r["created"] = to_checksum(*o.created);
        else r["output"] = to_hex(o.output);
        json logs = json::array();
        for (const auto& l : o.logs) {
            json topics = json::array();
            for (const auto& t : l.topics) topics.push_back(to_hex(t));
            logs.push_back({{"address", to_checksum(l.address)}, {"topics", topics}, {"data", to_hex(l.data)}});
        }
        r["logs"] = std::move(logs);
        results.push_back(std::move(r));
    }
    SUTURE_TRY(diff, overlay.net_diff());
    std::vector<chain::ExecutedCall> calls;
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const auto& t = plan.txs[i];
        auto& o = outcomes[i];
        calls.push_back({t.from, t.to, t.value, t.data, t.gas, o.status == evm::StatusCode::success,
                         uint64_t(o.gas_used), o.created, o.logs});
    }
    SUTURE_CHECK(chain::commit_exec_block(state, block, calls, diff));
    SUTURE_CHECK(chain::save_state_file(a.file, state));

    if (g.json) {
        std::cout << json{{"file", a.file}, {"block", block.number}, {"results", results}}.dump(2) << "\n";
        return 0;
    }
    for (size_t i = 0; i < outcomes.size(); ++i) {
        const auto& o = outcomes[i];
        if (o.created)
            std::cout << to_checksum(*o.created) << "\n";
        else if (!o.output.empty() || plan.txs.size() == 1)
            std::cout << render_output(plan, o.output) << "\n";
    }
    std::cerr << "committed " << outcomes.size() << " transaction" << (outcomes.size() == 1 ? "" : "s")
              << " in block " << block.number << " to " << a.file << "\n";
    return 0;
}

Result<int> run_show(const std::string& file, const GlobalOptions& g) {
    SUTURE_TRY(state, chain::load_state_file(file));
    std::vector<std::pair<Address, const evm::MemoryBackend::Account*>> accounts;
    for (const auto& [addr, acc] : state.accounts.accounts()) accounts.emplace_back(addr, &acc);
    std::sort(accounts.begin(), accounts.end(), [](const auto& x, const auto& y) { return x.first < y.first; });
    const evm::BlockEnv& b = state.block;
    if (g.json) {
        json list = json::array();
        for (const auto& [addr, acc] : accounts)
            list.push_back({{"address", to_checksum(addr)}, {"nonce", acc->nonce}, {"balance", acc->balance.to_dec()},
                            {"code_size", acc->code ? acc->code->size() : 0}, {"slots", acc->storage.size()}});
        std::cout << json{{"file", file},
                          {"revision", std::string(evm::revision_name(state.revision))},
                          {"block", {{"number", b.number}, {"timestamp", b.timestamp}, {"chain_id", b.chain_id.to_dec()},
                                     {"gas_limit", b.gas_limit}, {"base_fee", b.base_fee.to_dec()}}},
                          {"accounts", list}}
                         .dump(2)
                  << "\n";
        return 0;
    }
    std::cout << file << ": chain " << b.chain_id.to_dec() << ", block " << b.number << " (timestamp " << b.timestamp
              << ", base fee " << b.base_fee.to_dec() << " wei, gas limit " << b.gas_limit << "), "
              << evm::revision_name(state.revision) << ", " << accounts.size() << " accounts\n";
    for (const auto& [addr, acc] : accounts) {
        std::cout << to_checksum(addr) << "  nonce " << acc->nonce << "  balance " << acc->balance.to_dec();
        if (acc->code) std::cout << "  code " << acc->code->size() << " bytes, " << acc->storage.size() << " slots";
        std::cout << "\n";
    }
    return 0;
}

Register reg("devnet", [](CLI::App& app, GlobalOptions& g) {
    auto* devnet = app.add_subcommand("devnet", "A chain in a local state file, run by the in-process EVM");
    devnet->require_subcommand(1);

    auto na = std::make_shared<NewArgs>();
    auto* create = devnet->add_subcommand("new", "Create a state file with funded dev accounts; prints their keys");
    create->add_option("file", na->file, "State file to create")->required();
    create->add_option("--accounts", na->accounts, "Dev accounts to fund (default 10)");
    create->add_option("--balance", na->balance, "Balance of each, in wei (default 10000 ETH)");
    create->add_option("--chain-id", na->chain_id, "Chain id (default 1337)");
    create->add_option("--fund", na->fund, "Also give this address the balance (repeatable)");
    create->add_flag("--force", na->force, "Replace an existing file");
    create->callback([&g, na] { g.exit = exit_of(g, run_new(*na, g)); });

    auto ea = std::make_shared<ExecArgs>();
    auto* exec = devnet->add_subcommand("exec", "Run a deployment, a call or a transaction list and commit it");
    exec->add_option("file", ea->file, "State file")->required();
    add_artifact_options(exec, ea->contract, {"Build to deploy from: solc output, build-info or Foundry out/",
                                              "Contract to deploy (or source:Name)", false});
    exec->add_option("--call", ea->call_to, "Address to call (with --sig and --arg)");
    exec->add_option("--sig", ea->sig, "Function signature of --call, e.g. 'set(uint256)' or 'get()(uint256)'");
    exec->add_option("--txs", ea->txs, "JSON list of transactions (docs/exploit-gate.md format)");
    exec->add_option("--from", ea->from, "Sender (default dev account 0)");
    exec->add_option("--value", ea->value, "Wei sent with the deployment or call");
    exec->footer("--arg gives the constructor arguments of --contract, or the arguments of --call, in order.");
    exec->callback([&g, ea] { g.exit = exit_of(g, run_exec(*ea, g)); });

    auto file = std::make_shared<std::string>();
    auto* show = devnet->add_subcommand("show", "Print a state file's block and accounts");
    show->add_option("file", *file, "State file")->required();
    show->callback([&g, file] { g.exit = exit_of(g, run_show(*file, g)); });
});

}  // namespace
}  // namespace suture::cli
