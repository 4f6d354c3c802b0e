// Options shared by the sub-commands that work on one patch (patch show,
// run, status, deploy --patch): the manifest that names the ledger, the
// ledger, and the patch (default: the latest). A patch's own manifest is the
// one its ledger row names (`suture patch new` records it), so a run always
// reads the manifest the patch was made from.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdint>
#include <string>

#include "core/result.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"

namespace suture::cli {

struct PatchOptions {
    std::string manifest = "suture.toml";
    std::string ledger;
    int64_t patch = 0;  // 0: the latest patch
};

// --manifest, --ledger, and (with `patch_help`) --patch.
void add_patch_options(CLI::App* cmd, PatchOptions& o, const std::string& patch_help = {});

// --ledger, else the ledger key of --manifest when that file exists, else
// $SUTURE_LEDGER or ./suture.ledger (ledger_options.hpp).
Result<std::string> patch_ledger_path(const PatchOptions& o);

struct ResolvedPatch {
    ledger::Patch patch;
    pipeline::Manifest manifest;  // the patch's own
};

// --patch (or the latest patch) and its manifest, loaded.
Result<ResolvedPatch> resolve_patch(ledger::Ledger& l, const PatchOptions& o);

}  // namespace suture::cli
