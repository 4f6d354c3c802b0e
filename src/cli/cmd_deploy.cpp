// `suture deploy --route R`: deploy a new implementation and upgrade a proxy
// through one admin path: the check gate and a simulation first, then send,
// verify on chain, roll back when verification fails. With a ledger (--ledger,
// --patch, --manifest), every step is recorded before it is sent, so
// `suture resume` can finish the deployment after a crash.
#include <cstdlib>
#include <memory>
#include <optional>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/deploy_options.hpp"
#include "cli/ledger_options.hpp"
#include "cli/patch_deploy.hpp"
#include "cli/rpc_options.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"
#include "pipeline/recorded_deploy.hpp"

namespace suture::cli {
namespace {

struct DeployCommand {
    DeployArgs args;
    std::string ledger, manifest;
    int64_t patch = 0;
};

// Where the deployment is recorded: a ledger when --ledger, --patch or
// --manifest name one (or $SUTURE_LEDGER), else nowhere (as before ledgers).
std::optional<std::string> ledger_for(const DeployCommand& c, const std::string& from_manifest) {
    if (c.args.dry_run) return std::nullopt;  // a dry run sends nothing, so records nothing
    if (c.ledger.empty() && c.patch == 0 && c.manifest.empty() && !std::getenv("SUTURE_LEDGER")) return std::nullopt;
    return ledger_path(c.ledger, from_manifest);
}

Result<int> run(const DeployCommand& c, const GlobalOptions& g) {
    const DeployArgs& a = c.args;
    std::string manifest_ledger;
    if (!c.manifest.empty()) {
        SUTURE_TRY(m, pipeline::load_manifest(c.manifest));
        manifest_ledger = m.ledger;
    }
    // --patch: nothing is sent for a patch that is not ready (cli/patch_deploy.hpp); on a
    // state file the patch is deployed in-process there.
    const PatchDeployOptions patch_deploy{c.patch, c.ledger, c.manifest};
    if (c.patch > 0) {
        SUTURE_TRY(done, deploy_patch_on_state_file(g, patch_deploy, a.key));
        if (done) return *done;
    }
    if (a.route.empty() || a.rpc.empty() || a.proxy.empty())
        return usage_error("deploy: --route, --rpc and --proxy are required (unless --patch names a patch on a state file)");
    DeployKeys keys;
    SUTURE_TRY(req, deploy_request(a, keys));
    if (c.patch > 0) SUTURE_CHECK(require_patch_ready(patch_deploy, req));
    chain::RpcClient rpc(a.rpc, rpc_options());
    deploy::MemoryRecorder recorder;
    auto options = deploy_send_options(a);
    auto path = ledger_for(c, manifest_ledger);
    if (!path) {
        SUTURE_TRY(chain_id, rpc.chain_id());
        deploy::TxSender sender(rpc, chain_id, recorder, options);
        return render_deploy(g, deploy::run_deploy(rpc, sender, req), recorder);
    }
    // Every step goes to the ledger before it is sent: `suture resume` continues from there.
    SUTURE_TRY(l, ledger::Ledger::open(*path, ledger::Access::write));
    std::optional<int64_t> patch;
    if (c.patch > 0) patch = c.patch;
    return render_deploy(g, pipeline::deploy_recorded(l, patch, deploy_args_json(a), rpc, req, options, recorder),
                         recorder);
}

Register reg("deploy", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("deploy", "Deploy a new implementation and upgrade a proxy through one route");
    auto c = std::make_shared<DeployCommand>();
    auto* a = &c->args;
    cmd->add_option("--route", a->route, "direct, proxy-admin, uups, beacon, diamond, timelock or safe");
    add_rpc_option(cmd, a->rpc)->required(false);
    cmd->add_option("--proxy", a->proxy, "The proxy (or diamond) to upgrade");
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
    add_ledger_option(cmd, c->ledger);
    cmd->add_option("--patch", c->patch,
                    "Deploy this patch of the ledger: refused unless its gates passed and reviewers approved its "
                    "current digest; its steps are recorded under it");
    cmd->add_option("--manifest", c->manifest, "suture.toml whose ledger records the deployment");
    cmd->callback([&g, c] { g.exit = exit_of(g, run(*c, g)); });
});

}  // namespace
}  // namespace suture::cli
