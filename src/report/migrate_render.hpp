// Output of `suture migrate` (text and --json): the snapshot summary, the
// claim tree, a plan (push or claim), an execution and a verification.
#pragma once

#include <string>

#include "pipeline/migrate_plan.hpp"
#include "pipeline/migrate_send.hpp"
#include "verify/merkle_tree.hpp"
#include "verify/migration_snapshot.hpp"
#include "verify/migration_verify.hpp"

namespace suture::report {

std::string render_migrate_snapshot(const verify::MigrationSnapshot& s, const std::string& file, const Bytes32& hash,
                                    bool json);
std::string render_migrate_claim(const std::string& table, size_t leaves, const Bytes32& root, const std::string& file,
                                 bool json);
std::string render_migrate_plan(const pipeline::MigrationPlan& p, const std::string& file, bool json);
std::string render_migrate_execution(const pipeline::MigrationExecution& e, const pipeline::MigrationPlan& p, bool json);
// An execution on a node: the ledger record, what a resumed run found of each recorded step.
std::string render_migrate_node_execution(const pipeline::NodeMigration& m, const pipeline::MigrationPlan& p,
                                          const std::string& ledger, bool json);
std::string render_migrate_verification(const verify::MigrationVerification& v, bool json);

// The proofs file of the claim strategy: root, leaf encoding, and per entry
// its values and proof (as OpenZeppelin's StandardMerkleTree dump lists them).
std::string migrate_proofs_json(const verify::SnapshotTable& table, const verify::MerkleTree& tree);

}  // namespace suture::report
