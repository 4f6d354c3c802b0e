// `suture deploy --patch ID`: the deploy readiness check (pipeline/
// deploy_readiness.hpp) before anything is sent, and, when the patch's chain
// is a local state file (the embedded default), the deployment itself
// (pipeline/state_deploy.hpp).
#pragma once

#include <optional>
#include <string>

#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "deploy/route.hpp"

namespace suture::cli {

struct PatchDeployOptions {
    int64_t patch = 0;
    std::string ledger, manifest;
};

// When the patch's chain is a state file: checks readiness, deploys with
// `key`, prints the outcome, and returns the exit code. nullopt when the
// chain is a node (the caller deploys, after require_patch_ready).
Result<std::optional<int>> deploy_patch_on_state_file(const GlobalOptions& g, const PatchDeployOptions& o,
                                                      const KeyOptions& key);

// Node-backed: the readiness of the patch, and `req` (route, proxy, artifact,
// initializer) against the reviewed digest. A findings error naming
// everything missing, or ok.
Status require_patch_ready(const PatchDeployOptions& o, const deploy::DeployRequest& req);

}  // namespace suture::cli
