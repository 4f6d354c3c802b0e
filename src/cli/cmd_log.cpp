// `suture log`: the ledger's audit chain, oldest first; `suture log verify`:
// recompute it (exit 0 intact, 1 naming the first bad record).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/ledger_options.hpp"
#include "core/hex.hpp"
#include "ledger/ledger.hpp"

namespace suture::cli {
namespace {

using nlohmann::json;

struct LogArgs {
    std::string ledger;
    int64_t after = 0;
    int64_t limit = INT64_MAX;
};

Result<int> run_log(GlobalOptions& g, const LogArgs& a) {
    SUTURE_TRY(l, ledger::Ledger::open(ledger_path(a.ledger), ledger::Access::read));
    SUTURE_TRY(events, l.log(a.after, a.limit));
    SUTURE_TRY(head, l.head());
    if (g.json) {
        json out = json::array();
        for (const auto& e : events)
            out.push_back({{"seq", e.seq}, {"kind", e.kind}, {"time", e.time}, {"data", e.data}, {"hash", to_hex(e.hash)}});
        std::cout << json{{"events", out}, {"head", {{"seq", head.seq}, {"hash", to_hex(head.hash)}}}}.dump() << "\n";
        return 0;
    }
    for (const auto& e : events)
        std::cout << "#" << e.seq << "  " << format_utc(e.time) << "  " << e.kind << "  " << e.data.dump() << "\n";
    std::cout << "head: record " << head.seq << ", hash " << to_hex(head.hash) << "\n";
    return 0;
}

Result<int> run_verify(GlobalOptions& g, const LogArgs& a) {
    const std::string path = ledger_path(a.ledger);
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::read));
    SUTURE_TRY(r, l.verify());
    if (g.json) {
        json problems = json::array();
        for (const auto& p : r.problems)
            problems.push_back({{"seq", p.seq}, {"kind", ledger::tamper_name(p.kind)}, {"message", p.message}});
        std::cout << json{{"intact", r.intact()}, {"records", r.records}, {"head", to_hex(r.head.hash)},
                          {"problems", problems}}
                         .dump()
                  << "\n";
    } else if (r.intact()) {
        std::cout << "ledger " << path << ": " << r.records << " records, audit chain intact; head " << to_hex(r.head.hash)
                  << "\n";
    } else {
        std::cout << "ledger " << path << ": tampered: " << r.problems.front().message << "\n";
        for (size_t i = 1; i < r.problems.size(); ++i) std::cout << "  also: " << r.problems[i].message << "\n";
    }
    return r.intact() ? 0 : 1;
}

Register reg("log", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("log", "Show the ledger's hash-chained audit log (`log verify` checks it)");
    auto a = std::make_shared<LogArgs>();
    add_ledger_option(cmd, a->ledger);
    cmd->add_option("--after", a->after, "Only records after this one");
    cmd->add_option("--limit", a->limit, "At most this many records");
    auto* verify = cmd->add_subcommand("verify", "Recompute the audit chain: exit 0 if intact, 1 naming the first bad record");
    add_ledger_option(verify, a->ledger);
    verify->callback([&g, a] { g.exit = exit_of(g, run_verify(g, *a)); });
    cmd->callback([&g, a, verify] {
        if (!verify->parsed()) g.exit = exit_of(g, run_log(g, *a));
    });
});

}  // namespace
}  // namespace suture::cli
