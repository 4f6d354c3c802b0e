// `suture migrate verify`: every snapshot entry read back from the new
// contract equals the snapshot; each declared total of the new contract equals
// the sum of its column and the old contract's own total; the old contract is
// paused. Each mismatch names the table, the key (the account) and the field.
#pragma once

#include <string>
#include <vector>

#include "verify/migration_snapshot.hpp"

namespace suture::verify {

struct MigrationTargets {
    Address old_contract, new_contract;
    const solidity::ContractStorage* old_layout = nullptr;
    const solidity::ContractStorage* new_layout = nullptr;
    std::string paused_variable = "paused";  // a bool of the old contract; empty: not checked
};

struct MigrationMismatch {
    std::string table, field;
    std::vector<abi::AbiValue> key;  // empty for a total or the pause
    std::string expected, actual;
    std::string message;             // one line: "accounts 0xAb..: deposits is 6, the snapshot has 5"
};

struct MigrationVerification {
    size_t entries_checked = 0, values_checked = 0;
    std::vector<MigrationMismatch> mismatches;
    bool ok() const { return mismatches.empty(); }
};

// `spec` is the migration's spec (its tables name the new contract's mappings,
// which keep the old names); `snapshot` the file the migration wrote from.
Result<MigrationVerification> verify_migration(const MigrationSpec& spec, const MigrationSnapshot& snapshot,
                                               const MigrationTargets& targets, evm::StateBackend& state);

}  // namespace suture::verify
