// `suture incident open|list|show`: incidents recorded in the ledger.
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/ledger_options.hpp"
#include "ledger/ledger.hpp"

namespace suture::cli {
namespace {

using nlohmann::json;

struct IncidentArgs {
    std::string ledger;
    ledger::IncidentInput in;
    int64_t id = 0;
};

json incident_json(const ledger::Incident& i) {
    return {{"id", i.id},
            {"seq", i.seq},
            {"time", i.time},
            {"title", i.info.title},
            {"severity", i.info.severity},
            {"description", i.info.description}};
}

Result<int> run_open(GlobalOptions& g, const IncidentArgs& a) {
    SUTURE_TRY(l, ledger::Ledger::open(ledger_path(a.ledger), ledger::Access::write));
    SUTURE_TRY(id, l.open_incident(a.in));
    SUTURE_TRY(i, l.incident(id));
    if (g.json) std::cout << incident_json(i).dump() << "\n";
    else std::cout << "incident " << id << " opened (" << i.info.severity << "): " << i.info.title << "\n";
    return 0;
}

Result<int> run_list(GlobalOptions& g, const IncidentArgs& a) {
    SUTURE_TRY(l, ledger::Ledger::open(ledger_path(a.ledger), ledger::Access::read));
    SUTURE_TRY(all, l.incidents());
    if (g.json) {
        json out = json::array();
        for (const auto& i : all) out.push_back(incident_json(i));
        std::cout << out.dump() << "\n";
        return 0;
    }
    if (all.empty()) std::cout << "no incidents\n";
    for (const auto& i : all)
        std::cout << i.id << "  " << format_utc(i.time) << "  " << i.info.severity << "  " << i.info.title << "\n";
    return 0;
}

Result<int> run_show(GlobalOptions& g, const IncidentArgs& a) {
    SUTURE_TRY(l, ledger::Ledger::open(ledger_path(a.ledger), ledger::Access::read));
    SUTURE_TRY(i, l.incident(a.id));
    if (g.json) {
        std::cout << incident_json(i).dump() << "\n";
        return 0;
    }
    std::cout << "incident " << i.id << ": " << i.info.title << "\n"
              << "  severity:    " << i.info.severity << "\n"
              << "  opened:      " << format_utc(i.time) << " (audit record " << i.seq << ")\n";
    if (!i.info.description.empty()) std::cout << "  description: " << i.info.description << "\n";
    return 0;
}

Register reg("incident", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("incident", "Open, list and show incidents in the ledger");
    cmd->require_subcommand(1);
    auto a = std::make_shared<IncidentArgs>();

    auto* open = cmd->add_subcommand("open", "Record a new incident");
    add_ledger_option(open, a->ledger);
    open->add_option("--title", a->in.title, "What happened, in one line")->required();
    open->add_option("--severity", a->in.severity, "low, medium, high (default) or critical");
    open->add_option("--description", a->in.description, "Details");
    open->callback([&g, a] { g.exit = exit_of(g, run_open(g, *a)); });

    auto* list = cmd->add_subcommand("list", "List incidents, oldest first");
    add_ledger_option(list, a->ledger);
    list->callback([&g, a] { g.exit = exit_of(g, run_list(g, *a)); });

    auto* show = cmd->add_subcommand("show", "Show one incident");
    add_ledger_option(show, a->ledger);
    show->add_option("id", a->id, "Incident id")->required();
    show->callback([&g, a] { g.exit = exit_of(g, run_show(g, *a)); });
});

}  // namespace
}  // namespace suture::cli
