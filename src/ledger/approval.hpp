// Reviewer approvals of a patch digest, and the policy that counts them.
//
// A reviewer approves by signing the 32-byte patch digest as an EIP-191
// personal message (version 0x45): the signed hash is
// keccak256("\x19Ethereum Signed Message:\n32" ++ digest), what
// personal_sign / signMessage(bytes32) in any wallet produces, so a Safe
// owner's hardware wallet can sign too. An approval counts only when its
// signature recovers to its reviewer, the reviewer is listed in the policy,
// and it signs the *current* digest; each reviewer counts once.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "chain/keys.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::ledger {

struct Approval {
    Bytes32 digest{};
    Address reviewer;
    chain::Signature signature;
};

// A finding code that reviewers may allow, and how many must.
struct AllowRule {
    std::string code;
    unsigned reviewers = 1;
    std::string reason;  // why findings of this code are acceptable; none: not allowed by the pipeline
};

struct Policy {
    std::vector<Address> reviewers;  // distinct
    unsigned threshold = 1;          // distinct listed reviewers needed
    std::vector<AllowRule> allow;
};

// Threshold within 1..reviewers, no reviewer listed twice, allow rules
// needing no more reviewers than are listed.
Status check_policy(const Policy& p);

// Signs `digest` with `key` (EIP-191); the reviewer is the key's address.
Approval sign_approval(const chain::SecretKey& key, const Bytes32& digest);

// The EIP-191 hash a reviewer's key signs for `digest`.
Bytes32 approval_signing_hash(const Bytes32& digest);

// The signature recovers to the approval's reviewer over its digest.
Status check_approval_signature(const Approval& a);

enum class ApprovalStanding {
    counted,         // valid, listed, current digest, first from this reviewer
    duplicate,       // a second approval from a reviewer already counted
    not_a_reviewer,  // the signer is not listed in the policy
    bad_signature,   // does not recover to the reviewer it names
    other_digest,    // signs a digest other than the current one
};
const char* standing_name(ApprovalStanding s);

struct TalliedApproval {
    Approval approval;
    ApprovalStanding standing = ApprovalStanding::counted;
};

struct ApprovalTally {
    std::vector<TalliedApproval> entries;  // in the order given
    std::vector<Address> signed_by;        // counted reviewers
    std::vector<Address> missing;          // listed reviewers who have not signed
    unsigned threshold = 0;
    bool met() const { return signed_by.size() >= threshold; }
};

ApprovalTally tally_approvals(const Policy& policy, const Bytes32& digest, const std::vector<Approval>& approvals);

// Ok when the threshold is met; otherwise a findings error naming how many
// approvals are counted, how many more are needed and who may give them.
Status require_approvals(const ApprovalTally& tally);

// Whether one new approval may be recorded for `digest` under `policy`:
// its signature is valid, it signs `digest`, and its reviewer is listed.
// The error says which of the three failed.
Status admit_approval(const Policy& policy, const Bytes32& digest, const Approval& a);

}  // namespace suture::ledger
