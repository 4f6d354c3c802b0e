// The claim strategy of `suture migrate` (issue 16): the owner writes the
// Merkle roots of the claimed tables to the new contract (one
// OpenZeppelin StandardMerkleTree per table, verify/merkle_tree.hpp), then a
// relayer claims every entry with its proof, verified on chain by
// MerkleProof. Each claim is one step (migrate/claim/N), done once the new
// contract's `claimed` view says so.
#pragma once

#include "pipeline/migrate_plan.hpp"
#include "verify/merkle_tree.hpp"
#include "verify/migration_snapshot.hpp"

namespace suture::pipeline {

// The tree over one table: leaf i = the entry i's keys and columns, encoded
// as the table's key and column types.
Result<verify::MerkleTree> claim_tree(const verify::SnapshotTable& table);

// Pause, deploy, roots, then one claim per entry of each table of
// calls.claims, all simulated on an overlay of `chain` (nothing is written).
Result<MigrationPlan> plan_claim(const verify::MigrationSnapshot& snapshot, const MigrationCalls& calls,
                                 const PlanChain& chain, const Address& owner, const Address& relayer,
                                 const Bytes& new_init_code);

}  // namespace suture::pipeline
