// `suture deploy --route R`: deploy a new implementation and upgrade a proxy
// through one admin path, verify it on chain, roll back when verification fails.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "deploy/route.hpp"
#include "upgrade/proxy_json.hpp"

namespace suture::cli {
namespace {

struct DeployArgs {
    std::string route, rpc, proxy, implementation, init, init_data, old_facet;
    ArtifactOptions artifact;
    std::vector<std::string> init_args, smoke;
    KeyOptions key;
    std::string deployer_key_env, deployer_key_file, executor_key_env;
    std::vector<std::string> owner_key_env, owner_key_file;
    std::string timelock_step = "all", salt, safe_file, multisend;
    int64_t delay = -1, max_wait = 300;
    uint64_t confirmations = 1;
    bool batch = false, time_travel = false, dry_run = false, no_rollback = false;
};

Result<Bytes> init_calldata(const DeployArgs& a) {
    if (!a.init_data.empty()) {
        if (!a.init.empty()) return usage_error("give --init or --init-data, not both");
        return from_hex(a.init_data);
    }
    if (a.init.empty()) return Bytes{};
    SUTURE_TRY(sig, abi::parse_signature(a.init));
    SUTURE_TRY(values, abi::parse_values(sig.input_types(), a.init_args));
    return abi::encode_call(sig, values);
}

Result<deploy::TimelockOptions::Step> parse_step(const std::string& s) {
    using Step = deploy::TimelockOptions::Step;
    if (s == "all") return Step::all;
    if (s == "schedule") return Step::schedule;
    if (s == "execute") return Step::execute;
    if (s == "cancel") return Step::cancel;
    return usage_error("--timelock-step: expected all, schedule, execute or cancel, got \"" + s + "\"");
}

nlohmann::json tx_json(const deploy::TxRequest& t) {
    nlohmann::json j{{"step", t.step}, {"from", to_checksum(t.from)}, {"value", t.value.to_dec()}, {"data", to_hex(t.data)}};
    j["to"] = t.to ? nlohmann::json(to_checksum(*t.to)) : nlohmann::json(nullptr);
    return j;
}

nlohmann::json recorded_json(const deploy::MemoryRecorder& rec) {
    auto out = nlohmann::json::array();
    for (const auto& e : rec.entries) {
        auto j = tx_json(e.request);
        j["hash"] = to_hex(e.hash);
        j["nonce"] = e.nonce;
        j["mined"] = e.mined;
        j["success"] = e.success;
        out.push_back(j);
    }
    return out;
}

nlohmann::json outcome_json(const deploy::DeployOutcome& o, const deploy::MemoryRecorder& rec) {
    nlohmann::json j{{"route", deploy::route_name(o.route)}, {"mechanism", o.mechanism},
                     {"before", upgrade::to_json(o.before)}, {"pending", o.pending}};
    if (o.implementation) j["implementation"] = to_checksum(*o.implementation);
    auto planned = nlohmann::json::array();
    for (const auto& t : o.planned) planned.push_back(tx_json(t));
    j["planned"] = planned;
    j["sent"] = recorded_json(rec);
    if (o.timelock_operation) j["timelockOperation"] = to_hex(*o.timelock_operation);
    if (o.safe_tx_hash) j["safeTxHash"] = to_hex(*o.safe_tx_hash);
    if (!o.safe_batch_file.empty()) j["safeBatchFile"] = o.safe_batch_file;
    auto checks = nlohmann::json::array();
    for (const auto& c : o.verification.checks) checks.push_back({{"check", c.name}, {"ok", c.ok}, {"detail", c.detail}});
    j["verification"] = {{"ran", o.verification.ran()}, {"ok", o.verification.ok()}, {"checks", checks}};
    j["rolledBack"] = o.rolled_back;
    if (!o.rollback_detail.empty()) j["rollback"] = o.rollback_detail;
    j["notes"] = o.notes;
    if (o.after) j["after"] = upgrade::to_json(*o.after);
    return j;
}

void print_text(const deploy::DeployOutcome& o, const deploy::MemoryRecorder& rec) {
    std::cout << "route " << deploy::route_name(o.route) << " (" << o.mechanism << ") for "
              << to_checksum(o.before.address) << ", a " << upgrade::proxy_pattern_name(o.before.kind) << " proxy\n";
    if (o.implementation)
        std::cout << "new implementation: " << to_checksum(*o.implementation) << (o.planned.empty() ? "" : " (predicted)")
                  << "\n";
    if (!o.planned.empty()) {
        std::cout << "dry run: these transactions would be sent, in this order:\n";
        for (const auto& t : o.planned)
            std::cout << "  " << t.step << "\n    from " << to_checksum(t.from) << " to "
                      << (t.to ? to_checksum(*t.to) : std::string("(create)")) << " value " << t.value.to_dec()
                      << "\n    data " << to_hex(t.data) << "\n";
    }
    for (const auto& e : rec.entries)
        std::cout << "sent: " << e.request.step << "\n  tx " << to_hex(e.hash) << " nonce " << e.nonce
                  << (e.success ? " ok" : e.mined ? " REVERTED" : " not mined") << "\n";
    if (o.timelock_operation) std::cout << "timelock operation: " << to_hex(*o.timelock_operation) << "\n";
    if (o.safe_tx_hash) std::cout << "safeTxHash: " << to_hex(*o.safe_tx_hash) << "\n";
    if (!o.safe_batch_file.empty()) std::cout << "Safe Transaction Builder file: " << o.safe_batch_file << "\n";
    for (const auto& n : o.notes) std::cout << "note: " << n << "\n";
    for (const auto& c : o.verification.checks)
        std::cout << (c.ok ? "  ok    " : "  FAIL  ") << c.name << ": " << c.detail << "\n";
    if (o.verification.ran())
        std::cout << (o.verification.ok() ? "post-deploy verification passed\n" : "post-deploy verification FAILED\n");
    if (o.rolled_back || !o.rollback_detail.empty()) std::cout << "rollback: " << o.rollback_detail << "\n";
    if (o.pending) std::cout << "the upgrade is not live yet (see notes)\n";
}

Result<int> run(const DeployArgs& a, const GlobalOptions& g) {
    deploy::DeployRequest req;
    SUTURE_TRY(route, deploy::parse_route(a.route));
    req.route = route;
    SUTURE_TRY(proxy, parse_address(a.proxy));
    req.proxy = proxy;
    req.dry_run = a.dry_run;
    req.rollback = !a.no_rollback;
    SUTURE_TRY(init, init_calldata(a));
    req.init_data = std::move(init);
    if (!a.old_facet.empty()) {
        SUTURE_TRY(f, parse_address(a.old_facet));
        req.old_facet = f;
    }
    if (!a.implementation.empty()) {
        SUTURE_TRY(impl, parse_address(a.implementation));
        req.existing_implementation = impl;
    }
    if (!a.artifact.artifact.empty()) {
        SUTURE_TRY(art, a.artifact.prepare());
        req.artifact = std::move(art);
    }
    for (const auto& s : a.smoke) {
        SUTURE_TRY(c, deploy::parse_smoke_check(s));
        req.smoke.push_back(std::move(c));
    }
    SUTURE_TRY(step, parse_step(a.timelock_step));
    req.timelock.step = step;
    if (a.delay >= 0) req.timelock.delay = uint256(uint64_t(a.delay));
    if (!a.salt.empty()) {
        SUTURE_TRY(s, from_hex(a.salt));
        if (s.size() != 32) return usage_error("--salt: expected 32 bytes of hex");
        std::copy(s.begin(), s.end(), req.timelock.salt.begin());
    }
    req.timelock.batch = a.batch;
    req.timelock.time_travel = a.time_travel;
    req.timelock.max_wait = std::chrono::seconds(a.max_wait);
    req.safe.batch_file = a.safe_file;
    if (!a.multisend.empty()) {
        SUTURE_TRY(m, parse_address(a.multisend));
        req.safe.multisend = m;
    }

    SUTURE_TRY(admin, a.key.load());
    SUTURE_TRY(deployer, load_key(a.deployer_key_env, a.deployer_key_file));
    SUTURE_TRY(executor, load_key(a.executor_key_env, {}));
    std::vector<std::unique_ptr<chain::SecretKey>> owners;
    for (const auto& e : a.owner_key_env) {
        SUTURE_TRY(k, load_key(e, {}));
        owners.push_back(std::move(k));
    }
    for (const auto& f : a.owner_key_file) {
        SUTURE_TRY(k, load_key({}, f));
        owners.push_back(std::move(k));
    }
    req.admin = admin.get();
    req.deployer = deployer ? deployer.get() : (admin ? admin.get() : (owners.empty() ? nullptr : owners[0].get()));
    req.timelock.executor = executor.get();
    for (const auto& o : owners) req.safe.owners.push_back(o.get());

    chain::RpcClient rpc(a.rpc);
    deploy::MemoryRecorder recorder;
    SUTURE_TRY(sender, open_sender(rpc, recorder, a.confirmations));
    auto out = deploy::run_deploy(rpc, *sender, req);
    if (!out) {
        // Say what did go out before the failure: those transactions are on chain.
        if (g.json) {
            nlohmann::json j{{"error", out.error().message}, {"exit", exit_code(out.error().kind)},
                             {"sent", recorded_json(recorder)}};
            std::cout << j.dump(2) << "\n";
            return exit_code(out.error().kind);
        }
        for (const auto& e : recorder.entries)
            std::cerr << "sent before the failure: " << e.request.step << " tx " << to_hex(e.hash) << "\n";
        if (recorder.entries.empty()) std::cerr << "nothing was sent\n";
        return out.error();
    }
    if (g.json)
        std::cout << outcome_json(*out, recorder).dump(2) << "\n";
    else
        print_text(*out, recorder);
    if (out->verification.ran() && !out->verification.ok()) return 1;
    return 0;
}

Register reg("deploy", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("deploy", "Deploy a new implementation and upgrade a proxy through one route");
    auto a = std::make_shared<DeployArgs>();
    cmd->add_option("--route", a->route, "direct, proxy-admin, uups, beacon, diamond, timelock or safe")->required();
    add_rpc_option(cmd, a->rpc);
    cmd->add_option("--proxy", a->proxy, "The proxy (or diamond) to upgrade")->required();
    add_artifact_options(cmd, a->artifact,
                         {"Build with the new implementation (solc output, build-info, Foundry out/)",
                          "Contract name (or source:Name) in --artifact", false});
    cmd->add_option("--implementation", a->implementation, "Use this deployed implementation instead of deploying");
    cmd->add_option("--init", a->init, "Initializer run with the upgrade, e.g. 'migrate(uint256)'");
    cmd->add_option("--init-arg", a->init_args, "Initializer argument (repeat in order)");
    cmd->add_option("--init-data", a->init_data, "Initializer call data as hex (instead of --init)");
    cmd->add_option("--old-facet", a->old_facet, "diamond: the facet the new one replaces (default: guessed from selectors)");
    add_key_options(cmd, a->key,
                    {"Env var holding the key that sends the upgrade (admin/owner/proposer)",
                     "File (mode 0600) holding that key",
                     "Keystore v3 file for that key (password: $SUTURE_PASSWORD or prompt)"});
    cmd->add_option("--deployer-key-env", a->deployer_key_env, "Env var with the key that deploys the implementation");
    cmd->add_option("--deployer-key-file", a->deployer_key_file, "File with the key that deploys the implementation");
    cmd->add_option("--executor-key-env", a->executor_key_env, "timelock: env var with the executor key (default: the proposer)");
    cmd->add_option("--owner-key-env", a->owner_key_env, "safe: env var with an owner key (repeatable)");
    cmd->add_option("--owner-key-file", a->owner_key_file, "safe: file with an owner key (repeatable)");
    cmd->add_option("--timelock-step", a->timelock_step, "timelock: all, schedule, execute or cancel");
    cmd->add_option("--delay", a->delay, "timelock: delay in seconds (default: getMinDelay)");
    cmd->add_option("--salt", a->salt, "timelock: operation salt (32 bytes hex)");
    cmd->add_flag("--batch", a->batch, "timelock: use scheduleBatch even for one call");
    cmd->add_flag("--time-travel", a->time_travel, "timelock on a dev chain: evm_increaseTime past the delay");
    cmd->add_option("--max-wait", a->max_wait, "timelock: longest real wait in seconds before stopping (default 300)");
    cmd->add_option("--safe-file", a->safe_file, "safe: write the Transaction Builder batch JSON here");
    cmd->add_option("--multisend", a->multisend, "safe: MultiSendCallOnly address for several calls");
    cmd->add_option("--smoke", a->smoke, "Post-deploy call through the proxy: 'version()(uint256) = 2' (repeatable)");
    cmd->add_option("--confirmations", a->confirmations, "Blocks to wait for each transaction (default 1)");
    cmd->add_flag("--dry-run", a->dry_run, "Print exactly what would be sent, send nothing");
    cmd->add_flag("--no-rollback", a->no_rollback, "Do not roll back when post-deploy verification fails");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
