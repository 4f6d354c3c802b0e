// Approvals and policy (approval.hpp).
#include "ledger/approval.hpp"

#include <algorithm>

#include "chain/message_signing.hpp"
#include "core/hex.hpp"

namespace suture::ledger {
namespace {

bool listed(const Policy& p, const Address& a) {
    return std::find(p.reviewers.begin(), p.reviewers.end(), a) != p.reviewers.end();
}

std::string address_list(const std::vector<Address>& as) {
    std::string s;
    for (const auto& a : as) s += (s.empty() ? "" : ", ") + to_checksum(a);
    return s;
}

}  // namespace

Status check_policy(const Policy& p) {
    if (p.reviewers.empty()) return input_error("policy: no reviewers listed");
    for (size_t i = 0; i < p.reviewers.size(); ++i)
        for (size_t j = i + 1; j < p.reviewers.size(); ++j)
            if (p.reviewers[i] == p.reviewers[j])
                return input_error("policy: reviewer " + to_checksum(p.reviewers[i]) + " is listed twice");
    if (p.threshold < 1 || p.threshold > p.reviewers.size())
        return input_error("policy: threshold " + std::to_string(p.threshold) + " must be between 1 and the " +
                           std::to_string(p.reviewers.size()) + " listed reviewers");
    for (const auto& r : p.allow)
        if (r.reviewers < 1 || r.reviewers > p.reviewers.size())
            return input_error("policy: allowing " + r.code + " needs " + std::to_string(r.reviewers) +
                               " reviewers, but between 1 and " + std::to_string(p.reviewers.size()) +
                               " are possible");
    return {};
}

Bytes32 approval_signing_hash(const Bytes32& digest) { return chain::personal_message_hash(digest); }

Approval sign_approval(const chain::SecretKey& key, const Bytes32& digest) {
    return {digest, key.address(), chain::sign_personal_message(key, digest)};
}

Status check_approval_signature(const Approval& a) {
    auto who = chain::recover_personal_signer(a.digest, a.signature);
    if (!who.ok()) return input_error("approval by " + to_checksum(a.reviewer) + ": " + who.error().message);
    if (*who != a.reviewer)
        return input_error("approval by " + to_checksum(a.reviewer) + ": the signature over " + to_hex(a.digest) +
                           " was made by " + to_checksum(*who) + ", not by the reviewer it names");
    return {};
}

const char* standing_name(ApprovalStanding s) {
    switch (s) {
    case ApprovalStanding::counted: return "counted";
    case ApprovalStanding::duplicate: return "duplicate";
    case ApprovalStanding::not_a_reviewer: return "not a reviewer";
    case ApprovalStanding::bad_signature: return "bad signature";
    case ApprovalStanding::other_digest: return "other digest";
    }
    return "?";
}

ApprovalTally tally_approvals(const Policy& policy, const Bytes32& digest, const std::vector<Approval>& approvals) {
    ApprovalTally t;
    t.threshold = policy.threshold;
    for (const auto& a : approvals) {
        ApprovalStanding s = ApprovalStanding::counted;
        if (a.digest != digest) s = ApprovalStanding::other_digest;
        else if (!check_approval_signature(a).ok()) s = ApprovalStanding::bad_signature;
        else if (!listed(policy, a.reviewer)) s = ApprovalStanding::not_a_reviewer;
        else if (std::find(t.signed_by.begin(), t.signed_by.end(), a.reviewer) != t.signed_by.end())
            s = ApprovalStanding::duplicate;
        if (s == ApprovalStanding::counted) t.signed_by.push_back(a.reviewer);
        t.entries.push_back({a, s});
    }
    for (const auto& r : policy.reviewers)
        if (std::find(t.signed_by.begin(), t.signed_by.end(), r) == t.signed_by.end()) t.missing.push_back(r);
    return t;
}

Status require_approvals(const ApprovalTally& t) {
    if (t.met()) return {};
    const size_t need = t.threshold - t.signed_by.size();
    return Error{ErrorKind::findings,
                 std::to_string(t.signed_by.size()) + " of " + std::to_string(t.threshold) +
                     " required approvals of the current patch digest: " + std::to_string(need) +
                     " more needed from " + address_list(t.missing)};
}

Status admit_approval(const Policy& policy, const Bytes32& digest, const Approval& a) {
    if (a.digest != digest)
        return input_error("approval by " + to_checksum(a.reviewer) + " signs " + to_hex(a.digest) +
                           ", but the patch digest is " + to_hex(digest));
    SUTURE_CHECK(check_approval_signature(a));
    if (!listed(policy, a.reviewer))
        return input_error("approval by " + to_checksum(a.reviewer) + ": not a reviewer in the policy (reviewers: " +
                           address_list(policy.reviewers) + ")");
    return {};
}

}  // namespace suture::ledger
