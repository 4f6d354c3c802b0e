// ABI encoding against the examples of the Solidity ABI specification
// ("Examples" and "Use of Dynamic Types"), each also decoded back.
#include "core/abi_encode.hpp"

#include <gtest/gtest.h>

#include "core/abi_decode.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::abi {
namespace {

struct SpecExample {
    const char* signature;
    std::vector<std::string> args;  // CLI text form of each argument
    const char* selector;
    std::vector<const char*> words;  // expected encoding, one 32-byte word per line
};

std::string join(const std::vector<const char*>& words) {
    std::string s = "0x";
    for (auto w : words) s += w;
    return s;
}

const std::vector<SpecExample>& spec_examples() {
    static const std::vector<SpecExample> examples = {
        {"baz(uint32,bool)", {"69", "true"}, "cdcd77c0",
         {"0000000000000000000000000000000000000000000000000000000000000045",
          "0000000000000000000000000000000000000000000000000000000000000001"}},
        {"bar(bytes3[2])", {"[0x616263, 0x646566]"}, "fce353f6",
         {"6162630000000000000000000000000000000000000000000000000000000000",
          "6465660000000000000000000000000000000000000000000000000000000000"}},
        {"sam(bytes,bool,uint256[])", {"0x64617665", "true", "[1,2,3]"}, "a5643bf2",
         {"0000000000000000000000000000000000000000000000000000000000000060",
          "0000000000000000000000000000000000000000000000000000000000000001",
          "00000000000000000000000000000000000000000000000000000000000000a0",
          "0000000000000000000000000000000000000000000000000000000000000004",
          "6461766500000000000000000000000000000000000000000000000000000000",
          "0000000000000000000000000000000000000000000000000000000000000003",
          "0000000000000000000000000000000000000000000000000000000000000001",
          "0000000000000000000000000000000000000000000000000000000000000002",
          "0000000000000000000000000000000000000000000000000000000000000003"}},
        {"f(uint256,uint32[],bytes10,bytes)",
         {"0x123", "[0x456, 0x789]", "0x31323334353637383930", "0x48656c6c6f2c20776f726c6421"}, "8be65246",
         {"0000000000000000000000000000000000000000000000000000000000000123",
          "0000000000000000000000000000000000000000000000000000000000000080",
          "3132333435363738393000000000000000000000000000000000000000000000",
          "00000000000000000000000000000000000000000000000000000000000000e0",
          "0000000000000000000000000000000000000000000000000000000000000002",
          "0000000000000000000000000000000000000000000000000000000000000456",
          "0000000000000000000000000000000000000000000000000000000000000789",
          "000000000000000000000000000000000000000000000000000000000000000d",
          "48656c6c6f2c20776f726c642100000000000000000000000000000000000000"}},
        {"g(uint256[][],string[])", {"[[1, 2], [3]]", "[\"one\", \"two\", \"three\"]"}, "2289b18c",
         {"0000000000000000000000000000000000000000000000000000000000000040",
          "0000000000000000000000000000000000000000000000000000000000000140",
          "0000000000000000000000000000000000000000000000000000000000000002",
          "0000000000000000000000000000000000000000000000000000000000000040",
          "00000000000000000000000000000000000000000000000000000000000000a0",
          "0000000000000000000000000000000000000000000000000000000000000002",
          "0000000000000000000000000000000000000000000000000000000000000001",
          "0000000000000000000000000000000000000000000000000000000000000002",
          "0000000000000000000000000000000000000000000000000000000000000001",
          "0000000000000000000000000000000000000000000000000000000000000003",
          "0000000000000000000000000000000000000000000000000000000000000003",
          "0000000000000000000000000000000000000000000000000000000000000060",
          "00000000000000000000000000000000000000000000000000000000000000a0",
          "00000000000000000000000000000000000000000000000000000000000000e0",
          "0000000000000000000000000000000000000000000000000000000000000003",
          "6f6e650000000000000000000000000000000000000000000000000000000000",
          "0000000000000000000000000000000000000000000000000000000000000003",
          "74776f0000000000000000000000000000000000000000000000000000000000",
          "0000000000000000000000000000000000000000000000000000000000000005",
          "7468726565000000000000000000000000000000000000000000000000000000"}},
        // The acceptance example; expected value from ethers 5.4 (node_modules).
        {"f(uint256,string)", {"1", "hello"}, "1ba84e08",
         {"0000000000000000000000000000000000000000000000000000000000000001",
          "0000000000000000000000000000000000000000000000000000000000000040",
          "0000000000000000000000000000000000000000000000000000000000000005",
          "68656c6c6f000000000000000000000000000000000000000000000000000000"}},
    };
    return examples;
}

TEST(AbiSpecExamples, EncodeSelectorAndCallData) {
    for (const auto& ex : spec_examples()) {
        auto sig = parse_signature(ex.signature);
        ASSERT_TRUE(sig.ok()) << ex.signature << ": " << sig.error().message;
        EXPECT_EQ(sig->canonical(), ex.signature);
        EXPECT_EQ(to_hex(selector(sig->canonical()), false), ex.selector) << ex.signature;
        auto values = parse_values(sig->input_types(), ex.args);
        ASSERT_TRUE(values.ok()) << ex.signature << ": " << values.error().message;
        auto enc = encode(sig->input_types(), *values);
        ASSERT_TRUE(enc.ok()) << ex.signature << ": " << enc.error().message;
        EXPECT_EQ(to_hex(*enc), join(ex.words)) << ex.signature;
        auto call = encode_call(*sig, *values);
        ASSERT_TRUE(call.ok());
        EXPECT_EQ(to_hex(*call), "0x" + std::string(ex.selector) + join(ex.words).substr(2));
    }
}

TEST(AbiSpecExamples, DecodeRoundTrips) {
    for (const auto& ex : spec_examples()) {
        auto sig = parse_signature(ex.signature);
        ASSERT_TRUE(sig.ok());
        auto values = parse_values(sig->input_types(), ex.args);
        ASSERT_TRUE(values.ok());
        auto data = from_hex(join(ex.words));
        ASSERT_TRUE(data.ok());
        auto decoded = decode(sig->input_types(), *data);
        ASSERT_TRUE(decoded.ok()) << ex.signature << ": " << decoded.error().message;
        EXPECT_EQ(*decoded, *values) << ex.signature;
        auto call = decode_call(*sig, *encode_call(*sig, *values));
        ASSERT_TRUE(call.ok()) << call.error().message;
        EXPECT_EQ(*call, *values);
    }
}

// Nested tuples with dynamic members, negative intN and an address; expected
// encoding from ethers 5.4.
TEST(AbiEncode, NestedDynamicTuplesMatchEthers) {
    auto sig = parse_signature("h((uint256,bytes)[],string[2],int8,address)");
    ASSERT_TRUE(sig.ok());
    auto values = parse_values(sig->input_types(), {"[(5, 0xdead), (6, 0x)]", "[a, \"bc\"]", "-3",
                                                    "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed"});
    ASSERT_TRUE(values.ok()) << values.error().message;
    auto enc = encode_call(*sig, *values);
    ASSERT_TRUE(enc.ok()) << enc.error().message;
    EXPECT_EQ(to_hex(*enc),
              "0xd34eecec"
              "0000000000000000000000000000000000000000000000000000000000000080"
              "00000000000000000000000000000000000000000000000000000000000001c0"
              "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd"
              "0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed"
              "0000000000000000000000000000000000000000000000000000000000000002"
              "0000000000000000000000000000000000000000000000000000000000000040"
              "00000000000000000000000000000000000000000000000000000000000000c0"
              "0000000000000000000000000000000000000000000000000000000000000005"
              "0000000000000000000000000000000000000000000000000000000000000040"
              "0000000000000000000000000000000000000000000000000000000000000002"
              "dead000000000000000000000000000000000000000000000000000000000000"
              "0000000000000000000000000000000000000000000000000000000000000006"
              "0000000000000000000000000000000000000000000000000000000000000040"
              "0000000000000000000000000000000000000000000000000000000000000000"
              "0000000000000000000000000000000000000000000000000000000000000040"
              "0000000000000000000000000000000000000000000000000000000000000080"
              "0000000000000000000000000000000000000000000000000000000000000001"
              "6100000000000000000000000000000000000000000000000000000000000000"
              "0000000000000000000000000000000000000000000000000000000000000002"
              "6263000000000000000000000000000000000000000000000000000000000000");
    auto back = decode_call(*sig, *enc);
    ASSERT_TRUE(back.ok()) << back.error().message;
    EXPECT_EQ(*back, *values);
}

TEST(AbiEncode, RejectsValuesThatDoNotFitTheirType) {
    struct Case {
        AbiType type;
        AbiValue value;
    };
    const Case cases[] = {
        {AbiType::uint(8), AbiValue(uint256(256))},
        {AbiType::int_(8), AbiValue(uint256(128))},
        {AbiType::int_(8), AbiValue::from_int(-129)},
        {AbiType::fixed_bytes(4), AbiValue(Bytes{1, 2, 3})},
        {AbiType::fixed_array_of(AbiType::uint(), 2), AbiValue(AbiValue::List{uint256(1)})},
        {AbiType::simple(AbiKind::bool_), AbiValue(uint256(1))},
        {AbiType::tuple_of({AbiType::uint(), AbiType::simple(AbiKind::bool_)}), AbiValue(AbiValue::List{uint256(1)})},
    };
    for (const auto& c : cases) EXPECT_FALSE(encode({c.type}, {c.value}).ok()) << c.type.canonical();
    EXPECT_TRUE(encode({AbiType::int_(8)}, {AbiValue::from_int(-128)}).ok());
    EXPECT_TRUE(encode({AbiType::int_(8)}, {AbiValue::from_int(127)}).ok());
    EXPECT_FALSE(encode({AbiType::uint()}, {}).ok());
}

TEST(AbiSelectors, WellKnownSelectorsAndTopics) {
    EXPECT_EQ(to_hex(selector("transfer(address,uint256)")), "0xa9059cbb");
    EXPECT_EQ(to_hex(selector("Error(string)")), "0x08c379a0");
    EXPECT_EQ(to_hex(selector("Panic(uint256)")), "0x4e487b71");
    EXPECT_EQ(to_hex(event_topic("Transfer(address,address,uint256)")),
              "0xddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
}

// Spec, "Encoding of Indexed Event Parameters".
TEST(AbiEncode, IndexedTopics) {
    auto addr = parse_address("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed");
    ASSERT_TRUE(addr.ok());
    EXPECT_EQ(to_hex(*indexed_topic(AbiType::simple(AbiKind::address), *addr)),
              "0x0000000000000000000000005aaeb6053f3e94c9b9a09f33669435e7ef1beaed");
    EXPECT_EQ(*indexed_topic(AbiType::simple(AbiKind::string), AbiValue("hello")), keccak256(std::string_view("hello")));
    // uint8[] [1, 2]: elements padded to 32 bytes each, no length.
    Bytes in_place(64, 0);
    in_place[31] = 1;
    in_place[63] = 2;
    EXPECT_EQ(*indexed_topic(AbiType::array_of(AbiType::uint(8)), AbiValue(AbiValue::List{uint256(1), uint256(2)})),
              keccak256(in_place));
    EXPECT_EQ(to_hex(*indexed_topic(AbiType::int_(16), AbiValue::from_int(-1))),
              "0xffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff");
}

}  // namespace
}  // namespace suture::abi
