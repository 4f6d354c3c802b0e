// The migration spec of `suture migrate` (docs/migrate.md): a TOML file with
// a [migrate] table naming the old contract, the tables of the snapshot (the
// events that name holders, the mappings read per holder, the push setter),
// the totals, the push strategy's setters and batch bound, the claim
// strategy's functions. Errors name file, line and key.
#pragma once

#include <string>

#include "core/result.hpp"
#include "pipeline/migrate_plan.hpp"
#include "verify/migration_snapshot.hpp"

namespace suture::pipeline {

struct MigrateSpecFile {
    verify::MigrationSpec snapshot;
    MigrationCalls calls;  // setters and claims only for tables that declare one
    std::string paused_variable = "paused";
};

Result<MigrateSpecFile> load_migrate_spec(const std::string& path);

}  // namespace suture::pipeline
