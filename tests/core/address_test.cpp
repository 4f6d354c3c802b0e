#include "core/address.hpp"

#include <gtest/gtest.h>

namespace suture {
namespace {

// EIP-55's own test cases: each is its own checksum form.
const char* const kEip55Examples[] = {
    "0x52908400098527886E0F7030069857D2E4169EE7",  // all caps
    "0x8617E340B3D01FA5F11F306F4090FD50E238070D",
    "0xde709f2102306220921060314715629080e2fb77",  // all lower
    "0x27b1fdb04752bbc536007a920d24acb045561c26",
    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed",  // normal
    "0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359",
    "0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB",
    "0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb",
};

TEST(Address, Eip55ExamplesParseAndPrintUnchanged) {
    for (const char* s : kEip55Examples) {
        auto a = parse_address(s);
        ASSERT_TRUE(a.ok()) << s << ": " << a.error().message;
        EXPECT_EQ(to_checksum(*a), s);
    }
}

TEST(Address, SingleCaseInputIsAcceptedWithoutChecksum) {
    auto lower = parse_address("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    auto upper = parse_address("0x5AAEB6053F3E94C9B9A09F33669435E7EF1BEAED");
    ASSERT_TRUE(lower.ok());
    ASSERT_TRUE(upper.ok());
    EXPECT_EQ(*lower, *upper);
    EXPECT_EQ(to_checksum(*lower), "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    EXPECT_EQ(lower->bytes[0], 0x5a);
    EXPECT_EQ(lower->bytes[19], 0xed);
}

TEST(Address, RejectsBadChecksumAndMalformedText) {
    // One letter's case flipped from the EIP-55 example.
    auto flipped = parse_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD");
    ASSERT_FALSE(flipped.ok());
    EXPECT_NE(flipped.error().message.find("EIP-55"), std::string::npos);
    for (const char* bad : {"", "0x", "5aaeb6053f3e94c9b9a09f33669435e7ef1beaed",
                            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea",
                            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed00",
                            "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaeg"}) {
        EXPECT_FALSE(parse_address(bad).ok()) << bad;
    }
}

TEST(Address, ZeroAndOrdering) {
    Address zero;
    EXPECT_TRUE(zero.is_zero());
    EXPECT_EQ(to_checksum(zero), "0x0000000000000000000000000000000000000000");
    auto one = parse_address("0x0000000000000000000000000000000000000001");
    ASSERT_TRUE(one.ok());
    EXPECT_FALSE(one->is_zero());
    EXPECT_LT(zero, *one);
}

}  // namespace
}  // namespace suture
