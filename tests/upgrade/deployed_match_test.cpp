#include "upgrade/deployed_match.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "check_fixture.hpp"
#include "core/hex.hpp"
#include "fake_chain_view.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {
namespace {

using test::addr;
using test::FakeChainView;

const solidity::Contract& contract(const std::string& name) {
    auto ref = solidity::find_contract(suture::test::pairs_solc(), name);
    if (!ref) throw std::runtime_error(ref.error().message);
    return *ref->contract;
}

// `name`'s runtime code as deployment leaves it: immutables filled with 0x42.
Bytes deployed_code(const std::string& name) {
    const auto& c = contract(name);
    Bytes code = *from_hex(c.deployed_bytecode);
    for (const auto& r : c.immutable_references) std::fill_n(code.begin() + r.start, r.length, 0x42);
    return code;
}

class DeployedMatch : public ::testing::Test {
protected:
    FakeChainView view;
    const Address impl = addr(0x11), proxy = addr(0x22);

    Result<DeployedReference> match(const Address& at, const MatchOptions& opt = {}) {
        SUTURE_TRY(d, fetch_deployed_code(view, at, 7));
        return match_deployed(std::move(d), suture::test::pairs_solc(), opt);
    }
};

TEST_F(DeployedMatch, FindsTheContractBehindAProxy) {
    view.codes[impl] = deployed_code("pairs/uups_ok.sol:V1");
    view.codes[proxy] = *from_hex("0x363d3d373d3d3d363d3d");  // some proxy code; the slot decides
    view.set_slot(proxy, eip1967_implementation_slot(), impl);
    auto r = match(proxy);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->matched.has_value());
    EXPECT_EQ(r->matched->name, "pairs/uups_ok.sol:V1");
    EXPECT_TRUE(r->matched->match.metadata_present);
    EXPECT_FALSE(r->matched->match.metadata_differs);
    EXPECT_EQ(r->deployed.implementation, impl);
    EXPECT_EQ(r->deployed.proxy, ProxyPattern::eip1967);
    auto j = deployed_json(*r);
    EXPECT_EQ(j["matched"]["contract"], "pairs/uups_ok.sol:V1");
    EXPECT_EQ(j["matched"]["metadataHash"], "same");
    EXPECT_EQ(j["implementation"], to_checksum(impl));
    EXPECT_EQ(j["metadata"]["solc"], "0.8.28");
}

TEST_F(DeployedMatch, CodeEqualMetadataDiffers) {
    Bytes code = deployed_code("pairs/selfdestruct.sol:V2");
    code[code.size() - 10] ^= 0x01;  // another build of the same code: only the hash changes
    view.codes[impl] = code;
    auto r = match(impl);
    ASSERT_TRUE(r.ok()) << r.error().message;
    ASSERT_TRUE(r->matched.has_value());
    EXPECT_EQ(r->matched->name, "pairs/selfdestruct.sol:V2");
    EXPECT_TRUE(r->matched->match.metadata_differs);
    EXPECT_EQ(deployed_json(*r)["matched"]["metadataHash"], "differs");
}

TEST_F(DeployedMatch, NoMatchNamesAddressBlockAndClosest) {
    Bytes code = deployed_code("pairs/selfdestruct.sol:V2");
    code[40] ^= 0x01;  // a different instruction or constant early on
    view.codes[impl] = code;
    auto r = match(impl);
    ASSERT_FALSE(r.ok());
    const auto& msg = r.error().message;
    EXPECT_EQ(r.error().kind, ErrorKind::input);
    EXPECT_NE(msg.find(to_checksum(impl)), std::string::npos) << msg;
    EXPECT_NE(msg.find("block 7"), std::string::npos) << msg;
    EXPECT_NE(msg.find("closest: pairs/selfdestruct.sol:V2"), std::string::npos) << msg;
    EXPECT_NE(msg.find("--no-source-ok"), std::string::npos) << msg;

    MatchOptions opt;
    opt.allow_unmatched = true;
    auto u = match(impl, opt);
    ASSERT_TRUE(u.ok()) << u.error().message;
    EXPECT_FALSE(u->matched.has_value());
    ASSERT_EQ(u->closest.size(), 3u);
    EXPECT_EQ(u->closest[0].name, "pairs/selfdestruct.sol:V2");
    EXPECT_GT(u->closest[0].similarity, 0.9);
    EXPECT_GE(u->closest[0].similarity, u->closest[1].similarity);
    ASSERT_EQ(u->facts.facts.size(), 1u);
    EXPECT_EQ(u->facts.facts[0].kind, BytecodeFactKind::selfdestruct);
}

