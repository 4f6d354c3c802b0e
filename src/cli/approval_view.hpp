// What `suture approve` and `suture approvals` print about a patch digest
// and its approvals: one rendering for both commands.
#pragma once

#include <optional>
#include <ostream>

#include <nlohmann/json.hpp>

#include "ledger/approval.hpp"
#include "ledger/records.hpp"

namespace suture::cli {

// The digest and, when the ledger recorded them, the inputs it commits to, in words.
void print_digest_inputs(std::ostream& out, const Bytes32& digest, const std::optional<ledger::PatchDigestRecord>& rec);
nlohmann::json digest_inputs_json(const Bytes32& digest, const std::optional<ledger::PatchDigestRecord>& rec);

// Each approval with its standing, then the count against the threshold.
void print_tally(std::ostream& out, const ledger::ApprovalTally& t);
nlohmann::json tally_json(const ledger::ApprovalTally& t);

}  // namespace suture::cli
