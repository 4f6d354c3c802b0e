// `suture deploy --route R`: deploy a new implementation and upgrade a proxy
// through one admin path: the check gate and a simulation first, then send,
// verify on chain, roll back when verification fails.
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "cli/rpc_options.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "deploy/route.hpp"
#include "report/deploy_render.hpp"
#include "upgrade/check_gate.hpp"

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
    std::string old_build, old_contract;
    std::vector<std::string> allow, reasons;
    int64_t delay = -1, max_wait = 300;
    int64_t confirmations = 1;
    double confirm_timeout = 120;
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

// --allow CODE --reason TEXT, paired in order.
Result<std::vector<upgrade::Allowance>> allowances(const DeployArgs& a) {
    if (a.allow.size() != a.reasons.size())
        return usage_error("--allow CODE needs one --reason TEXT each (" + std::to_string(a.allow.size()) +
                           " --allow, " + std::to_string(a.reasons.size()) + " --reason)");
    std::vector<upgrade::Allowance> out;
    for (size_t i = 0; i < a.allow.size(); ++i) {
        if (a.reasons[i].empty()) return usage_error("--reason for --allow " + a.allow[i] + " is empty: say why");
        out.push_back({a.allow[i], a.reasons[i]});
    }
    return out;
}

// The check gate's request: the new implementation as --artifact/--contract
// name it, the old one read from the proxy and matched against --old (else
// --artifact). Without a build there is nothing to check (deploy_gate.hpp).
std::optional<upgrade::CheckRequest> check_request(const DeployArgs& a) {
    if (a.artifact.artifact.empty() || a.artifact.contract.empty()) return std::nullopt;
    upgrade::CheckRequest c;
    c.new_build = a.artifact.artifact;
    c.new_contract = a.artifact.contract;
    c.old_build = a.old_build;
    c.old_contract = a.old_contract;
    return c;
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
    if (!a.old_build.empty() && a.artifact.artifact.empty()) return usage_error("--old needs --artifact BUILD --contract NAME");
    req.check = check_request(a);
    SUTURE_TRY(allow, allowances(a));
    req.allow = std::move(allow);
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

    chain::RpcClient rpc(a.rpc, rpc_options());
    deploy::MemoryRecorder recorder;
    SUTURE_TRY(chain_id, rpc.chain_id());
    deploy::SendOptions options;
    options.confirmations = uint64_t(a.confirmations);
    options.timeout = std::chrono::milliseconds(int64_t(a.confirm_timeout * 1000));
    // The library prints nothing: say here, on stderr, what each wait is for.
    options.on_wait = [&a](const deploy::TxRequest& t, const Bytes32& hash) {
        std::cerr << "waiting for " << a.confirmations << " confirmation(s) of " << t.step << " (tx " << to_hex(hash)
                  << ", up to " << a.confirm_timeout << " s: --confirm-timeout)\n";
    };
    deploy::TxSender sender(rpc, chain_id, recorder, options);
    auto out = deploy::run_deploy(rpc, sender, req);
    if (!out) {
        // What went wrong first, then what did go out before it: those transactions are on chain.
        if (g.json) {
            nlohmann::json j{{"error", out.error().message}, {"exit", exit_code(out.error().kind)},
                             {"sent", report::sent_json(recorder)}};
            std::cout << j.dump(2) << "\n";
            return exit_code(out.error().kind);
        }
        int code = fail(g, out.error());
        std::cerr << report::sent_before_failure_text(recorder);
        return code;
    }
    if (g.json) {
        std::cout << report::deploy_json(*out, recorder).dump(2) << "\n";
        if (!out->refused.empty()) return 1;
    } else {
        std::cout << report::deploy_text(*out, recorder);
        if (out->refused == "check")
            return Error{ErrorKind::findings, "deploy refused by the check gate: " +
                                  std::to_string(out->check.verdict.blocking.size()) +
                                  " error-level finding(s); nothing was sent"};
        if (out->refused == "simulation") {
            std::string why;
            for (const auto& st : out->simulation.steps)
                if (!st.ok) why = st.step + ": " + st.detail;
            return Error{ErrorKind::findings, "deploy refused by the simulation: " + why + "; nothing was sent"};
        }
    }
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
    cmd->add_option("--confirmations", a->confirmations, "Blocks to wait for each transaction (default 1)")
        ->check(CLI::Range(int64_t{1}, int64_t{1000}));
    cmd->add_option("--confirm-timeout", a->confirm_timeout,
                    "Seconds to wait for each transaction's confirmations before stopping (default 120)")
        ->check(CLI::Range(0.1, 86400.0));
    cmd->add_option("--old", a->old_build,
                    "Build the live implementation was compiled in (default: --artifact), for the check gate");
    cmd->add_option("--old-contract", a->old_contract, "The contract the live implementation must match (check gate)");
    cmd->add_option("--allow", a->allow,
                    "Deploy despite the error-level finding CODE of the check gate (repeatable; each needs a --reason, "
                    "recorded in the output)");
    cmd->add_option("--reason", a->reasons, "Why the matching --allow is acceptable (repeatable, in order)");
    cmd->add_flag("--dry-run", a->dry_run,
                  "Run the check gate and simulate the exact transactions, print them, send nothing");
    cmd->add_flag("--no-rollback", a->no_rollback, "Do not roll back when post-deploy verification fails");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a, g)); });
});

}  // namespace
}  // namespace suture::cli
