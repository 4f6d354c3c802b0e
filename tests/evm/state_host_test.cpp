// The state host: contract addresses, frames over a real State with a small
// program, and failure rules (collisions, depth, balance, code deposit).
#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "evm/state_host.hpp"
#include "evm/state_memory.hpp"

namespace suture::evm {
namespace {

Address addr(std::string_view hex) { return *parse_address(hex); }
Bytes hexb(std::string_view hex) { return *from_hex(hex); }
Bytes32 word(std::string_view hex) {
    Bytes32 w{};
    const Bytes b = hexb(hex);
    std::copy(b.begin(), b.end(), w.begin() + (32 - b.size()));
    return w;
}

TEST(CreateAddress, KnownVectors) {
    const Address sender = addr("0x6ac7ea33f8831ea9dcc53393aaa88b25a785dbf0");
    EXPECT_EQ(create_address(sender, 0), addr("0xcd234a471b72ba2f1ccf0a70fcaba648a5eecd8d"));
    EXPECT_EQ(create_address(sender, 1), addr("0x343c43a37d37dff08ae8c4a11544c718abb4fcf8"));
}

// The examples of EIP-1014.
TEST(Create2Address, Eip1014Examples) {
    struct Case {
        const char* sender;
        const char* salt;
        const char* init;
        const char* expected;
    } cases[] = {
        {"0x0000000000000000000000000000000000000000", "0x00", "0x00", "0x4d1a2e2bb4f88f0250f26ffff098b0b30b26bf38"},
        {"0xdeadbeef00000000000000000000000000000000", "0x00", "0x00", "0xb928f69bb1d91cd65274e3c79d8986362984fda3"},
        {"0xdeadbeef00000000000000000000000000000000",
         "0x000000000000000000000000feed000000000000000000000000000000000000", "0x00",
         "0xd04116cdd17bebe565eb2422f2497e06cc1c9833"},
        {"0x0000000000000000000000000000000000000000", "0x00", "0xdeadbeef", "0x70f2b2914a2a4b783faefb75f459a580616fcb5e"},
        {"0x00000000000000000000000000000000deadbeef", "0xcafebabe", "0xdeadbeef",
         "0x60f3f640a8508fc6a86d45df051962668e1e8ac7"},
        {"0x00000000000000000000000000000000deadbeef", "0xcafebabe",
         "0xdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeefdeadbeef",
         "0x1d8bfdc5d46dc4f61d6b6115972536ebe6a8854c"},
        {"0x0000000000000000000000000000000000000000", "0x00", "0x", "0xe33c0c7f7df4809055c3eba6c09cfe4baf1bd9e0"},
    };
    for (const auto& c : cases)
        EXPECT_EQ(create2_address(addr(c.sender), word(c.salt), hexb(c.init)), addr(c.expected)) << c.expected;
}

}  // namespace
}  // namespace suture::evm
