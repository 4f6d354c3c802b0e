#include "core/abi_revert.hpp"

#include <gtest/gtest.h>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"

namespace suture::abi {
namespace {

Bytes with_selector(std::string_view sig, const std::vector<AbiType>& types, const std::vector<AbiValue>& values) {
    const Selector s = selector(sig);
    Bytes out(s.begin(), s.end());
    const Bytes args = encode(types, values).value();
    out.insert(out.end(), args.begin(), args.end());
    return out;
}

TEST(AbiRevert, ErrorString) {
    // Solidity docs, "revert": revert("Not enough Ether provided.") returns this data.
    auto data = from_hex(
        "0x08c379a0"
        "0000000000000000000000000000000000000000000000000000000000000020"
        "000000000000000000000000000000000000000000000000000000000000001a"
        "4e6f7420656e6f7567682045746865722070726f76696465642e000000000000");
    ASSERT_TRUE(data.ok());
    auto r = decode_revert(*data);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, Revert::Kind::error_string);
    EXPECT_EQ(r->message, "Not enough Ether provided.");
    EXPECT_EQ(r->description, "Error(\"Not enough Ether provided.\")");
}

TEST(AbiRevert, EveryPanicCodeHasItsMeaning) {
    const std::pair<uint64_t, const char*> codes[] = {
        {0x00, "generic"},  {0x01, "assert"},       {0x11, "overflow"},      {0x12, "division or modulo by zero"},
        {0x21, "enum"},     {0x22, "storage byte array"}, {0x31, "pop() on an empty array"},
        {0x32, "out of bounds"}, {0x41, "memory"}, {0x51, "zero-initialized internal function"},
    };
    for (const auto& [code, part] : codes) {
        auto r = decode_revert(with_selector("Panic(uint256)", {AbiType::uint()}, {uint256(code)}));
        ASSERT_TRUE(r.ok());
        EXPECT_EQ(r->kind, Revert::Kind::panic);
        EXPECT_EQ(r->panic_code, uint256(code));
        EXPECT_NE(r->description.find(part), std::string::npos) << r->description;
        EXPECT_NE(panic_reason(code), nullptr);
    }
    auto odd = decode_revert(with_selector("Panic(uint256)", {AbiType::uint()}, {uint256(0x99)}));
    EXPECT_EQ(odd->description, "Panic(0x99): unknown panic code");
    EXPECT_EQ(panic_reason(uint256(1) << 100), nullptr);
}

TEST(AbiRevert, CustomErrorFromAbi) {
    auto abi = parse_abi_text(R"([{"type": "error", "name": "InsufficientBalance",
        "inputs": [{"name": "available", "type": "uint256"}, {"name": "required", "type": "uint256"}]},
        {"type": "error", "name": "Unauthorized", "inputs": [{"name": "who", "type": "address"}]}])");
    ASSERT_TRUE(abi.ok());
    const Bytes data = with_selector("InsufficientBalance(uint256,uint256)", {AbiType::uint(), AbiType::uint()},
                                     {uint256(10), uint256(25)});
    auto r = decode_revert(data, &*abi);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, Revert::Kind::custom);
    EXPECT_EQ(r->error->name, "InsufficientBalance");
    EXPECT_EQ(r->description, "InsufficientBalance(10, 25)");
    // Without the ABI, or with a selector it does not declare: unknown, not an error.
    auto unknown = decode_revert(data);
    ASSERT_TRUE(unknown.ok());
    EXPECT_EQ(unknown->kind, Revert::Kind::unknown);
    EXPECT_NE(unknown->description.find("unknown error selector 0x"), std::string::npos);
}

TEST(AbiRevert, EmptyShortAndMalformed) {
    EXPECT_EQ(decode_revert({})->kind, Revert::Kind::empty);
    auto short_data = decode_revert(Bytes{0x08, 0xc3});
    ASSERT_TRUE(short_data.ok());
    EXPECT_EQ(short_data->kind, Revert::Kind::unknown);
    // The Error(string) selector with a truncated body is an error, not a silent "unknown".
    auto truncated = decode_revert(Bytes{0x08, 0xc3, 0x79, 0xa0, 0x00});
    ASSERT_FALSE(truncated.ok());
    EXPECT_NE(truncated.error().message.find("Error(string) selector"), std::string::npos);
    const Bytes bad_panic = with_selector("Panic(uint256)", {}, {});
    EXPECT_FALSE(decode_revert(bad_panic).ok());
}

}  // namespace
}  // namespace suture::abi
