// RLP against ethereum/tests RLPTests (every valid and invalid case), read at
// run time from the shared fixtures, plus targeted strictness cases.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/hex.hpp"
#include "core/rlp_decode.hpp"
#include "core/rlp_encode.hpp"
#include "shared_dir.hpp"

namespace suture::rlp {
namespace {

using nlohmann::json;

std::filesystem::path rlp_tests_dir() { return test::shared_dir() / "ethereum-tests" / "RLPTests"; }

json load(const std::filesystem::path& p) {
    std::ifstream in(p);
    return json::parse(in);
}

// Decimal digits to minimal big-endian bytes (the fixtures' "#<bigint>" can
// exceed 256 bits).
Bytes decimal_to_be(const std::string& dec) {
    Bytes be;  // big-endian, grows at the front
    for (char c : dec) {
        unsigned carry = static_cast<unsigned>(c - '0');
        for (auto it = be.rbegin(); it != be.rend(); ++it) {
            const unsigned v = *it * 10u + carry;
            *it = static_cast<uint8_t>(v);
            carry = v >> 8;
        }
        while (carry) {
            be.insert(be.begin(), static_cast<uint8_t>(carry));
            carry >>= 8;
        }
    }
    return be;
}

// The fixture's "in" value as an RLP tree: strings are bytes, integers and
// "#bigint" are minimal big-endian strings, arrays are lists.
RlpNode to_node(const json& in) {
    if (in.is_array()) {
        std::vector<RlpNode> items;
        for (const auto& e : in) items.push_back(to_node(e));
        return RlpNode::list(std::move(items));
    }
    if (in.is_number_unsigned()) {
        Bytes b;
        for (uint64_t v = in.get<uint64_t>(); v; v >>= 8) b.insert(b.begin(), static_cast<uint8_t>(v));
        return RlpNode::string(b);
    }
    const auto s = in.get<std::string>();
    if (!s.empty() && s[0] == '#') return RlpNode::string(decimal_to_be(s.substr(1)));
    return RlpNode::string(as_view(s));
}

Bytes hex_bytes(const std::string& h) {
    auto r = from_hex(h);
    EXPECT_TRUE(r.ok()) << h;
    return r.ok() ? *r : Bytes{};
}

class RlpTests : public ::testing::Test {
protected:
    void SetUp() override {
        if (!std::filesystem::exists(rlp_tests_dir()))
            GTEST_SKIP() << "RLPTests not found at " << rlp_tests_dir()
                         << " (set SUTURE_SHARED to the shared fixtures folder)";
    }
};

TEST_F(RlpTests, EveryValidCaseEncodesAndDecodes) {
    const json cases = load(rlp_tests_dir() / "rlptest.json");
    ASSERT_GE(cases.size(), 28u);
    for (const auto& [name, c] : cases.items()) {
        const Bytes expected = hex_bytes(c["out"].get<std::string>());
        const RlpNode node = to_node(c["in"]);
        EXPECT_EQ(to_hex(encode(node)), to_hex(expected)) << name;
        auto decoded = decode(expected);
        ASSERT_TRUE(decoded.ok()) << name << ": " << decoded.error().message;
        EXPECT_TRUE(*decoded == node) << name;
    }
}

TEST_F(RlpTests, EveryInvalidCaseIsRejected) {
    const json cases = load(rlp_tests_dir() / "invalidRLPTest.json");
    ASSERT_GE(cases.size(), 26u);
    for (const auto& [name, c] : cases.items()) {
        ASSERT_EQ(c["in"], "INVALID") << name;
        const Bytes input = hex_bytes(c["out"].get<std::string>());
        auto decoded = decode(input);
        EXPECT_FALSE(decoded.ok()) << name << " was accepted";
        if (!decoded.ok()) {
            EXPECT_NE(decoded.error().message.find("rlp: at offset"), std::string::npos);
        }
    }
}

TEST_F(RlpTests, RandomCasesMarkedValidDecodeAndRoundTrip) {
    size_t seen = 0;
    for (const auto& entry : std::filesystem::directory_iterator(rlp_tests_dir() / "RandomRLPTests")) {
        const json cases = load(entry.path());
        for (const auto& [name, c] : cases.items()) {
            ASSERT_EQ(c["in"], "VALID") << name;
            const Bytes input = hex_bytes(c["out"].get<std::string>());
            auto decoded = decode(input);
            ASSERT_TRUE(decoded.ok()) << name << ": " << decoded.error().message;
            EXPECT_EQ(encode(*decoded), input) << name;
            ++seen;
        }
    }
    EXPECT_GT(seen, 0u);
}

struct Rejected {
    const char* hex;
    const char* message_part;
};

TEST(RlpDecode, NamesWhatIsWrongAndWhere) {
    const Rejected cases[] = {
        {"", "offset 0: expected an item"},
        {"8100", "offset 0: single byte 0x00 must be encoded as itself"},
        {"c28100", "offset 1: single byte 0x00"},
        {"b800", "leading zero"},
        {"b801ff", "1 bytes uses the long form"},
        {"f803112233", "list of 3 bytes uses the long form"},
        {"83646f", "string of 3 bytes but only 2 remain"},
        {"c28201", "offset 1: string of 2 bytes but only 1 remain"},  // item past its list's end
        {"0101", "offset 1: 1 trailing bytes"},
        {"bf0f000000000000021111", "string of 1080863910568919042 bytes but only 2 remain"},
        {"b9", "string length needs 2 bytes but only 0 remain"},
    };
    for (const auto& c : cases) {
        auto r = decode(*from_hex(c.hex));
        ASSERT_FALSE(r.ok()) << c.hex;
        EXPECT_NE(r.error().message.find(c.message_part), std::string::npos)
            << c.hex << " -> " << r.error().message;
    }
}

TEST(RlpDecode, DeepNestingIsAnErrorNotAStackOverflow) {
    // 0xc1 0xc1 ... 0xc0: each list holds the next; build from the inside out.
    Bytes enc{0xc0};
    for (size_t i = 0; i < kMaxDepth + 5; ++i) {
        Bytes outer;
        append_list_header(outer, enc.size());
        outer.insert(outer.end(), enc.begin(), enc.end());
        enc = std::move(outer);
    }
    auto r = decode(enc);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("nested deeper"), std::string::npos);
}

TEST(RlpDecode, ViewsCarryAbsoluteOffsetsAndScalars) {
    // [1000, "dog", []]
    const Bytes enc = encode_list({encode_uint(uint64_t{1000}), encode_bytes(as_view("dog")), encode_list({})});
    auto top = read_single(enc);
    ASSERT_TRUE(top.ok());
    auto items = read_list(enc, *top);
    ASSERT_TRUE(items.ok());
    ASSERT_EQ(items->size(), 3u);
    EXPECT_EQ((*items)[0].offset, 1u);
    EXPECT_EQ(*to_uint64((*items)[0]), 1000u);
    EXPECT_EQ((*items)[1].offset, 4u);
    EXPECT_TRUE((*items)[2].is_list);
    EXPECT_FALSE(to_uint64((*items)[2]).ok());
    EXPECT_FALSE(read_list(enc, (*items)[1]).ok());
}

TEST(RlpDecode, ScalarsMustBeMinimal) {
    const Bytes zero_padded = encode_bytes(Bytes{0x00, 0x01});
    auto item = read_single(zero_padded);
    ASSERT_TRUE(item.ok());
    EXPECT_FALSE(to_uint256(*item).ok());
    const Bytes nine = encode_bytes(Bytes(9, 0x11));
    EXPECT_FALSE(to_uint64(*read_single(nine)).ok());
    EXPECT_EQ(to_uint256(*read_single(nine))->to_hex(), "0x111111111111111111");
    EXPECT_EQ(*to_uint64(*read_single(encode_uint(uint64_t{0}))), 0u);
}

TEST(RlpEncode, IntegersAndLengthBoundaries) {
    EXPECT_EQ(to_hex(encode_uint(uint64_t{0})), "0x80");
    EXPECT_EQ(to_hex(encode_uint(uint64_t{127})), "0x7f");
    EXPECT_EQ(to_hex(encode_uint(uint64_t{128})), "0x8180");
    EXPECT_EQ(to_hex(encode_uint(~uint64_t{0})), "0x88ffffffffffffffff");
    EXPECT_EQ(to_hex(encode_uint(uint256::max())),
              "0xa0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
    EXPECT_EQ(encode_bytes(Bytes(55, 0xaa))[0], 0x80 + 55);
    const Bytes b56 = encode_bytes(Bytes(56, 0xaa));
    EXPECT_EQ(b56[0], 0xb8);
    EXPECT_EQ(b56[1], 56);
    Bytes header;
    append_list_header(header, 1u << 16);
    EXPECT_EQ(to_hex(header), "0xfa010000");
}

}  // namespace
}  // namespace suture::rlp
