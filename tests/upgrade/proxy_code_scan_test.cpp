#include "upgrade/proxy_code_scan.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"

namespace suture::upgrade {
namespace {

Bytes hex(const std::string& h) { return *from_hex(h); }

TEST(ProxyCodeScan, FindsTheEip1167Target) {
    // EIP-1167 reference runtime for target 0xbebebebebebebebebebebebebebebebebebebebe.
    auto code = hex("363d3d373d3d3d363d73bebebebebebebebebebebebebebebebebebebebe5af43d82803e903d91602b57fd5bf3");
    auto t = minimal_proxy_target(code);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(to_hex(t->bytes), "0xbebebebebebebebebebebebebebebebebebebebe");
}

TEST(ProxyCodeScan, FindsTheEip7511Target) {
    auto code = hex("365f5f375f5f365f73bebebebebebebebebebebebebebebebebebebebe5af43d5f5f3e5f3d91602a57fd5bf3");
    auto t = minimal_proxy_target(code);
    ASSERT_TRUE(t.has_value());
    EXPECT_EQ(t->bytes[0], 0xbe);
}

TEST(ProxyCodeScan, RejectsNearMisses) {
    // One byte short, one byte changed in the suffix, and empty code.
    EXPECT_FALSE(minimal_proxy_target(hex("363d3d373d3d3d363d73bebebebebebebebebebebebebebebebebebebebe5af43d82803e903d91602b57fd5b")));
    EXPECT_FALSE(minimal_proxy_target(hex("363d3d373d3d3d363d73bebebebebebebebebebebebebebebebebebebebe5af43d82803e903d91602b57fd5bf4")));
    EXPECT_FALSE(minimal_proxy_target(Bytes{}));
}

TEST(ProxyCodeScan, SelectorsSkipPushData) {
    // PUSH4 0x8da5cb5b, then PUSH32 whose data contains 63 99a88ec4 (must not count),
    // then PUSH3 0x00abcd (narrowest push for 0x0000abcd would be PUSH2: does not count),
    // then PUSH2 0xabcd.
    std::string code = "638da5cb5b";
    code += "7f" + std::string("6399a88ec4") + std::string(54, '0');
    code += "6200abcd" "61abcd";
    auto sels = pushed_selectors(hex(code));
    EXPECT_TRUE(has_selector(hex(code), 0x8da5cb5b));
    EXPECT_FALSE(has_selector(hex(code), 0x99a88ec4));
    EXPECT_TRUE(has_selector(hex(code), 0xabcd));
    EXPECT_EQ(sels.size(), 2u);
}

TEST(ProxyCodeScan, TruncatedPushIsNotASelector) {
    EXPECT_TRUE(pushed_selectors(hex("638da5cb")).empty());
}

}  // namespace
}  // namespace suture::upgrade
