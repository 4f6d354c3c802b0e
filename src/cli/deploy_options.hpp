// What `suture deploy` is given, shared with `suture resume`: the arguments,
// the deploy request they make, their JSON form (kept in the ledger's
// deploy.plan record, so resume rebuilds the same request with nothing
// re-typed; keys are stored as where they come from, never as keys), and the
// rendering of a deployment's outcome.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "deploy/route.hpp"

namespace suture::cli {

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

// The arguments as JSON (integers and strings only: the ledger's canonical
// JSON), every file path made absolute so resume works from any directory.
nlohmann::json deploy_args_json(const DeployArgs& a);
// Back from deploy_args_json; errors name the field.
Result<DeployArgs> deploy_args_of(const nlohmann::json& j);

// The keys a request points into (it holds raw pointers).
struct DeployKeys {
    std::unique_ptr<chain::SecretKey> admin, deployer, executor;
    std::vector<std::unique_ptr<chain::SecretKey>> owners;
};

// Parses and loads everything the arguments name (builds, keys).
Result<deploy::DeployRequest> deploy_request(const DeployArgs& a, DeployKeys& keys);

// Confirmations and time-outs, and a line on stderr for each wait.
deploy::SendOptions deploy_send_options(const DeployArgs& a);

// Prints the outcome (text or JSON) and maps it to the exit code: an error
// first, then what went out before it. `extra` (an object) joins the JSON.
Result<int> render_deploy(const GlobalOptions& g, const Result<deploy::DeployOutcome>& out,
                          const deploy::MemoryRecorder& sent, const nlohmann::json& extra = nlohmann::json::object());

}  // namespace suture::cli
