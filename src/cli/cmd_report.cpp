// `suture report`: a patch's whole history from the ledger as Markdown, one
// HTML page, JSON or SARIF (docs/report.md). Exit 0; 1 when the ledger does
// not verify (the report is still written, and says so first) unless
// --allow-unverified; 2 for a missing patch or ledger.
#include <iostream>

#include "cli/command.hpp"
#include "cli/ledger_options.hpp"
#include "core/atomic_file.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"
#include "report/patch_render.hpp"

namespace suture::cli {
namespace {

struct ReportArgs {
    std::string ledger, manifest, format = "md", output;
    int64_t patch = 0;
    bool allow_unverified = false;
};

Result<int> run_report(const ReportArgs& a) {
    report::PatchReportOptions opts;
    std::string from_manifest;
    if (!a.manifest.empty()) {
        SUTURE_TRY(m, pipeline::load_manifest(a.manifest));
        from_manifest = m.ledger;
        opts.policy = m.policy;
    }
    if (a.patch > 0) opts.patch_id = a.patch;
    SUTURE_TRY(l, ledger::Ledger::open(ledger_path(a.ledger, from_manifest), ledger::Access::read));
    SUTURE_TRY(r, report::build_patch_report(l, opts));
    std::string text;
    if (a.format == "md") text = report::patch_markdown(r);
    else if (a.format == "html") text = report::patch_html(r);
    else if (a.format == "json") text = report::patch_json(r).dump(2) + "\n";
    else text = report::patch_sarif(r, SUTURE_VERSION).dump(2) + "\n";
    if (a.output.empty()) {
        std::cout << text;
    } else {
        SUTURE_CHECK(write_file_atomically(a.output, BytesView(reinterpret_cast<const uint8_t*>(text.data()), text.size())));
        std::cerr << "report of patch " << r.patch.id << " written to " << a.output << "\n";
    }
    if (r.integrity.intact) return 0;
    std::cerr << "warning: ledger " << r.ledger_path << " does not verify: " << r.integrity.problems.front()
              << (a.allow_unverified ? "" : " (the report says so; --allow-unverified exits 0)") << "\n";
    return a.allow_unverified ? 0 : 1;
}

Register reg("report", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("report", "Report a patch's history from the ledger: Markdown, HTML, JSON or SARIF");
    auto a = std::make_shared<ReportArgs>();
    cmd->add_option("--patch", a->patch, "Patch id (default: the latest patch)")->check(CLI::PositiveNumber);
    cmd->add_option("--format", a->format, "md (default), html, json or sarif")
        ->check(CLI::IsMember({"md", "html", "json", "sarif"}));
    cmd->add_option("-o,--output", a->output, "Write to FILE (atomically) instead of standard output");
    cmd->add_option("--manifest", a->manifest, "suture.toml whose [policy] counts the approvals (and names the ledger)");
    cmd->add_flag("--allow-unverified", a->allow_unverified,
                  "Exit 0 even when the ledger does not verify (the report still says so)");
    add_ledger_option(cmd, a->ledger);
    cmd->callback([&g, a] { g.exit = exit_of(g, run_report(*a)); });
});

}  // namespace
}  // namespace suture::cli
