// Patch digest encoding, reviewer signatures and the policy's threshold.
#include <gtest/gtest.h>

#include "chain/message_signing.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "ledger/approval.hpp"
#include "ledger/ledger.hpp"
#include "ledger/patch_digest.hpp"
#include "temp_dir.hpp"

namespace suture::ledger {
namespace {

chain::SecretKey key(const char* hex) {
    auto k = chain::SecretKey::from_hex(hex);
    EXPECT_TRUE(k.ok());
    return std::move(*k);
}

PatchDigestInput sample_input() {
    PatchDigestInput in;
    in.chain_id = 31337;
    in.target = *parse_address("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    in.route = "proxy-admin";
    in.old_code_hash = keccak256(std::string_view("old"));
    in.new_code_hash = keccak256(std::string_view("new"));
    in.layout_hash = keccak256(std::string_view("layout"));
    in.initializer = *from_hex("0x8129fc1c");  // initialize()
    in.report_hash = keccak256(std::string_view("report"));
    return in;
}

class Approvals : public ::testing::Test {
protected:
    chain::SecretKey alice = key("0x0000000000000000000000000000000000000000000000000000000000000a11");
    chain::SecretKey bob = key("0x0000000000000000000000000000000000000000000000000000000000000b0b");
    chain::SecretKey carol = key("0x00000000000000000000000000000000000000000000000000000000000ca401");
    chain::SecretKey mallory = key("0x000000000000000000000000000000000000000000000000000000000000bad1");
    Policy policy{{alice.address(), bob.address(), carol.address()}, 2, {{"layout-renamed", 2, "reviewed rename"}}};
    Bytes32 digest = patch_digest(sample_input());
};

TEST_F(Approvals, DigestIsKeccakOfTheAbiEncodedTuple) {
    // The same tuple through the generic ABI encoder from its signature text.
    auto types = abi::parse_type("(string,uint256,address,string,bytes32,bytes32,bytes32,bytes,bytes32)");
    ASSERT_TRUE(types.ok());
    const auto in = sample_input();
    auto b = [](const Bytes32& h) { return abi::AbiValue(Bytes(h.begin(), h.end())); };
    auto enc = abi::encode(types->components,
                           {abi::AbiValue("suture-patch-digest-v1"), abi::AbiValue(uint256(31337)),
                            abi::AbiValue(in.target), abi::AbiValue("proxy-admin"), b(in.old_code_hash),
                            b(in.new_code_hash), b(in.layout_hash), abi::AbiValue(in.initializer), b(in.report_hash)});
    ASSERT_TRUE(enc.ok());
    EXPECT_EQ(encode_patch_digest_input(in), *enc);
    EXPECT_EQ(digest, keccak256(*enc));
    // Each input changes the digest.
    auto changed = in;
    changed.new_code_hash[31] ^= 1;
    EXPECT_NE(patch_digest(changed), digest);
    changed = in;
    changed.initializer.clear();
    EXPECT_NE(patch_digest(changed), digest);
    changed = in;
    changed.chain_id = 1;
    EXPECT_NE(patch_digest(changed), digest);
}

TEST_F(Approvals, JsonFormRoundTrips) {
    auto back = patch_digest_input_from_json(patch_digest_input_to_json(sample_input()));
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, sample_input());
}

TEST_F(Approvals, SignatureIsEip191OverTheDigestBytes) {
    Approval a = sign_approval(alice, digest);
    EXPECT_EQ(a.reviewer, alice.address());
    std::string prefix = std::string("\x19") + "Ethereum Signed Message:\n32";
    Bytes msg(prefix.begin(), prefix.end());
    msg.insert(msg.end(), digest.begin(), digest.end());
    EXPECT_EQ(approval_signing_hash(digest), keccak256(msg));
    auto who = chain::recover_address(keccak256(msg), a.signature);
    ASSERT_TRUE(who.ok());
    EXPECT_EQ(*who, alice.address());
    EXPECT_TRUE(check_approval_signature(a).ok());
}

TEST_F(Approvals, ThresholdOfDistinctListedReviewers) {
    Approval a1 = sign_approval(alice, digest);
    auto t = tally_approvals(policy, digest, {a1, a1});
    EXPECT_FALSE(t.met());
    EXPECT_EQ(t.entries[1].standing, ApprovalStanding::duplicate);
    auto missing = require_approvals(t);
    ASSERT_FALSE(missing.ok());
    EXPECT_EQ(missing.error().kind, ErrorKind::findings);
    EXPECT_NE(missing.error().message.find("1 of 2 required approvals of the current patch digest: 1 more needed from " +
                                           to_checksum(bob.address()) + ", " + to_checksum(carol.address())),
              std::string::npos)
        << missing.error().message;
    t = tally_approvals(policy, digest, {a1, sign_approval(carol, digest)});
    EXPECT_TRUE(t.met());
    EXPECT_TRUE(require_approvals(t).ok());
}

TEST_F(Approvals, WrongKeyOutsiderAndOtherDigestDoNotCount) {
    Approval forged = sign_approval(mallory, digest);
    forged.reviewer = bob.address();  // claims to be bob
    Approval outsider = sign_approval(mallory, digest);
    auto other = sample_input();
    other.new_code_hash[0] ^= 0xff;  // one byte of the new build changed after approval
    Approval stale = sign_approval(carol, patch_digest(other));
    auto t = tally_approvals(policy, digest, {sign_approval(alice, digest), forged, outsider, stale});
    EXPECT_EQ(t.entries[1].standing, ApprovalStanding::bad_signature);
    EXPECT_EQ(t.entries[2].standing, ApprovalStanding::not_a_reviewer);
    EXPECT_EQ(t.entries[3].standing, ApprovalStanding::other_digest);
    EXPECT_EQ(t.signed_by.size(), 1u);
    EXPECT_FALSE(t.met());

    auto e = admit_approval(policy, digest, forged);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("was made by " + to_checksum(mallory.address()) + ", not by the reviewer"),
              std::string::npos)
        << e.error().message;
    e = admit_approval(policy, digest, outsider);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("not a reviewer in the policy"), std::string::npos) << e.error().message;
    e = admit_approval(policy, digest, stale);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("but the patch digest is " + to_hex(digest)), std::string::npos)
        << e.error().message;
    EXPECT_TRUE(admit_approval(policy, digest, sign_approval(bob, digest)).ok());
}

