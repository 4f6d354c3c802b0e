#include "deploy/known_errors.hpp"

#include <gtest/gtest.h>

#include "core/abi_revert.hpp"
#include "core/hex.hpp"

namespace suture::deploy {
namespace {

TEST(KnownErrors, EveryDeclarationParsesAndDecodes) {
    const auto& abi = known_route_errors();
    EXPECT_EQ(abi.entries.size(), 22u);
    // OwnableUnauthorizedAccount(0x00..01): selector 0x118cdaa7.
    auto data = *from_hex("0x118cdaa70000000000000000000000000000000000000000000000000000000000000001");
    auto r = abi::decode_revert(data, &abi);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, abi::Revert::Kind::custom);
    EXPECT_NE(r->description.find("OwnableUnauthorizedAccount("), std::string::npos) << r->description;
}

}  // namespace
}  // namespace suture::deploy
