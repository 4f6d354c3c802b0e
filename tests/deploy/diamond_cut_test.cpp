#include "deploy/diamond_cut.hpp"

#include <gtest/gtest.h>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "deploy/fixture_artifacts.hpp"

namespace suture::deploy {
namespace {

Address addr_of(uint8_t b) { return test::filled_address(b); }

uint32_t sel(const char* sig) {
    auto s = abi::selector(sig);
    return (uint32_t(s[0]) << 24) | (uint32_t(s[1]) << 16) | (uint32_t(s[2]) << 8) | s[3];
}

std::vector<uint32_t> facet_selectors(const char* name) {
    const auto& c = test::deploy_fixtures()["contracts"]["Diamond.sol"][name];
    return function_selectors(*abi::parse_abi(c["abi"]));
}

const Address kDiamond = addr_of(0xd0), kV1 = addr_of(0x01), kV2 = addr_of(0x02), kOther = addr_of(0x0f);

std::vector<upgrade::Facet> loupe() {
    return {{kDiamond, {sel("diamondCut((address,uint8,bytes4[])[],address,bytes)"), sel("owner()")}},
            {kV1, facet_selectors("CounterFacetV1")},
            {kOther, {sel("other()")}}};
}

std::vector<uint32_t> sorted(std::vector<uint32_t> v) {
    std::sort(v.begin(), v.end());
    return v;
}

TEST(DiamondCut, DiffOfTheFixtureFacets) {
    auto cuts = diamond_cut_diff(loupe(), kDiamond, kV1, kV2, facet_selectors("CounterFacetV2"));
    ASSERT_TRUE(cuts.ok()) << cuts.error().message;
    ASSERT_EQ(cuts->size(), 3u);
    EXPECT_EQ((*cuts)[0].action, FacetCutAction::replace);
    EXPECT_EQ((*cuts)[0].facet, kV2);
    EXPECT_EQ((*cuts)[0].selectors, sorted({sel("count()"), sel("setCount(uint256)"), sel("facetVersion()")}));
    EXPECT_EQ((*cuts)[1].action, FacetCutAction::add);
    EXPECT_EQ((*cuts)[1].selectors, sorted({sel("increment()"), sel("initStep(uint256)")}));
    EXPECT_EQ((*cuts)[2].action, FacetCutAction::remove);
    EXPECT_TRUE((*cuts)[2].facet.is_zero());
    EXPECT_EQ((*cuts)[2].selectors, std::vector<uint32_t>{sel("legacyDouble()")});
}

TEST(DiamondCut, InverseRestoresTheOldFacet) {
    auto cuts = *diamond_cut_diff(loupe(), kDiamond, kV1, kV2, facet_selectors("CounterFacetV2"));
    auto back = diamond_cut_inverse(loupe(), cuts);
    ASSERT_EQ(back.size(), 3u);
    EXPECT_EQ(back[0].action, FacetCutAction::replace);
    EXPECT_EQ(back[0].facet, kV1);
    EXPECT_EQ(back[1].action, FacetCutAction::add);
    EXPECT_EQ(back[1].facet, kV1);
    EXPECT_EQ(back[1].selectors, std::vector<uint32_t>{sel("legacyDouble()")});
    EXPECT_EQ(back[2].action, FacetCutAction::remove);
    EXPECT_EQ(back[2].selectors, sorted({sel("increment()"), sel("initStep(uint256)")}));
}

TEST(DiamondCut, RefusesSelectorsOfOtherFacetsAndImmutables) {
    auto stolen = diamond_cut_diff(loupe(), kDiamond, kV1, kV2, {sel("count()"), sel("other()")});
    ASSERT_FALSE(stolen.ok());
    EXPECT_NE(stolen.error().message.find("served by facet"), std::string::npos) << stolen.error().message;
    auto immut = diamond_cut_diff(loupe(), kDiamond, kV1, kV2, {sel("owner()")});
    ASSERT_FALSE(immut.ok());
    EXPECT_NE(immut.error().message.find("immutable"), std::string::npos);
    EXPECT_FALSE(diamond_cut_diff(loupe(), kDiamond, addr_of(0x55), kV2, {sel("count()")}).ok());
}

TEST(DiamondCut, Calldata) {
    std::vector<FacetCut> cuts{{kV2, FacetCutAction::add, {0x12345678}}};
    auto data = diamond_cut_calldata(cuts, Address{}, {});
    ASSERT_TRUE(data.ok()) << data.error().message;
    EXPECT_EQ(to_hex(BytesView(*data).first(4)), "0x1f931c1c");  // EIP-2535 diamondCut selector
}

}  // namespace
}  // namespace suture::deploy
