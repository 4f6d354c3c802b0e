// `suture patch new|list|show`: patches in the ledger, each made from a
// manifest's [patch]; show prints its gate runs, verdicts, digest and approvals.
#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/ledger_options.hpp"
#include "cli/patch_options.hpp"
#include "report/pipeline_render.hpp"

namespace suture::cli {
namespace {

struct PatchArgs {
    PatchOptions opt;
    int64_t incident = 0;
    int64_t id = 0;
};

Result<int> run_new(GlobalOptions& g, const PatchArgs& a) {
    SUTURE_TRY(m, pipeline::load_manifest(a.opt.manifest));
    SUTURE_TRY(l, ledger::Ledger::open(ledger_path(a.opt.ledger, m.ledger), ledger::Access::write));
    ledger::PatchInput in;
    in.name = m.patch.name;
    in.manifest = std::filesystem::absolute(m.path).lexically_normal().string();
    if (a.incident > 0) {
        SUTURE_TRY(i, l.incident(a.incident));
        in.incident_id = i.id;
    }
    SUTURE_TRY(id, l.add_patch(in));
    SUTURE_TRY(p, l.patch(id));
    if (g.json) std::cout << report::patch_record_json({p, {}, {}, {}, {}}).dump() << "\n";
    else std::cout << "patch " << id << " created: " << p.info.name << " (" << p.info.manifest << ")\nnext: suture run --patch " << id << "\n";
    return 0;
}

Result<int> run_list(GlobalOptions& g, const PatchArgs& a) {
    SUTURE_TRY(path, patch_ledger_path(a.opt));
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::read));
    SUTURE_TRY(all, l.patches());
    if (g.json) {
        nlohmann::json out = nlohmann::json::array();
        for (const auto& p : all) out.push_back(report::patch_record_json({p, {}, {}, {}, {}}));
        std::cout << out.dump() << "\n";
    } else {
        std::cout << report::patch_list_text(all);
    }
    return 0;
}

Result<int> run_show(GlobalOptions& g, const PatchArgs& a) {
    SUTURE_TRY(path, patch_ledger_path(a.opt));
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::read));
    report::PatchRecord rec;
    SUTURE_TRY(p, l.patch(a.id));
    rec.patch = std::move(p);
    SUTURE_TRY(runs, l.gate_runs(a.id));
    rec.runs = std::move(runs);
    SUTURE_TRY(digest, l.latest_patch_digest(a.id));
    rec.digest = std::move(digest);
    auto m = pipeline::load_manifest(rec.patch.info.manifest);
    if (!m) {
        rec.policy_error = m.error().message;
    } else if (rec.digest) {
        SUTURE_TRY(records, l.approvals(rec.digest->digest));
        std::vector<ledger::Approval> approvals;
        for (const auto& r : records) approvals.push_back(r.approval);
        rec.tally = ledger::tally_approvals(m->policy, rec.digest->digest, approvals);
    }
    if (g.json) std::cout << report::patch_record_json(rec).dump(2) << "\n";
    else std::cout << report::patch_record_text(rec);
    return 0;
}

Register reg("patch", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("patch", "Create, list and show patches in the ledger");
    cmd->require_subcommand(1);
    auto a = std::make_shared<PatchArgs>();

    auto* create = cmd->add_subcommand("new", "Record a patch made from the manifest's [patch]");
    add_patch_options(create, a->opt);
    create->add_option("--incident", a->incident, "The incident the patch answers (suture incident open)")
        ->check(CLI::PositiveNumber);
    create->callback([&g, a] { g.exit = exit_of(g, run_new(g, *a)); });

    auto* list = cmd->add_subcommand("list", "List patches, oldest first");
    add_patch_options(list, a->opt);
    list->callback([&g, a] { g.exit = exit_of(g, run_list(g, *a)); });

    auto* show = cmd->add_subcommand("show", "Show a patch: gate runs, verdicts, digest, approvals");
    add_patch_options(show, a->opt);
    show->add_option("id", a->id, "Patch id")->required()->check(CLI::PositiveNumber);
    show->callback([&g, a] { g.exit = exit_of(g, run_show(g, *a)); });
});

}  // namespace
}  // namespace suture::cli
