#include "core/abi_value.hpp"

#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "core/hex.hpp"

namespace suture::abi {
namespace {

AbiType type(std::string_view t) { return *parse_type(t); }

// Text in, canonical text out (format_value of parse_value).
TEST(AbiValueText, ParsesCliFormsAndPrintsThemBack) {
    struct Case {
        const char* type;
        const char* in;
        const char* out;
    };
    const Case cases[] = {
        {"uint256", "1000", "1000"},
        {"uint256", "0x3e8", "1000"},
        {"uint256", " 42 ", "42"},
        {"uint8", "255", "255"},
        {"uint256", "115792089237316195423570985008687907853269984665640564039457584007913129639935",
         "115792089237316195423570985008687907853269984665640564039457584007913129639935"},
        {"int8", "-128", "-128"},
        {"int8", "127", "127"},
        {"int256", "-0x10", "-16"},
        {"int256", "-57896044618658097711785492504343953926634992332820282019728792003956564819968",
         "-57896044618658097711785492504343953926634992332820282019728792003956564819968"},
        {"address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"},
        {"bool", "true", "true"},
        {"bool", "false", "false"},
        {"bytes", "0xDEADbeef", "0xdeadbeef"},
        {"bytes", "0x", "0x"},
        {"bytes2", "0x1234", "0x1234"},
        {"string", " spaces kept, [brackets] too ", " spaces kept, [brackets] too "},
        {"uint8[]", "[]", "[]"},
        {"uint8[]", "[1, 2,3 ]", "[1, 2, 3]"},
        {"string[]", "[a, \"b, c\", \"q\\\"uote\"]", "[\"a\", \"b, c\", \"q\\\"uote\"]"},
        {"(uint256,string,bool[2])", "(1, x, [true, false])", "(1, \"x\", [true, false])"},
        {"(uint256,(address,bytes))[]", "[(1, (0x0000000000000000000000000000000000000001, 0x01))]",
         "[(1, (0x0000000000000000000000000000000000000001, 0x01))]"},
        {"uint256[][]", "[[1], [], [2, 3]]", "[[1], [], [2, 3]]"},
    };
    for (const auto& c : cases) {
        auto v = parse_value(type(c.type), c.in);
        ASSERT_TRUE(v.ok()) << c.type << " " << c.in << ": " << v.error().message;
        const std::string printed = format_value(type(c.type), *v);
        EXPECT_EQ(printed, c.out) << c.type << " " << c.in;
        // What is printed parses back to the same value (nested strings are quoted).
        if (std::string_view(c.type) != "string") {
            EXPECT_EQ(*parse_value(type(c.type), printed), *v) << printed;
        }
    }
}

TEST(AbiValueText, RejectsInvalidText) {
    const std::pair<const char*, const char*> cases[] = {
        {"uint8", "256"},
        {"uint256", "-1"},
        {"uint256", "12a"},
        {"uint256", ""},
        {"uint256", "115792089237316195423570985008687907853269984665640564039457584007913129639936"},
        {"int8", "128"},
        {"int8", "-129"},
        {"int256", "57896044618658097711785492504343953926634992332820282019728792003956564819968"},
        {"int256", "--1"},
        {"address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD"},
        {"address", "0x1234"},
        {"bool", "1"},
        {"bool", "True"},
        {"bytes", "deadbeef"},
        {"bytes", "0x123"},
        {"bytes2", "0x12"},
        {"bytes2", "0x123456"},
        {"uint8[]", "1, 2"},
        {"uint8[]", "[1, 2"},
        {"uint8[]", "[1, 2] x"},
        {"uint8[2]", "[1]"},
        {"(uint8,bool)", "(1)"},
        {"(uint8,bool)", "(1, true, 3)"},
        {"string[]", "[\"unterminated]"},
        {"()", "(1)"},
    };
    for (const auto& [t, in] : cases) {
        auto v = parse_value(type(t), in);
        EXPECT_FALSE(v.ok()) << t << " accepted \"" << in << "\"";
    }
    auto e = parse_value(type("uint8"), "256");
    EXPECT_NE(e.error().message.find("invalid uint8 value \"256\": out of range"), std::string::npos)
        << e.error().message;
    auto args = parse_values({type("uint256"), type("bool")}, {"1"});
    EXPECT_FALSE(args.ok());
    auto bad_second = parse_values({type("uint256"), type("bool")}, {"1", "yes"});
    EXPECT_NE(bad_second.error().message.find("argument 2"), std::string::npos);
}

TEST(AbiValueJson, ToAndFromJson) {
    const AbiType t = type("(uint256,int8,address,bool,bytes3,string,uint16[])");
    auto v = parse_value(t, "(7, -2, 0x0000000000000000000000000000000000000001, true, 0x616263, hi, [1, 2])");
    ASSERT_TRUE(v.ok()) << v.error().message;
    const nlohmann::json j = value_to_json(t, *v);
    EXPECT_EQ(j.dump(),
              R"(["7","-2","0x0000000000000000000000000000000000000001",true,"0x616263","hi",["1","2"]])");
    auto back = value_from_json(t, j);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, *v);
    // JSON numbers, and raw text for bytes types (the ABITests convention).
    auto raw = value_from_json(t, nlohmann::json::parse(
                                      R"([7, -2, "0x0000000000000000000000000000000000000001", true, "abc", "hi", [1, 2]])"));
    ASSERT_TRUE(raw.ok()) << raw.error().message;
    EXPECT_EQ(*raw, *v);
    EXPECT_FALSE(value_from_json(type("uint8"), nlohmann::json(300)).ok());
    EXPECT_FALSE(value_from_json(type("uint8"), nlohmann::json(-1)).ok());
    EXPECT_FALSE(value_from_json(type("bool"), nlohmann::json(1)).ok());
    EXPECT_FALSE(value_from_json(type("uint8[2]"), nlohmann::json::parse("[1]")).ok());
    EXPECT_FALSE(value_from_json(type("(uint8,bool)"), nlohmann::json::parse("[1]")).ok());
}

TEST(AbiValueJson, NamedTupleFromObject) {
    AbiType t = type("(uint256,bool)");
    t.names = {"amount", "flag"};
    auto v = value_from_json(t, nlohmann::json::parse(R"({"flag": true, "amount": "0x10"})"));
    ASSERT_TRUE(v.ok()) << v.error().message;
    EXPECT_EQ(format_value(t, *v), "(16, true)");
    EXPECT_FALSE(value_from_json(t, nlohmann::json::parse(R"({"amount": 1})")).ok());
}

TEST(AbiValue, CheckValueNamesTheElement) {
    const AbiType t = type("uint8[]");
    auto s = check_value(t, AbiValue(AbiValue::List{uint256(1), uint256(300)}));
    ASSERT_FALSE(s.ok());
    EXPECT_NE(s.error().message.find("element 1"), std::string::npos) << s.error().message;
    EXPECT_FALSE(check_value(type("string"), AbiValue(uint256(1))).ok());
    EXPECT_EQ(int_to_dec(AbiValue::from_int(-5).as_uint()), "-5");
    EXPECT_EQ(int_to_dec(uint256(5)), "5");
}

}  // namespace
}  // namespace suture::abi
