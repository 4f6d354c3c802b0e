// Shipping a reviewed patch through a TimelockController whose proposer is a
// Safe, in the steps a team takes: the deploy readiness check (gates passed on
// today's inputs, the digest recomputed and approved: pipeline/
// deploy_readiness.hpp), then `schedule` (the new implementation deployed and
// the upgrade scheduled by a Safe transaction), the delay waited out, then
// `execute` (a Safe transaction again) with post-deploy verification. Each
// run is deploy::run_deploy recorded in the ledger under the patch
// (pipeline/recorded_deploy.hpp): every transaction is recorded before it is
// sent. Nothing prints.
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include "chain/keys.hpp"
#include "chain/rpc_client.hpp"
#include "core/result.hpp"
#include "deploy/route.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"

namespace suture::demo {

struct ShipKeys {
    const chain::SecretKey* deployer = nullptr;          // deploys the implementation
    std::vector<const chain::SecretKey*> safe_owners;   // the Safe's threshold of owner keys
    Address safe;                                       // holds PROPOSER_ROLE and EXECUTOR_ROLE
};

// Refuses (a findings error listing everything unmet) unless patch
// `patch_id` may be deployed through the timelock route now.
Status require_ready(const pipeline::Manifest& m, ledger::Ledger& l, int64_t patch_id);

// One timelock step (schedule or execute) of the patch's upgrade.
// `implementation`: the one deployed by the schedule step (execute), unset
// to deploy it (schedule). The outcome carries the transactions sent, the
// operation id, and for execute the post-deploy verification.
Result<deploy::DeployOutcome> timelock_step(const pipeline::Manifest& m, ledger::Ledger& l, int64_t patch_id,
                                            chain::RpcClient& rpc, const ShipKeys& keys,
                                            deploy::TimelockOptions::Step step,
                                            const std::optional<Address>& implementation);

}  // namespace suture::demo
