// The migration spec of `suture migrate` (docs/migrate.md): a TOML file with
// a [migrate] table naming the old contract, the tables of the snapshot (the
// events that name holders, the mappings read per holder, the push setter),
// the totals, and the push strategy's batch bound. Errors name file, line and key.
#pragma once

#include <string>

#include "core/result.hpp"
#include "pipeline/migrate_push.hpp"
#include "verify/migration_snapshot.hpp"

namespace suture::pipeline {

struct MigrateSpecFile {
    verify::MigrationSpec snapshot;
    PushSpec push;  // setters only for tables that declare one
    std::string paused_variable = "paused";
};

Result<MigrateSpecFile> load_migrate_spec(const std::string& path);

// The push plan as a file (what `migrate execute` runs and resumes from).
std::string push_plan_json(const PushPlan& plan);
Result<PushPlan> parse_push_plan(std::string_view text);

}  // namespace suture::pipeline
