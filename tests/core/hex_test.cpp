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

TEST(Hex, DigitValueOfEveryCharacter) {
    for (int c = 0; c < 256; ++c) {
        const char ch = static_cast<char>(c);
        int expect = -1;
        if (ch >= '0' && ch <= '9') expect = c - '0';
        if (ch >= 'a' && ch <= 'f') expect = c - 'a' + 10;
        if (ch >= 'A' && ch <= 'F') expect = c - 'A' + 10;
        EXPECT_EQ(hex_digit(ch), expect) << c;
    }
    static_assert(hex_digit('F') == 15 && hex_digit('g') == -1);
}

TEST(Hex, DecodesIntoAFixedBufferOrNamesTheFirstBadDigit) {
    uint8_t buf[3] = {};
    EXPECT_EQ(decode_hex_into("00aBfF", buf), std::string_view::npos);
    EXPECT_EQ(buf[0], 0x00);
    EXPECT_EQ(buf[1], 0xab);
    EXPECT_EQ(buf[2], 0xff);
    EXPECT_EQ(decode_hex_into("00ab0x", buf), 5u);  // the low digit of a byte
    EXPECT_EQ(decode_hex_into("00g1zz", buf), 2u);  // the high digit; the first bad one wins
    EXPECT_EQ(decode_hex_into("", std::span<uint8_t>()), std::string_view::npos);
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