TEST_F(DeployedMatch, NamedContractMustMatch) {
    view.codes[impl] = deployed_code("pairs/uups_ok.sol:V1");
    MatchOptions opt;
    opt.contract = "pairs/uups_ok.sol:V2";
    auto r = match(impl, opt);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("does not run pairs/uups_ok.sol:V2"), std::string::npos) << r.error().message;
    opt.contract = "pairs/uups_ok.sol:V1";
    auto ok = match(impl, opt);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ(ok->matched->name, "pairs/uups_ok.sol:V1");
}

TEST_F(DeployedMatch, EqualCodeInSeveralContractsNeedsAName) {
    // Many pairs declare the same `contract V1 { uint256 a; ... }`; without the
    // metadata hash to tell them apart the choice is the user's.
    const std::string name = "pairs/selfdestruct.sol:V1";
    Bytes code = deployed_code(name);
    code[code.size() - 10] ^= 0x01;
    view.codes[impl] = code;
    auto r = match(impl);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("--old-contract"), std::string::npos) << r.error().message;
    EXPECT_NE(r.error().message.find(name), std::string::npos) << r.error().message;
    // With the exact metadata, the same code is no longer ambiguous.
    view.codes[impl] = deployed_code(name);
    auto exact = match(impl);
    ASSERT_TRUE(exact.ok()) << exact.error().message;
    EXPECT_EQ(exact->matched->name, name);
    EXPECT_FALSE(exact->same_code.empty());
}

TEST_F(DeployedMatch, AddressWithoutCode) {
    auto r = match(addr(0x33));
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("has no code at block 7"), std::string::npos) << r.error().message;
}

TEST_F(DeployedMatch, CheckAgainstMatchedGivesTheSameFindings) {
    view.codes[impl] = deployed_code("pairs/delegatecall.sol:V1");
    auto r = match(impl);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto v2 = solidity::find_contract(suture::test::pairs_solc(), "pairs/delegatecall.sol:V2");
    ASSERT_TRUE(v2.ok());
    auto via_chain = check_against_deployed(*r, *v2);
    ASSERT_TRUE(via_chain.ok()) << via_chain.error().message;
    auto v1 = solidity::find_contract(suture::test::pairs_solc(), "pairs/delegatecall.sol:V1");
    auto direct = check_upgrade(*v1, *v2);
    ASSERT_TRUE(direct.ok());
    ASSERT_FALSE(via_chain->findings.empty());
    EXPECT_EQ(via_chain->findings[0].code, "deployed-match");
    EXPECT_EQ(via_chain->findings[0].severity, Severity::info);
    Findings rest(via_chain->findings.begin() + 1, via_chain->findings.end());
    EXPECT_EQ(suture::test::codes(rest, false), suture::test::codes(direct->findings, false));
    EXPECT_EQ(suture::test::codes(rest, false), std::vector<std::string>{"delegatecall"});
}

TEST_F(DeployedMatch, CheckAgainstUnmatchedReportsBytecodeFacts) {
    Bytes code = deployed_code("pairs/selfdestruct.sol:V2");
    code[40] ^= 0x01;
    view.codes[impl] = code;
    MatchOptions opt;
    opt.allow_unmatched = true;
    auto r = match(impl, opt);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto v2 = solidity::find_contract(suture::test::pairs_solc(), "pairs/layout_append.sol:V2");
    auto report = check_against_deployed(*r, *v2);
    ASSERT_TRUE(report.ok()) << report.error().message;
    ASSERT_GE(report->findings.size(), 2u);
    EXPECT_EQ(report->findings[0].code, "deployed-unmatched");
    EXPECT_EQ(report->findings[1].code, "deployed-selfdestruct");
    EXPECT_FALSE(has_errors(report->findings));  // facts about the live code do not fail the gate
    EXPECT_TRUE(report->layout.empty());
    auto j = deployed_json(*r);
    EXPECT_TRUE(j["matched"].is_null());
    EXPECT_EQ(j["bytecode"]["facts"][0]["kind"], "selfdestruct");
}

}  // namespace
}  // namespace suture::upgrade
