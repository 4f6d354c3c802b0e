#include "upgrade/runtime_code_compare.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "check_fixture.hpp"
#include "core/hex.hpp"
#include "upgrade/code_metadata.hpp"

namespace suture::upgrade {
namespace {

// The artifact's runtime code of a pairs contract, as compare_runtime_code expects it.
ExpectedCode expected_of(const std::string& name) {
    auto ref = solidity::find_contract(test::pairs_solc(), name);
    EXPECT_TRUE(ref.ok()) << (ref.ok() ? "" : ref.error().message);
    auto exp = decode_runtime_code(ref->contract->deployed_bytecode, name);
    EXPECT_TRUE(exp.ok()) << (exp.ok() ? "" : exp.error().message);
    exp->immutables = ref->contract->immutable_references;
    return *exp;
}

TEST(RuntimeCodeCompare, SameCodeAndMetadata) {
    auto exp = expected_of("pairs/layout_append.sol:V1");
    auto m = compare_runtime_code(exp.code, exp);
    EXPECT_TRUE(m.equal) << m.detail;
    EXPECT_TRUE(m.metadata_present);
    EXPECT_FALSE(m.metadata_differs);
    EXPECT_EQ(m.chain_size, exp.code.size() - metadata_length(exp.code));
}

TEST(RuntimeCodeCompare, MetadataHashIgnoredButReported) {
    auto exp = expected_of("pairs/layout_append.sol:V1");
    Bytes chain = exp.code;
    chain[chain.size() - 20] ^= 0xff;  // inside the ipfs hash
    auto m = compare_runtime_code(chain, exp);
    EXPECT_TRUE(m.equal) << m.detail;
    EXPECT_TRUE(m.metadata_differs);
}

TEST(RuntimeCodeCompare, ImmutablesTakenFromChainWhenConsistent) {
    // UUPSUpgradeable keeps its own address in the immutable __self, read in several places.
    auto exp = expected_of("pairs/uups_ok.sol:V1");
    ASSERT_GE(exp.immutables.size(), 2u);
    Bytes chain = exp.code;
    for (const auto& r : exp.immutables) std::fill_n(chain.begin() + r.start, r.length, 0x42);
    EXPECT_TRUE(compare_runtime_code(chain, exp).equal);
    EXPECT_FALSE(compare_runtime_code(chain, exp.code, {}).equal);  // without the references: a difference

    chain[exp.immutables[1].start + exp.immutables[1].length - 1] = 0x43;
    auto m = compare_runtime_code(chain, exp);
    EXPECT_FALSE(m.equal);
    EXPECT_NE(m.detail.find("immutable " + exp.immutables[1].id), std::string::npos) << m.detail;
}

TEST(RuntimeCodeCompare, LibraryPlaceholdersAcceptAnyAddress) {
    auto exp = expected_of("pairs/external_library_linking.sol:V2");
    ASSERT_FALSE(exp.unlinked.empty());
    Bytes chain = exp.code;
    for (size_t at : exp.unlinked) std::fill_n(chain.begin() + at, 20, 0x5a);
    EXPECT_TRUE(compare_runtime_code(chain, exp).equal);
    chain[exp.unlinked[0] + 20] ^= 1;  // the byte after the address is code
    EXPECT_FALSE(compare_runtime_code(chain, exp).equal);
}

TEST(RuntimeCodeCompare, LibraryCallProtection) {
    auto exp = expected_of("pairs/external_library_linking.sol:Pricing");
    ASSERT_TRUE(exp.any_library_address);
    Bytes chain = exp.code;
    std::fill_n(chain.begin() + 1, 20, 0x77);  // the library's own address, written at deployment
    EXPECT_TRUE(compare_runtime_code(chain, exp).equal);
    Address other;
    other.bytes.fill(0x78);
    EXPECT_FALSE(compare_runtime_code(chain, exp.code, {}, other).equal);  // a known, different address
    EXPECT_FALSE(expected_of("pairs/layout_append.sol:V1").any_library_address);
}

TEST(RuntimeCodeCompare, DifferentCodeRanksByEqualEnds) {
    auto v1 = expected_of("pairs/selfdestruct.sol:V1");
    auto v2 = expected_of("pairs/selfdestruct.sol:V2");
    auto m = compare_runtime_code(v1.code, v2);
    EXPECT_FALSE(m.equal);
    ASSERT_TRUE(m.first_difference.has_value());
    EXPECT_EQ(*m.first_difference, m.common_prefix);
    EXPECT_GT(m.common_prefix, 10u);  // the same dispatcher prologue
    EXPECT_LE(m.common_prefix + m.common_suffix, std::min(m.chain_size, m.artifact_size));
    EXPECT_NE(m.detail.find("first difference"), std::string::npos) << m.detail;
    EXPECT_FALSE(compare_runtime_code({}, v2).equal);
}

TEST(RuntimeCodeCompare, DecodeErrors) {
    EXPECT_FALSE(decode_runtime_code("60__$1234$__", "x").ok());  // placeholder shorter than 40 hex digits
    EXPECT_FALSE(decode_runtime_code("6", "x").ok());
    auto ok = decode_runtime_code("0x73" + std::string(40, '0') + "3014", "x");
    ASSERT_TRUE(ok.ok());
    EXPECT_TRUE(ok->any_library_address);
    auto bad = parse_immutable_references(nlohmann::json::parse(R"({"7": [{"start": 1, "length": 33}]})"), "C");
    ASSERT_FALSE(bad.ok());
    EXPECT_NE(bad.error().message.find("C.immutableReferences[\"7\"][0]"), std::string::npos);
}

}  // namespace
}  // namespace suture::upgrade
