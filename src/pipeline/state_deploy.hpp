// `suture deploy --patch ID` on the embedded default: the upgrade executed by
// the in-process EVM on the manifest's local state file, after the deploy
// readiness check (deploy_readiness.hpp) passed. The same execution as the
// simulate gate (upgrade_exec.hpp), from the key's account, committed to the
// file only when every step succeeded and no route rule fired (the file is
// replaced atomically: nothing half-written). Recorded in the ledger as one
// "deploy.state_file" audit event (a state file has no signed transactions,
// so there are no deploy_steps rows to resume from).
#pragma once

#include <cstdint>

#include "chain/keys.hpp"
#include "core/result.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/upgrade_exec.hpp"

namespace suture::pipeline {

inline constexpr const char* kStateDeployEvent = "deploy.state_file";

struct StateDeployOutcome {
    UpgradeExecution execution;
    std::string file;
    int64_t block = 0;       // the block the upgrade ran in
    int64_t record_seq = 0;  // the ledger's audit record of it
};

// `key` makes the calls (deploys and upgrades): it must be the account the
// route's authority is. A failed step or a route-rule finding is a findings
// error and leaves the file as it was.
Result<StateDeployOutcome> deploy_on_state_file(const Manifest& m, TargetChain& chain, const PatchCode& code,
                                                const chain::SecretKey& key, ledger::Ledger& l, int64_t patch_id);

}  // namespace suture::pipeline
