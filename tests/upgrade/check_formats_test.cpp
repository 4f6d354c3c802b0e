// Foundry out/ (per-contract artifacts and build-info) gives the same findings
// as the solc standard-JSON build for the same sources.
#include <gtest/gtest.h>

#include "check_fixture.hpp"

namespace suture::test {
namespace {

const std::string kFoundryOut = std::string(SUTURE_SOURCE_DIR) + "/tests/fixtures/check/foundry/out";

solidity::BuildSet load(solidity::LoadFormat format) {
    solidity::LoadOptions opt;
    opt.format = format;
    opt.source_root = std::string(SUTURE_SOURCE_DIR) + "/tests/fixtures/check";
    auto set = solidity::load_build(kFoundryOut, opt);
    EXPECT_TRUE(set.ok()) << set.error().message;
    return set.ok() ? std::move(set).value() : solidity::BuildSet{};
}

TEST(CheckFormats, FoundryArtifactsAndBuildInfoMatchSolcOutput) {
    auto artifacts = load(solidity::LoadFormat::foundry_artifacts);
    auto build_info = load(solidity::LoadFormat::automatic);
    ASSERT_EQ(artifacts.builds.size(), 1u);
    EXPECT_EQ(artifacts.builds[0].format, solidity::BuildFormat::foundry);
    EXPECT_EQ(build_info.builds[0].format, solidity::BuildFormat::foundry);
    int compared = 0;
    for (const auto& src : artifacts.builds[0].sources) {
        std::string name = src.path.substr(src.path.find('/') + 1);
        name = name.substr(0, name.size() - 4);
        PairManifest m = read_pair_manifest(name);
        auto want = run_pair(pairs_solc(), m);
        ASSERT_TRUE(want.ok());
        for (const auto* set : {&artifacts, &build_info}) {
            auto got = run_pair(*set, m);
            ASSERT_TRUE(got.ok()) << name << ": " << got.error().message;
            EXPECT_EQ(codes(got->findings, false), m.expect) << name;
            EXPECT_EQ(codes(got->findings, true), m.allowed) << name;
            ASSERT_EQ(got->findings.size(), want->findings.size()) << name;
            for (size_t i = 0; i < want->findings.size(); ++i) {
                EXPECT_EQ(got->findings[i].location.file, want->findings[i].location.file) << name;
                EXPECT_EQ(got->findings[i].location.line, want->findings[i].location.line) << name;
            }
        }
        ++compared;
    }
    EXPECT_GE(compared, 8);
}

TEST(CheckFormats, FoundryLinkReferencesAreRead) {
    auto artifacts = load(solidity::LoadFormat::foundry_artifacts);
    auto ref = solidity::find_contract(artifacts, "pairs/external_library_linking.sol:V2");
    ASSERT_TRUE(ref.ok());
    ASSERT_FALSE(ref->contract->link_references.empty());
    EXPECT_EQ(ref->contract->link_references[0].file, "pairs/external_library_linking.sol");
    EXPECT_NE(ref->contract->bytecode.find("__$"), std::string::npos);  // unlinked placeholder kept
}

}  // namespace
}  // namespace suture::test
