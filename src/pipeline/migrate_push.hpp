// The push strategy of `suture migrate` (issue 16): the new contract has a
// migration mode (owner-only batch setters, closed for good by finalize());
// the plan writes the snapshot in gas-bounded numbered batches. The new
// contract accepts only batch nextBatch(), so a batch can be neither written
// twice nor skipped, and the chain itself says how far a run came.
#pragma once

#include "pipeline/migrate_plan.hpp"
#include "verify/migration_snapshot.hpp"

namespace suture::pipeline {

// Simulates the whole migration on an overlay of `chain` (nothing is
// written) and sizes each batch to stay under calls.max_batch_gas.
Result<MigrationPlan> plan_push(const verify::MigrationSnapshot& snapshot, const MigrationCalls& calls,
                                const PlanChain& chain, const Address& owner, const Bytes& new_init_code);

// Rebuilds one batch's call data (tests corrupt a batch with it).
Result<Bytes> push_batch_calldata(const verify::SnapshotTable& table, const PushSetter& setter, uint64_t batch,
                                  size_t first, size_t count);

}  // namespace suture::pipeline
