// Malformed ABI data must give an error naming what is wrong, never a crash,
// an out-of-bounds read, or a huge allocation.
#include "core/abi_decode.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"

namespace suture::abi {
namespace {

Bytes word(const uint256& x) {
    Bytes b(32);
    x.to_be(b.data());
    return b;
}

Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

std::vector<AbiType> types(std::string_view list) {
    auto t = parse_type(list);
    EXPECT_TRUE(t.ok()) << list;
    return t->components;
}

struct Malformed {
    const char* name;
    const char* types;
    Bytes data;
    const char* message_part;
};

TEST(AbiDecode, MalformedDataIsAnErrorSayingWhy) {
    const uint256 huge = uint256(1) << 255;
    Bytes hello_dirty = cat({word(32), word(5), from_hex("68656c6c6f").value()});
    hello_dirty.resize(96, 0);
    hello_dirty[95] = 1;
    const Malformed cases[] = {
        {"empty data", "(uint256)", {}, "needs at least 32 bytes"},
        {"short static data", "(uint256,bool)", Bytes(63, 0), "needs at least 64 bytes"},
        {"offset past the end", "(string)", word(0x1000), "offset 0x1000 points past the end"},
        {"offset 2^255", "(bytes)", word(huge), "points past the end"},
        {"length past the end", "(string)", cat({word(32), word(1000)}), "length 1000 exceeds the 0 bytes"},
        {"length 2^255", "(bytes)", cat({word(32), word(huge), Bytes(32, 0)}), "exceeds the 32 bytes"},
        {"array length 2^64 (no allocation)", "(uint256[])", cat({word(32), word(uint256(1) << 64), word(1)}),
         "length 18446744073709551616 exceeds"},
        {"length word truncated", "(uint256[])", cat({word(32), Bytes(16, 0)}), "length word truncated"},
        {"missing padding", "(string)", cat({word(32), word(5), from_hex("68656c6c6f").value()}),
         "lacks its zero padding"},
        {"dirty padding", "(string)", hello_dirty, "non-zero padding"},
        {"dirty address", "(address)", word(uint256(1) << 160), "address word has non-zero high bytes"},
        {"bool 2", "(bool)", word(2), "bool word is 0x2"},
        {"uint8 256", "(uint8)", word(256), "out of range for uint8"},
        {"int8 not sign-extended", "(int8)", word(0x80), "out of range for int8"},
        {"bytes4 dirty low bytes", "(bytes4)", word(1), "non-zero low bytes"},
        {"nested element offset past its array", "(uint256[][])",
         cat({word(32), word(1), word(0x100)}), "element 0 (uint256[]): offset 0x100"},
    };
    for (const auto& c : cases) {
        auto r = decode(types(c.types), c.data);
        ASSERT_FALSE(r.ok()) << c.name;
        EXPECT_NE(r.error().message.find(c.message_part), std::string::npos) << c.name << " -> " << r.error().message;
        EXPECT_EQ(r.error().message.rfind("abi decode ", 0), 0u) << r.error().message;
    }
}

TEST(AbiDecode, LenientModeIgnoresOnlyPadding) {
    const Bytes unpadded = cat({word(32), word(5), from_hex("68656c6c6f").value()});
    auto r = decode(types("(string)"), unpadded, DecodeOptions{.strict = false});
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ((*r)[0].as_string(), "hello");
    EXPECT_FALSE(decode(types("(bool)"), word(2), DecodeOptions{.strict = false}).ok());
}

// An array of n offsets that all point at one m-element array decodes to n*m
// values from O(n+m) bytes: the decoder must refuse rather than exhaust memory.
TEST(AbiDecode, SharedOffsetsCannotBlowUpTheOutput) {
    const size_t n = 2000, m = 2000;
    Bytes data = cat({word(32), word(n)});
    for (size_t i = 0; i < n; ++i) data = cat({data, word(32 * n)});  // each inner offset -> same inner array
    data = cat({data, word(m)});
    data.resize(data.size() + 32 * m, 0);
    auto r = decode(types("(uint256[][])"), data);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("offsets share data"), std::string::npos) << r.error().message;
}

TEST(AbiDecode, TrailingDataAndNonCanonicalOffsetsAreAccepted) {
    // Solidity ignores extra call data, and offsets need not be the canonical ones.
    const Bytes data = cat({word(64), Bytes(32, 0xee), word(3), from_hex("616263").value(), Bytes(29, 0), Bytes(7, 1)});
    auto r = decode(types("(string)"), data);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ((*r)[0].as_string(), "abc");
}

TEST(AbiDecode, CallDataChecksTheSelector) {
    auto sig = parse_signature("transfer(address,uint256)");
    ASSERT_TRUE(sig.ok());
    EXPECT_NE(decode_call(*sig, Bytes{0xa9, 0x05}).error().message.find("no 4-byte selector"), std::string::npos);
    const Bytes wrong = cat({Bytes{1, 2, 3, 4}, Bytes(64, 0)});
    EXPECT_NE(decode_call(*sig, wrong).error().message.find("is not 0xa9059cbb"), std::string::npos);
    const Bytes right = cat({Bytes{0xa9, 0x05, 0x9c, 0xbb}, word(0x1234), word(7)});
    auto r = decode_call(*sig, right);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ((*r)[1].as_uint(), uint256(7));
}

TEST(AbiDecode, EventLogWithIndexedArguments) {
    auto sig = parse_signature("event Note(address indexed from, string indexed tag, uint256 value, string text)");
    ASSERT_TRUE(sig.ok()) << sig.error().message;
    EXPECT_EQ(sig->canonical(), "Note(address,string,uint256,string)");
    auto from = parse_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    const Bytes32 topics[] = {event_topic(sig->canonical()), *indexed_topic(AbiType::simple(AbiKind::address), *from),
                              *indexed_topic(AbiType::simple(AbiKind::string), AbiValue("tag"))};
    auto data = encode({AbiType::uint(), AbiType::simple(AbiKind::string)}, {uint256(9), AbiValue("hi")});
    ASSERT_TRUE(data.ok());
    auto log = decode_log(*sig, topics, *data);
    ASSERT_TRUE(log.ok()) << log.error().message;
    ASSERT_EQ(log->size(), 4u);
    EXPECT_EQ((*log)[0].value->as_address(), *from);
    EXPECT_FALSE((*log)[1].value.has_value());
    EXPECT_EQ((*log)[1].hash, topics[2]);
    EXPECT_EQ((*log)[2].value->as_uint(), uint256(9));
    EXPECT_EQ((*log)[3].value->as_string(), "hi");
    EXPECT_FALSE(decode_log(*sig, std::span(topics, 2), *data).ok());
    const Bytes32 wrong[] = {topics[1], topics[1], topics[2]};
    EXPECT_FALSE(decode_log(*sig, wrong, *data).ok());
}

}  // namespace
}  // namespace suture::abi
