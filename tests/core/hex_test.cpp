#include "core/hex.hpp"

#include <gtest/gtest.h>

namespace suture {
namespace {

TEST(Hex, EncodesLowerCaseWithOptionalPrefix) {
    const Bytes b{0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(to_hex(b), "0x0001abff");
    EXPECT_EQ(to_hex(b, false), "0001abff");
    EXPECT_EQ(to_hex(Bytes{}), "0x");
}

TEST(Hex, DecodesWithAndWithoutPrefixAnyCase) {
    for (const char* s : {"0x0001abff", "0X0001ABFF", "0001AbFf"}) {
        auto r = from_hex(s);
        ASSERT_TRUE(r.ok()) << s;
        EXPECT_EQ(*r, (Bytes{0x00, 0x01, 0xab, 0xff})) << s;
    }
    auto empty = from_hex("0x");
    ASSERT_TRUE(empty.ok());
    EXPECT_TRUE(empty->empty());
    EXPECT_TRUE(from_hex("")->empty());
}

TEST(Hex, RejectsMalformedInputNamingThePosition) {
    struct Case {
        const char* input;
        const char* message_part;
    };
    const Case cases[] = {
        {"0x123", "odd number of digits (3)"},
        {"abc", "odd number of digits"},
        {"0x12g4", "'g' at position 4"},
        {"12 4", "byte 0x20 at position 2"},
        {"0x0x", "'x' at position 3"},
        {"x0", "'x' at position 0"},
        {"0xzz", "'z' at position 2"},
    };
    for (const auto& c : cases) {
        auto r = from_hex(c.input);
        ASSERT_FALSE(r.ok()) << c.input;
        EXPECT_NE(r.error().message.find(c.message_part), std::string::npos)
            << c.input << " -> " << r.error().message;
        EXPECT_EQ(r.error().kind, ErrorKind::input);
    }
}

TEST(Hex, RoundTripsEveryByteValue) {
    Bytes all(256);
    for (int i = 0; i < 256; ++i) all[i] = static_cast<uint8_t>(i);
    auto back = from_hex(to_hex(all));
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, all);
}

}  // namespace
}  // namespace suture
