// `suture approvals`: the approvals in the ledger and, for a digest, how
// they count under the manifest's policy (exit 1 when the threshold is not met).
#include <iostream>
#include <nlohmann/json.hpp>

#include "cli/approval_view.hpp"
#include "cli/command.hpp"
#include "cli/ledger_options.hpp"
#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"

namespace suture::cli {
namespace {

using nlohmann::json;

struct ApprovalsArgs {
    std::string digest_hex, manifest = "suture.toml", ledger;
    int64_t patch = 0;
};

Result<int> run_approvals(GlobalOptions& g, const ApprovalsArgs& a) {
    SUTURE_TRY(m, pipeline::load_manifest(a.manifest));
    SUTURE_TRY(l, ledger::Ledger::open(ledger_path(a.ledger, m.ledger), ledger::Access::read));
    std::optional<Bytes32> digest;
    std::optional<ledger::PatchDigestRecord> rec;
    if (a.patch > 0) {
        SUTURE_TRY(r, l.latest_patch_digest(a.patch));
        if (!r) return input_error("patch " + std::to_string(a.patch) + " has no patch digest recorded yet");
        rec = std::move(r);
        digest = rec->digest;
    }
    if (!a.digest_hex.empty()) {
        SUTURE_TRY(d, ledger::parse_bytes32(a.digest_hex, "--patch-digest"));
        if (digest && *digest != d)
            return input_error("--patch-digest " + to_hex(d) + " is not patch " + std::to_string(a.patch) +
                               "'s current digest " + to_hex(*digest));
        digest = d;
        if (!rec) {
            SUTURE_TRY(found, l.find_patch_digest(d));
            rec = std::move(found);
        }
    }
    SUTURE_TRY(records, l.approvals(digest));
    std::vector<ledger::Approval> approvals;
    for (const auto& r : records) approvals.push_back(r.approval);

    if (!digest) {  // everything recorded, no tally (approvals of different digests)
        if (g.json) {
            json out = json::array();
            for (const auto& r : records)
                out.push_back({{"id", r.id},
                               {"time", r.time},
                               {"digest", to_hex(r.approval.digest)},
                               {"reviewer", to_checksum(r.approval.reviewer)},
                               {"signature", to_hex(r.approval.signature.to_rsv65())}});
            std::cout << out.dump() << "\n";
        } else {
            if (records.empty()) std::cout << "no approvals\n";
            for (const auto& r : records)
                std::cout << r.id << "  " << format_utc(r.time) << "  " << to_checksum(r.approval.reviewer) << "  "
                          << to_hex(r.approval.digest) << "\n";
        }
        return 0;
    }
    auto tally = ledger::tally_approvals(m.policy, *digest, approvals);
    if (g.json) {
        std::cout << json{{"patch_digest", digest_inputs_json(*digest, rec)}, {"tally", tally_json(tally)}}.dump()
                  << "\n";
    } else {
        print_digest_inputs(std::cout, *digest, rec);
        print_tally(std::cout, tally);
    }
    return tally.met() ? 0 : 1;
}

Register reg("approvals", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("approvals", "List approvals; for a digest, count them under the policy");
    auto a = std::make_shared<ApprovalsArgs>();
    cmd->add_option("--patch-digest", a->digest_hex, "Count the approvals of this digest (exit 1 below the threshold)");
    cmd->add_option("--patch", a->patch, "Count the approvals of this patch's current digest");
    cmd->add_option("--manifest", a->manifest, "suture.toml with the [policy] (default ./suture.toml)");
    add_ledger_option(cmd, a->ledger);
    cmd->callback([&g, a] { g.exit = exit_of(g, run_approvals(g, *a)); });
});

}  // namespace
}  // namespace suture::cli
