// `suture check --old-address`: the old version is what runs at an address on
// a private anvil node, matched against the check fixture build.
#include "deploy/devnet.hpp"
#include "support/suture_cli.hpp"

namespace suture::deploy {
namespace {

const std::string& pairs_path() {
    static const std::string p = std::string(SUTURE_BINARY_DIR) + "/fixtures/check/pairs.solc.json";
    return p;
}

const solidity::BuildSet& pairs() {
    static const solidity::BuildSet set = [] {
        auto r = solidity::load_build(pairs_path());
        if (!r) throw std::runtime_error(r.error().message);
        return std::move(*r);
    }();
    return set;
}

// Findings without the deployed-* ones, as comparable JSON.
nlohmann::json source_findings(const nlohmann::json& report) {
    auto out = nlohmann::json::array();
    for (const auto& f : report.at("findings"))
        if (!f.at("code").get<std::string>().starts_with("deployed-")) out.push_back(f);
    return out;
}

class CheckDeployed : public test::DevnetTest {
protected:
    std::string url() { return node_->url(); }

    // Deploys pair contract `name` (no constructor arguments) from the check fixtures.
    Address deploy_pair(const std::string& name) {
        auto ref = solidity::find_contract(pairs(), name);
        if (!ref) throw std::runtime_error(ref.error().message);
        return deploy_code(0, *from_hex(ref->contract->bytecode), name);
    }
    // V1 of uups_ok behind an ERC1967Proxy, initialized with dev account 0 as owner.
    std::pair<Address, Address> uups_v1_behind_proxy() {
        Address v1 = deploy_pair("pairs/uups_ok.sol:V1");
        Address proxy = deploy(0, "ERC1967Proxy", {v1, test::encode("initialize(address)", {addr(0)})});
        return {proxy, v1};
    }
    std::string check_args(const Address& at) {
        return "check --old-address " + to_checksum(at) + " --rpc " + url() + " --old " + pairs_path() + " --new " +
               pairs_path() + " --new-contract pairs/uups_ok.sol:V2";
    }
};

TEST_F(CheckDeployed, ProxyImplementationMatchesAndFindingsEqualOldContract) {
    auto [proxy, v1] = uups_v1_behind_proxy();
    auto live = suture::test::run_suture("--json " + check_args(proxy), false);
    ASSERT_EQ(live.exit, 0) << live.out;
    auto j = nlohmann::json::parse(live.out);
    EXPECT_EQ(j["deployed"]["matched"]["contract"], "pairs/uups_ok.sol:V1");
    EXPECT_EQ(j["deployed"]["matched"]["metadataHash"], "same");
    EXPECT_EQ(j["deployed"]["implementation"], to_checksum(v1));
    EXPECT_EQ(j["deployed"]["proxy"], "uups");
    EXPECT_EQ(j["findings"][0]["code"], "deployed-match");

    auto by_name = suture::test::run_suture("--json check --old " + pairs_path() + " --old-contract pairs/uups_ok.sol:V1 --new " +
                              pairs_path() + " --new-contract pairs/uups_ok.sol:V2",
                          false);
    ASSERT_EQ(by_name.exit, 0) << by_name.out;
    auto k = nlohmann::json::parse(by_name.out);
    EXPECT_EQ(source_findings(j), source_findings(k));
    EXPECT_FALSE(source_findings(k).empty());  // the pair's allowed delegatecall and immutable
    EXPECT_EQ(j["layout"], k["layout"]);

    // Text output says which contract is live and that the sources are the same.
    auto text = suture::test::run_suture(check_args(proxy));
    EXPECT_EQ(text.exit, 0) << text.out;
    EXPECT_NE(text.out.find("runs pairs/uups_ok.sol:V1"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("metadata hash equal"), std::string::npos) << text.out;
}

TEST_F(CheckDeployed, ImplementationAddressDirectlyAndNamedContract) {
    auto [proxy, v1] = uups_v1_behind_proxy();
    auto r = suture::test::run_suture("--json " + check_args(v1) + " --old-contract pairs/uups_ok.sol:V1", false);
    ASSERT_EQ(r.exit, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["deployed"]["matched"]["contract"], "pairs/uups_ok.sol:V1");
    EXPECT_EQ(j["deployed"]["proxy"], "none");
    auto wrong = suture::test::run_suture(check_args(proxy) + " --old-contract pairs/uups_ok.sol:V2");
    EXPECT_EQ(wrong.exit, 2) << wrong.out;
    EXPECT_NE(wrong.out.find("does not run pairs/uups_ok.sol:V2"), std::string::npos) << wrong.out;
}

TEST_F(CheckDeployed, CodeNotInTheBuild) {
    Address counter = deploy(0, "PlainCounter");  // a deploy fixture: not in the check build
    auto block = rpc->block_number();
    ASSERT_TRUE(block.ok());
    auto r = suture::test::run_suture(check_args(counter));
    EXPECT_EQ(r.exit, 2) << r.out;
    EXPECT_NE(r.out.find(to_checksum(counter)), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("at block " + std::to_string(*block)), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("matches no contract of " + pairs_path()), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("closest: pairs/"), std::string::npos) << r.out;

    auto lenient = suture::test::run_suture("--json " + check_args(counter) + " --no-source-ok", false);
    ASSERT_EQ(lenient.exit, 0) << lenient.out;
    auto j = nlohmann::json::parse(lenient.out);
    EXPECT_TRUE(j["deployed"]["matched"].is_null());
    EXPECT_EQ(j["deployed"]["closest"].size(), 3u);
    EXPECT_EQ(j["findings"][0]["code"], "deployed-unmatched");
    EXPECT_TRUE(j["layout"].empty());
}

TEST_F(CheckDeployed, BytecodeFactsOfUnmatchedLiveCode) {
    // selfdestruct.sol:V2 deployed, then checked against a build without it (the deploy fixtures).
    Address v2 = deploy_pair("pairs/selfdestruct.sol:V2");
    std::string fixtures = std::string(SUTURE_BINARY_DIR) + "/fixtures/deploy/contracts.json";
    auto r = suture::test::run_suture("--json check --old-address " + to_checksum(v2) + " --rpc " + url() + " --old " + fixtures +
                        " --new " + pairs_path() + " --new-contract pairs/layout_append.sol:V2 --no-source-ok",
                    false);
    ASSERT_EQ(r.exit, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    std::vector<std::string> codes;
    for (const auto& f : j["findings"]) codes.push_back(f["code"]);
    EXPECT_NE(std::find(codes.begin(), codes.end(), "deployed-selfdestruct"), codes.end()) << j["findings"].dump();
    EXPECT_EQ(j["deployed"]["bytecode"]["facts"][0]["kind"], "selfdestruct");
}

TEST_F(CheckDeployed, UsageAndDeadRpc) {
    auto no_rpc = suture::test::run_suture("check --old-address 0x0000000000000000000000000000000000000001 --new " + pairs_path() +
                         " --new-contract pairs/uups_ok.sol:V2");
    EXPECT_EQ(no_rpc.exit, 2) << no_rpc.out;
    EXPECT_NE(no_rpc.out.find("--rpc"), std::string::npos) << no_rpc.out;
    auto dead = suture::test::run_suture("check --old-address 0x0000000000000000000000000000000000000001 --rpc http://127.0.0.1:9 --new " +
                       pairs_path() + " --new-contract pairs/uups_ok.sol:V2");
    EXPECT_EQ(dead.exit, 3) << dead.out;
    EXPECT_NE(dead.out.find("127.0.0.1:9"), std::string::npos) << dead.out;
}

}  // namespace
}  // namespace suture::deploy
