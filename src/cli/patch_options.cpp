#include "cli/patch_options.hpp"

#include <filesystem>

#include "cli/ledger_options.hpp"

namespace suture::cli {

void add_patch_options(CLI::App* cmd, PatchOptions& o, const std::string& patch_help) {
    cmd->add_option("--manifest", o.manifest, "suture.toml that names the ledger (default ./suture.toml)");
    add_ledger_option(cmd, o.ledger);
    if (!patch_help.empty()) cmd->add_option("--patch", o.patch, patch_help)->check(CLI::PositiveNumber);
}

Result<std::string> patch_ledger_path(const PatchOptions& o) {
    if (!o.ledger.empty() || !std::filesystem::exists(o.manifest)) return ledger_path(o.ledger);
    SUTURE_TRY(m, pipeline::load_manifest(o.manifest));
    return ledger_path(o.ledger, m.ledger);
}

Result<ResolvedPatch> resolve_patch(ledger::Ledger& l, const PatchOptions& o) {
    ResolvedPatch r;
    if (o.patch > 0) {
        SUTURE_TRY(p, l.patch(o.patch));
        r.patch = std::move(p);
    } else {
        SUTURE_TRY(all, l.patches());
        if (all.empty()) return input_error("ledger " + l.path() + " has no patch yet: suture patch new");
        r.patch = all.back();
    }
    auto m = pipeline::load_manifest(r.patch.info.manifest);
    if (!m) return std::move(m).error().context("patch " + std::to_string(r.patch.id) + "'s manifest");
    r.manifest = std::move(*m);
    return r;
}

}  // namespace suture::cli
