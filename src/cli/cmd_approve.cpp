// `suture approve`: a reviewer signs the patch digest (EIP-191) after seeing
// exactly what it commits to, and the approval is recorded in the ledger.
#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <iostream>
#include <nlohmann/json.hpp>

#include "chain/message_signing.hpp"
#include "cli/approval_view.hpp"
#include "cli/command.hpp"
#include "cli/key_options.hpp"
#include "cli/ledger_options.hpp"
#include "core/hex.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/manifest.hpp"

namespace suture::cli {
namespace {

using nlohmann::json;

struct ApproveArgs {
    std::string digest_hex, manifest = "suture.toml", ledger;
    int64_t patch = 0;
    KeyOptions key;
    bool yes = false;
};

// The digest to sign: --patch-digest, or the one recorded for --patch (both: they must agree).
// `l` is null when the ledger does not exist yet.
Result<std::pair<Bytes32, std::optional<ledger::PatchDigestRecord>>> resolve_digest(ledger::Ledger* l,
                                                                                    const ApproveArgs& a) {
    std::optional<ledger::PatchDigestRecord> rec;
    if (a.patch > 0) {
        if (!l) return input_error("patch " + std::to_string(a.patch) + ": the ledger does not exist yet");
        SUTURE_TRY(r, l->latest_patch_digest(a.patch));
        if (!r) return input_error("patch " + std::to_string(a.patch) + " has no patch digest recorded yet");
        rec = std::move(r);
    }
    if (a.digest_hex.empty()) {
        if (!rec) return usage_error("approve: give --patch-digest HEX or --patch ID");
        return std::pair{rec->digest, rec};
    }
    SUTURE_TRY(digest, ledger::parse_bytes32(a.digest_hex, "--patch-digest"));
    if (rec && rec->digest != digest)
        return input_error("--patch-digest " + to_hex(digest) + " is not patch " + std::to_string(a.patch) +
                           "'s current digest " + to_hex(rec->digest));
    if (!rec && l) {
        SUTURE_TRY(found, l->find_patch_digest(digest));
        rec = std::move(found);
    }
    return std::pair{digest, rec};
}

Status confirm(const ApproveArgs& a) {
    if (a.yes) return {};
    if (!isatty(STDIN_FILENO))
        return usage_error("approve: stdin is not a terminal; read the above and pass --yes to sign");
    std::cerr << "Sign this patch digest? [y/N] " << std::flush;
    std::string answer;
    std::getline(std::cin, answer);
    if (answer != "y" && answer != "Y" && answer != "yes") return usage_error("approve: not signed");
    return {};
}

Result<int> run_approve(GlobalOptions& g, const ApproveArgs& a) {
    SUTURE_TRY(m, pipeline::load_manifest(a.manifest));
    SUTURE_TRY(key, a.key.load());
    if (!key) return usage_error("approve: give the reviewer's key: --keystore FILE, --key-file FILE or --key-env VAR");
    if (std::find(m.policy.reviewers.begin(), m.policy.reviewers.end(), key->address()) == m.policy.reviewers.end())
        return input_error("approve: " + to_checksum(key->address()) + " is not a reviewer in " + m.path +
                           "'s [policy]");
    // Read first and take the writer lock only to record: a reviewer
    // reading the prompt must not hold other suture processes off the ledger.
    const std::string path = ledger_path(a.ledger, m.ledger);
    std::optional<ledger::Ledger> reader;
    if (std::filesystem::exists(path)) {
        SUTURE_TRY(r, ledger::Ledger::open(path, ledger::Access::read));
        reader.emplace(std::move(r));
    }
    SUTURE_TRY(resolved, resolve_digest(reader ? &*reader : nullptr, a));
    reader.reset();
    const auto& [digest, rec] = resolved;

    // What is signed, in words and bytes, before anything is signed.
    const std::string prefix = std::string("\x19") + "Ethereum Signed Message:\n32";
    Bytes message(prefix.begin(), prefix.end());
    message.insert(message.end(), digest.begin(), digest.end());
    std::ostream& show = g.json ? std::cerr : std::cout;
    show << "You are about to approve\n";
    print_digest_inputs(show, digest, rec);
    show << "signing it as an EIP-191 personal message (version 0x45):\n"
         << "    message bytes               \"\\x19Ethereum Signed Message:\\n32\" ++ digest\n"
         << "                                " << to_hex(message) << "\n"
         << "    hash signed                 " << to_hex(ledger::approval_signing_hash(digest)) << "\n"
         << "    reviewer (your key)         " << to_checksum(key->address()) << "\n";
    SUTURE_CHECK(confirm(a));

    ledger::Approval approval = ledger::sign_approval(*key, digest);
    SUTURE_CHECK(ledger::admit_approval(m.policy, digest, approval));
    SUTURE_TRY(l, ledger::Ledger::open(path, ledger::Access::write));
    std::optional<int64_t> patch_id;
    if (rec) patch_id = rec->patch_id;
    SUTURE_TRY(id, l.record_approval(approval, patch_id));
    SUTURE_TRY(all, l.approvals(digest));
    std::vector<ledger::Approval> approvals;
    for (const auto& r : all) approvals.push_back(r.approval);
    auto tally = ledger::tally_approvals(m.policy, digest, approvals);
    if (g.json) {
        json out{{"approval_id", id},
                 {"reviewer", to_checksum(approval.reviewer)},
                 {"signature", to_hex(approval.signature.to_rsv65())},
                 {"message", to_hex(message)},
                 {"signed_hash", to_hex(ledger::approval_signing_hash(digest))},
                 {"patch_digest", digest_inputs_json(digest, rec)},
                 {"tally", tally_json(tally)}};
        std::cout << out.dump() << "\n";
    } else {
        std::cout << "approval " << id << " recorded: signature " << to_hex(approval.signature.to_rsv65()) << "\n";
        print_tally(std::cout, tally);
    }
    return 0;
}

Register reg("approve", [](CLI::App& app, GlobalOptions& g) {
    auto* cmd = app.add_subcommand("approve", "Sign a patch digest as a reviewer (EIP-191) and record the approval");
    auto a = std::make_shared<ApproveArgs>();
    cmd->add_option("--patch-digest", a->digest_hex, "The 32-byte patch digest to approve (0x-hex)");
    cmd->add_option("--patch", a->patch, "Approve the digest recorded for this patch id");
    cmd->add_option("--manifest", a->manifest, "suture.toml whose [policy] lists the reviewers (default ./suture.toml)");
    add_ledger_option(cmd, a->ledger);
    add_key_options(cmd, a->key,
                    {"Environment variable holding the reviewer's hex key", "File (mode 0600) holding the reviewer's hex key",
                     "Reviewer's keystore file (password from SUTURE_PASSWORD or a prompt)"});
    cmd->add_flag("--yes", a->yes, "Sign without asking (after reading what is printed)");
    cmd->callback([&g, a] { g.exit = exit_of(g, run_approve(g, *a)); });
});

}  // namespace
}  // namespace suture::cli
