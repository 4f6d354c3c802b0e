// `suture demo`: the whole patching process on the derivatives venue of
// examples/venue in one command (demo/demo_run.hpp does it; this renders its
// steps). On a terminal: a narrative with each step's time, colour, and a
// progress line on the long steps (on stderr, only when stderr is a terminal);
// elsewhere (a log, CI) one plain line per step and nothing else. The
// summary ends with the report's path. Exit 0 when every step turned out as
// the demo expects, 1 when one did not, 2/3 for input and chain errors.
#include <unistd.h>

#include <filesystem>
#include <iostream>

#include <nlohmann/json.hpp>

#include "cli/command.hpp"
#include "cli/status_line.hpp"
#include "core/units.hpp"
#include "demo/demo_run.hpp"

namespace suture::cli {
namespace {

namespace fs = std::filesystem;

struct DemoArgs {
    demo::DemoOptions opt;
    bool no_wrong_fixes = false;
};

std::string seconds(std::chrono::milliseconds ms) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.1f s", double(ms.count()) / 1000.0);
    return buf;
}

// The narrative: `out` for the steps (coloured when it is a terminal), and a
// progress line rewritten in place on stderr when stderr is a terminal. Not on
// a terminal there is no progress at all: a CI log gets the step lines only.
class Narrative : public demo::DemoObserver {
public:
    Narrative(std::ostream& out, bool tty, bool live) : out_(out), tty_(tty), live_(live), status_(true) {}

