#include "cli/approval_view.hpp"

#include <iomanip>

#include "core/hex.hpp"

namespace suture::cli {

void print_digest_inputs(std::ostream& out, const Bytes32& digest,
                         const std::optional<ledger::PatchDigestRecord>& rec) {
    out << "patch digest " << to_hex(digest) << "\n";
    if (!rec) {
        out << "  (this ledger has no record of the inputs behind this digest: check it against the patch report)\n";
        return;
    }
    out << "  = keccak256(abi.encode(...)) of patch " << rec->patch_id << "'s:\n";
    for (const auto& [what, value] : ledger::describe_patch_digest_input(rec->inputs))
        out << "    " << std::left << std::setw(28) << what << value << "\n";
}

nlohmann::json digest_inputs_json(const Bytes32& digest, const std::optional<ledger::PatchDigestRecord>& rec) {
    nlohmann::json j{{"digest", to_hex(digest)}};
    if (rec) {
        j["patch_id"] = rec->patch_id;
        j["inputs"] = ledger::patch_digest_input_to_json(rec->inputs);
    }
    return j;
}

void print_tally(std::ostream& out, const ledger::ApprovalTally& t) {
    for (const auto& e : t.entries)
        out << "  " << to_checksum(e.approval.reviewer) << "  " << ledger::standing_name(e.standing) << "\n";
    out << t.signed_by.size() << " of " << t.threshold << " required approvals"
        << (t.met() ? ": threshold met" : ": threshold not met") << "\n";
}

nlohmann::json tally_json(const ledger::ApprovalTally& t) {
    nlohmann::json entries = nlohmann::json::array();
    for (const auto& e : t.entries)
        entries.push_back({{"reviewer", to_checksum(e.approval.reviewer)},
                           {"digest", to_hex(e.approval.digest)},
                           {"signature", to_hex(e.approval.signature.to_rsv65())},
                           {"standing", ledger::standing_name(e.standing)}});
    nlohmann::json missing = nlohmann::json::array();
    for (const auto& a : t.missing) missing.push_back(to_checksum(a));
    return {{"approvals", entries},
            {"counted", t.signed_by.size()},
            {"threshold", t.threshold},
            {"met", t.met()},
            {"not_yet_signed", missing}};
}

}  // namespace suture::cli
