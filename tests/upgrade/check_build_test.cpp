// Whole-build checks choose contracts as OpenZeppelin's `validate` does.
#include "upgrade/check_build.hpp"

#include <gtest/gtest.h>

#include <set>

#include "solidity/load.hpp"

namespace suture::upgrade {
namespace {

const std::string kSolc = std::string(SUTURE_BINARY_DIR) + "/fixtures/check/pairs.solc.json";

std::set<std::string> names(const std::vector<CheckReport>& rs) {
    std::set<std::string> out;
    for (const auto& r : rs) out.insert(r.new_contract);
    return out;
}

class CheckBuild : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto set = solidity::load_build(kSolc);
        ASSERT_TRUE(set.ok()) << set.error().message;
        set_ = new solidity::BuildSet(std::move(*set));
    }
    static void TearDownTestSuite() { delete set_; }
    static solidity::BuildSet* set_;
};
solidity::BuildSet* CheckBuild::set_ = nullptr;

TEST_F(CheckBuild, ChoosesUpgradeableContractsLikeOpenZeppelin) {
    BuildCheckOptions opt;
    auto r = check_build(*set_, opt);
    ASSERT_TRUE(r.ok()) << r.error().message;
    auto chosen = names(*r);
    // Inherits Initializable.
    EXPECT_TRUE(chosen.count("pairs/duplicate_initializer_call.sol:V2"));
    // Plain contracts (no Initializable, no upgradeTo, no annotation) are not upgradeable to OZ.
    EXPECT_FALSE(chosen.count("pairs/abi_event_removed.sol:V2"));
    // Abstract contracts and libraries are never chosen (OZ validates them through their users).
    EXPECT_FALSE(chosen.count("@openzeppelin/contracts-upgradeable/proxy/utils/Initializable.sol:Initializable"));
    EXPECT_FALSE(chosen.count("@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol:UUPSUpgradeable"));
    for (const auto& rep : *r) EXPECT_TRUE(rep.old_contract.empty()) << rep.new_contract;  // no oz-upgrades-from here

    BuildCheckOptions every = opt;
    every.select = BuildSelection::all;
    auto all = check_build(*set_, every);
    ASSERT_TRUE(all.ok()) << all.error().message;
    auto all_names = names(*all);
    EXPECT_TRUE(all_names.count("pairs/abi_event_removed.sol:V2"));
    EXPECT_TRUE(all_names.count("@openzeppelin/contracts-upgradeable/proxy/utils/UUPSUpgradeable.sol:UUPSUpgradeable"));
    for (const auto& n : chosen) EXPECT_TRUE(all_names.count(n)) << n;
    EXPECT_GT(all_names.size(), chosen.size());
}

// A report per contract carries the same findings as checking it alone.
TEST_F(CheckBuild, SameFindingsAsOneContractChecks) {
    BuildCheckOptions opt;
    auto r = check_build(*set_, opt);
    ASSERT_TRUE(r.ok()) << r.error().message;
    size_t compared = 0;
    for (const auto& rep : *r) {
        if (compared == 5) break;
        auto ref = solidity::find_contract(*set_, rep.new_contract);
        ASSERT_TRUE(ref.ok()) << ref.error().message;
        auto alone = check_implementation(*ref, opt.check);
        ASSERT_TRUE(alone.ok()) << alone.error().message;
        ASSERT_EQ(alone->findings.size(), rep.findings.size()) << rep.new_contract;
        for (size_t i = 0; i < rep.findings.size(); ++i) EXPECT_EQ(alone->findings[i].code, rep.findings[i].code);
        ++compared;
    }
    EXPECT_EQ(compared, 5u);
}

}  // namespace
}  // namespace suture::upgrade