    void section(const std::string& title) override {
        status_.clear();
        if (tty_) out_ << "\n\033[1m" << title << "\033[0m\n";
        else out_ << "\n== " << title << "\n";
        out_.flush();
    }
    void begin(const std::string& id, const std::string& title) override {
        titles_[id] = title;
        if (live_) status_.show("  ... " + title);
    }
    void progress(const std::string& id, uint64_t done, uint64_t total) override {
        if (!live_) return;
        std::string line = "  ... " + titles_[id] + "  ";
        if (total > 0) {
            const size_t width = 24, filled = size_t(width * std::min(done, total) / total);
            line += "[" + std::string(filled, '#') + std::string(width - filled, '.') + "] " + std::to_string(done) +
                    "/" + std::to_string(total);
        } else {
            line += std::to_string(done);
        }
        status_.show(line);
    }
    void note(const std::string& id, const std::string& line) override {
        status_.clear();
        out_ << (tty_ ? "      " : "  " + id + ": ") << line << "\n";
        out_.flush();
    }
    void end(const std::string& id, const demo::StepEnd& e) override {
        status_.clear();
        const std::string& title = titles_[id];
        if (tty_) {
            const char* mark = e.status == demo::StepStatus::ok ? "\033[32m✓\033[0m"
                               : e.status == demo::StepStatus::failed ? "\033[31m✗\033[0m"
                                                                      : "\033[33m–\033[0m";
            out_ << "  " << mark << " " << title << "  \033[2m" << seconds(e.elapsed) << "\033[0m\n"
                 << "      " << e.summary << "\n";
            for (const auto& d : e.detail) out_ << "      \033[2m" << d << "\033[0m\n";
        } else {
            out_ << "[" << demo::step_status_name(e.status) << "] " << id << " (" << seconds(e.elapsed) << "): " << title
                 << ": " << e.summary << "\n";
            for (const auto& d : e.detail) out_ << "    " << d << "\n";
        }
        out_.flush();
    }

private:
    std::ostream& out_;
    bool tty_;   // `out` is a terminal: colour and marks
    bool live_;  // stderr is a terminal: the progress line
    StatusLine status_;
    std::map<std::string, std::string> titles_;
};

std::string vusd(const uint256& v) { return format_units(v, 18) + " vUSD"; }

nlohmann::json summary_json(const demo::DemoSummary& s) {
    nlohmann::json gates = nlohmann::json::object();
    for (const auto& [g, v] : s.fix_gates) gates[g] = v;
    nlohmann::json wrong = nlohmann::json::array();
    for (const auto& w : s.wrong_fixes)
        wrong.push_back({{"contract", w.contract}, {"expected_stop", w.expected_stop}, {"stopped_at", w.stopped_at},
                         {"as_expected", w.as_expected}, {"patch", w.patch_id}});
    return {{"ok", s.ok},
            {"chain", s.embedded ? "embedded" : "rpc"},
            {"history_transactions", s.history_transactions},
            {"pool_before", s.pool_before.to_dec()},
            {"exploit_drain", s.exploit_drain.to_dec()},
            {"drained_before_pause", s.drained_before_pause.to_dec()},
            {"saved", s.saved.to_dec()},
            {"detector", s.detector},
            {"firing_attack_tx", s.firing_attack_tx},
            {"attack_txs_blocked", s.attack_txs_blocked},
            {"fix_gates", gates},
            {"approvals", s.approvals},
            {"threshold", s.threshold},
            {"deployed", s.deployed},
            {"verified", s.verified},
            {"unpaused", s.unpaused},
            {"wrong_fixes", wrong},
            {"report", {{"markdown", s.report.markdown}, {"html", s.report.html}}},
            {"unavailable", s.unavailable},
            {"elapsed_ms", s.elapsed.count()}};
}

void print_summary(std::ostream& out, const demo::DemoSummary& s) {
    out << "\n" << (s.ok ? "demo: every step as expected" : "demo: NOT every step turned out as expected") << " ("
        << seconds(s.elapsed) << ", " << (s.embedded ? "embedded chain " : "chain ") << s.chain_url << ")\n"
        << "  the exploit drains      " << vusd(s.exploit_drain) << " unchecked\n"
        << "  the monitor             " << (s.detector.empty() ? "did not fire" : s.detector + " fired on attack tx " +
                                                                                       std::to_string(s.firing_attack_tx))
        << "; drained " << vusd(s.drained_before_pause) << " before the pause, saved " << vusd(s.saved) << "\n"
        << "  the fix's gates        ";
    for (const auto& [g, v] : s.fix_gates) out << " " << g << ":" << v;
    out << "\n  approvals               " << s.approvals << " of threshold " << s.threshold << "\n"
        << "  deployed / verified / unpaused  " << (s.deployed ? "yes" : "no") << " / " << (s.verified ? "yes" : "no")
        << " / " << (s.unpaused ? "yes" : "no") << "\n";
    for (const auto& w : s.wrong_fixes)
        out << "  wrong fix " << w.contract << ": stopped at " << (w.stopped_at.empty() ? "nothing" : w.stopped_at)
            << (w.as_expected ? " (as it should)" : " (expected " + w.expected_stop + ")") << "\n";
    for (const auto& u : s.unavailable) out << "  not available yet: " << u << "\n";
    if (!s.report.html.empty()) out << "report: " << s.report.html << "\n        " << s.report.markdown << "\n";
}

// The directory holding the running binary (/proc/self/exe); "" when unknown.
fs::path binary_dir() {
    std::error_code ec;
    auto p = fs::read_symlink("/proc/self/exe", ec);
    return ec ? fs::path() : p.parent_path();
}

// Defaults beside the build: BUILD/examples/venue.json, and the Safe
// artifacts of the npm package in the first node_modules up from the binary.
void default_artifacts(demo::VenueArtifacts& a) {
    const fs::path bin = binary_dir();
    if (a.venue_build.empty() && !bin.empty()) a.venue_build = (bin / "examples" / "venue.json").string();
    if (a.safe_artifacts.empty())
        for (fs::path d = bin; !d.empty(); d = d.parent_path()) {
            auto c = d / "node_modules/@safe-global/safe-contracts/build/artifacts/contracts";
            if (fs::is_directory(c)) {
                a.safe_artifacts = c.string();
                break;
            }
            if (d == d.parent_path()) break;
        }
}

Result<int> run(GlobalOptions& g, DemoArgs& a) {
    default_artifacts(a.opt.artifacts);
    if (a.opt.artifacts.venue_build.empty() || !fs::exists(a.opt.artifacts.venue_build))
        return usage_error("demo: the venue build " + a.opt.artifacts.venue_build +
                           " is missing: build the target examples_venue, or give --venue-build");
    if (a.opt.artifacts.safe_artifacts.empty())
        return usage_error("demo: the Safe contracts' artifacts were not found in a node_modules above the binary "
                           "(run scripts/setup.sh), or give --safe-artifacts");
    a.opt.wrong_fixes = !a.no_wrong_fixes;
    // With --json the narrative goes to stderr and the summary is the JSON on stdout.
    std::ostream& out = g.json ? std::cerr : std::cout;
    const bool tty = isatty(g.json ? STDERR_FILENO : STDOUT_FILENO) == 1;
    Narrative narrative(out, tty, isatty(STDERR_FILENO) == 1);
    SUTURE_TRY(s, demo::run_demo(a.opt, narrative));
    if (g.json) std::cout << summary_json(s).dump(2) << "\n";
    print_summary(out, s);
    return s.ok ? 0 : 1;
}

Register reg("demo", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand(
        "demo", "The whole patching process on an example derivatives venue: attack, monitor and pause, incident, "
                "gates, approvals, timelock deploy through a Safe, verification, unpause, reports");
    auto a = std::make_shared<DemoArgs>();
    cmd->add_option("--dir", a->opt.dir, "Work dir for the chain, manifests, ledger and reports (default ./suture-demo)");
    cmd->add_option("--rpc", a->opt.rpc,
                    "A dev node's JSON-RPC URL (anvil: the demo funds its keys and moves the clock); default: the "
                    "embedded chain, no node");
    cmd->add_option("--users", a->opt.users, "Users in the venue's history (default 24)")->check(CLI::Range(4, 200));
    cmd->add_option("--rounds", a->opt.rounds, "Rounds of history (default 6)")->check(CLI::Range(1, 100));
    cmd->add_option("--fuzz-runs", a->opt.fuzz_runs, "Fuzz sequences per fuzz and invariants gate (default 200)")
        ->check(CLI::Range(1, 1000000));
    cmd->add_flag("--no-wrong-fixes", a->no_wrong_fixes, "Stop after the fix (skip the four wrong fixes)");
    cmd->add_option("--venue-build", a->opt.artifacts.venue_build,
                    "solc standard JSON of examples/venue (default: examples/venue.json beside the binary)");
    cmd->add_option("--safe-artifacts", a->opt.artifacts.safe_artifacts,
                    "@safe-global/safe-contracts/build/artifacts/contracts (default: found in node_modules)");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(g, *a)); });
});

}  // namespace
}  // namespace suture::cli