TEST_F(Approvals, PolicyIsChecked) {
    EXPECT_TRUE(check_policy(policy).ok());
    Policy p = policy;
    p.threshold = 4;
    EXPECT_FALSE(check_policy(p).ok());
    p = policy;
    p.reviewers.push_back(alice.address());
    EXPECT_FALSE(check_policy(p).ok());
    p = policy;
    p.allow[0].reviewers = 5;
    EXPECT_FALSE(check_policy(p).ok());
}

class ApprovalLedger : public test::TempDirTest {};

TEST_F(ApprovalLedger, ForgedApprovalIsNotRecorded) {
    auto alice = key("0x0000000000000000000000000000000000000000000000000000000000000a11");
    auto mallory = key("0x000000000000000000000000000000000000000000000000000000000000bad1");
    auto l = Ledger::open(file("l.db"), Access::write);
    ASSERT_TRUE(l.ok());
    const Bytes32 d = patch_digest(sample_input());
    Approval forged = sign_approval(mallory, d);
    forged.reviewer = alice.address();
    EXPECT_FALSE(l->record_approval(forged, std::nullopt).ok());
    ASSERT_TRUE(l->record_approval(sign_approval(alice, d), std::nullopt).ok());
    auto all = l->approvals(d);
    ASSERT_TRUE(all.ok());
    ASSERT_EQ(all->size(), 1u);
    EXPECT_EQ((*all)[0].approval.signature, sign_approval(alice, d).signature);
}

}  // namespace
}  // namespace suture::ledger
