// `suture pause TARGET...` / `suture unpause TARGET...`: stop (or restart)
// targets through their pause function, sent by a guardian key or through a
// Safe (respond/pause.hpp), then verified. One JSON line per target on
// stdout; an event per target in the ledger when there is one.
#include <filesystem>
#include <iostream>
#include <memory>

#include "chain/rpc_client.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "cli/ledger_options.hpp"
#include "cli/rpc_options.hpp"
#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"
#include "respond/pause.hpp"
#include "respond/pause_record.hpp"

namespace suture::cli {
namespace {

struct PauseArgs {
    respond::PauseAction action = respond::PauseAction::pause;
    std::vector<std::string> targets;
    std::string rpc, function, check, manifest, ledger;
    KeyOptions key;
    double replace_after_s = 30, timeout_s = 300;
    unsigned max_replacements = 5;
    std::string min_tip_wei;
    std::string safe, safe_file;
    std::vector<std::string> owner_key_env, owner_key_file;
    std::optional<int64_t> incident;
};

// TARGET: an address, or a [targets] name of the manifest.
Result<Address> resolve_target(const std::string& text, const pipeline::Manifest* m) {
    if (m)
        if (const auto* t = m->target(text)) return t->address;
    auto a = parse_address(text);
    if (!a) return usage_error("target " + text + ": not an address" + (m ? " nor a [targets] name of " + m->path : ""));
    return *a;
}

// The ledger to record in: --ledger, the manifest's, or the default one if it exists.
std::optional<std::string> ledger_file(const PauseArgs& a, const pipeline::Manifest* m) {
    if (!a.ledger.empty()) return ledger_path(a.ledger);
    if (m) return m->ledger;
    std::string fallback = ledger_path("");
    if (std::filesystem::exists(fallback)) return fallback;
    return std::nullopt;
}

Result<int> run(const PauseArgs& a) {
    const char* verb = respond::pause_action_name(a.action);
    std::optional<pipeline::Manifest> manifest;
    if (!a.manifest.empty()) {
        SUTURE_TRY(m, pipeline::load_manifest(a.manifest));
        manifest = std::move(m);
    }
    const pipeline::Manifest* m = manifest ? &*manifest : nullptr;

    respond::PauseRequest req;
    req.action = a.action;
    req.function = a.function;
    req.check = a.check;
    for (const auto& t : a.targets) {
        SUTURE_TRY(addr, resolve_target(t, m));
        req.targets.push_back(addr);
    }
    req.replace_after = std::chrono::milliseconds(int64_t(a.replace_after_s * 1000));
    req.timeout = std::chrono::milliseconds(int64_t(a.timeout_s * 1000));
    req.max_replacements = a.max_replacements;
    if (!a.min_tip_wei.empty()) {
        auto tip = uint256::parse(a.min_tip_wei);
        if (!tip) return usage_error("--min-tip " + a.min_tip_wei + ": " + tip.error().message);
        req.min_tip = *tip;
    }
    req.on_sent = [&](const Address& target, const Bytes32& hash, unsigned attempt) {
        std::cerr << verb << " " << to_checksum(target) << ": "
                  << (attempt ? "replacement " + std::to_string(attempt) + " " : std::string("sent ")) << to_hex(hash)
                  << "\n";
    };

    // Open the ledger before anything is sent: a pause that cannot be
    // recorded is found out now, not after the fact.
    std::optional<ledger::Ledger> book;
    if (auto path = ledger_file(a, m)) {
        SUTURE_TRY(l, ledger::Ledger::open(*path, ledger::Access::write));
        if (a.incident) SUTURE_CHECK(l.incident(*a.incident));
        book = std::move(l);
    } else if (a.incident) {
        return usage_error("--incident needs a ledger (--ledger or --manifest)");
    }

    chain::RpcClient rpc(a.rpc, rpc_options());
    std::vector<respond::PauseOutcome> outcomes;
    if (!a.safe.empty()) {
        SUTURE_TRY(safe, parse_address(a.safe));
        std::vector<std::unique_ptr<chain::SecretKey>> keys;
        for (const auto& e : a.owner_key_env) {
            SUTURE_TRY(k, load_key(e, ""));
            keys.push_back(std::move(k));
        }
        for (const auto& f : a.owner_key_file) {
            SUTURE_TRY(k, load_key("", f));
            keys.push_back(std::move(k));
        }
        respond::SafePause s;
        s.safe = safe;
        s.batch_file = a.safe_file;
        for (const auto& k : keys) s.owners.push_back(k.get());
        SUTURE_TRY(o, respond::pause_via_safe(rpc, req, s));
        outcomes = std::move(o);
    } else {
        SUTURE_TRY(key, a.key.load());
        if (!key)
            return usage_error(std::string(verb) +
                               " needs a guardian key (--key-env, --key-file or --keystore) or a Safe (--safe)");
        SUTURE_TRY(o, respond::pause_direct(rpc, req, *key));
        outcomes = std::move(o);
    }

    int exit = 0;
    for (const auto& o : outcomes) {
        std::cout << respond::pause_outcome_json(o).dump() << "\n";
        if (o.error) exit = std::max(exit, exit_code(o.error->kind));
    }
    std::cout.flush();
    if (book) {
        auto seqs = respond::record_pauses(*book, outcomes, a.incident);
        if (!seqs) return Error(seqs.error()).context("ledger " + book->path());
    }
    return exit;
}

void add(CLI::App& app, GlobalOptions& g, respond::PauseAction action) {
    const bool pausing = action == respond::PauseAction::pause;
    auto* cmd = app.add_subcommand(pausing ? "pause" : "unpause",
                                   pausing ? "Pause targets (Pausable, a pauser role, or --function), then verify"
                                           : "Unpause targets, then verify");
    auto a = std::make_shared<PauseArgs>();
    a->action = action;
    cmd->add_option("targets", a->targets, "Target addresses (or [targets] names with --manifest)")->required();
    add_rpc_option(cmd, a->rpc);
    add_key_options(cmd, a->key,
                    {"Env var holding the guardian key", "File (mode 0600) holding the guardian key",
                     "Keystore v3 file of the guardian (password: $SUTURE_PASSWORD or prompt)"});
    cmd->add_option("--function", a->function,
                    std::string("The call that ") + (pausing ? "pauses" : "unpauses") + ", without arguments (default " +
                        (pausing ? "pause()" : "unpause()") + ")");
    cmd->add_option("--check", a->check, "View returning true while paused (default paused()(bool))");
    cmd->add_option("--replace-after", a->replace_after_s,
                    "Seconds before an unmined transaction is replaced with higher fees (default 30)");
    cmd->add_option("--max-replacements", a->max_replacements, "Replacements per target at most (default 5)");
    cmd->add_option("--min-tip", a->min_tip_wei, "Lowest priority fee in wei (default 2 gwei)");
    cmd->add_option("--timeout", a->timeout_s, "Seconds to wait for each target's transaction (default 300)");
    cmd->add_option("--safe", a->safe, "Safe holding the pause right: write a batch file and/or execute");
    cmd->add_option("--safe-file", a->safe_file, "Transaction Builder batch file to write (with --safe)");
    cmd->add_option("--owner-key-env", a->owner_key_env, "Env var holding a Safe owner key (repeatable)");
    cmd->add_option("--owner-key-file", a->owner_key_file, "File holding a Safe owner key (repeatable)");
    cmd->add_option("--manifest", a->manifest, "suture.toml: target names and the ledger");
    add_ledger_option(cmd, a->ledger);
    cmd->add_option("--incident", a->incident, "Incident id the events belong to");
    cmd->callback([&g, a] { g.exit = exit_of(g, run(*a)); });
}

Register reg_pause("pause", [](CLI::App& app, GlobalOptions& g) { add(app, g, respond::PauseAction::pause); });
Register reg_unpause("unpause", [](CLI::App& app, GlobalOptions& g) { add(app, g, respond::PauseAction::unpause); });

}  // namespace
}  // namespace suture::cli
