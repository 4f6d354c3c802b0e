// describe_revert: one line for every kind of revert data.
#include "chain/revert.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"

namespace suture::chain {
namespace {

TEST(DescribeRevert, Kinds) {
    auto abi = abi::parse_abi_text(
        R"([{"type":"error","name":"Unauthorized","inputs":[{"name":"who","type":"address"},{"name":"n","type":"uint256"}]}])");
    ASSERT_TRUE(abi.ok()) << abi.error().message;
    // Unauthorized(address,uint256) selector + two words.
    std::string custom = to_hex(abi->entries[0].selector(), false) +
                         "000000000000000000000000f39fd6e51aad88f6f4ce6ab8827279cfffb92266" +
                         "0000000000000000000000000000000000000000000000000000000000000005";
    struct Case { std::string hex; bool with_abi; std::string expect; };
    const Case cases[] = {
        {"0x", false, "no revert data"},
        {"0x08c379a0"
         "0000000000000000000000000000000000000000000000000000000000000020"
         "0000000000000000000000000000000000000000000000000000000000000004"
         "6e6f706500000000000000000000000000000000000000000000000000000000",
         false, "nope"},
        {"0x4e487b710000000000000000000000000000000000000000000000000000000000000011", false, "overflow"},
        {"0x" + custom, true, "Unauthorized("},
        {"0x" + custom, false, to_hex(abi->entries[0].selector())},
        // Error(string) selector with a body too short to hold the offset.
        {"0x08c379a000", false, "undecodable"},
    };
    for (const auto& c : cases) {
        Bytes data = *from_hex(c.hex);
        std::string d = describe_revert(data, c.with_abi ? &*abi : nullptr);
        EXPECT_NE(d.find(c.expect), std::string::npos) << c.hex << " -> " << d;
    }
}

}  // namespace
}  // namespace suture::chain
