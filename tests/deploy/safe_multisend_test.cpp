#include "deploy/safe_multisend.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"

namespace suture::deploy {
namespace {

TEST(SafeMultiSend, PacksEachCallAsOperationToValueLengthData) {
    Address a;
    a.bytes.fill(0x11);
    std::vector<SafeCall> calls{{SafeOperation::call, a, uint256(5), *from_hex("0xdeadbeef")},
                                {SafeOperation::delegate_call, a, uint256(0), {}}};
    auto packed = pack_multisend(calls);
    ASSERT_EQ(packed.size(), 2 * 85u + 4);
    std::string expect = "0x00" + std::string(40, '1') + std::string(63, '0') + "5" + std::string(63, '0') + "4" +
                         "deadbeef" + "01" + std::string(40, '1') + std::string(128, '0');
    EXPECT_EQ(to_hex(packed), expect);
    auto back = unpack_multisend(packed);
    ASSERT_TRUE(back.ok()) << back.error().message;
    ASSERT_EQ(back->size(), 2u);
    EXPECT_EQ((*back)[0].data, calls[0].data);
    EXPECT_EQ((*back)[1].operation, SafeOperation::delegate_call);
    EXPECT_EQ((*back)[0].value, uint256(5));
}

TEST(SafeMultiSend, UnpackRejectsTruncationAndBadOperations) {
    Address a;
    auto packed = pack_multisend({{SafeOperation::call, a, uint256(0), Bytes{1, 2, 3}}});
    Bytes cut(packed.begin(), packed.end() - 1);
    auto r = unpack_multisend(cut);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("declares 3 data bytes but 2 remain"), std::string::npos) << r.error().message;
    packed[0] = 2;
    EXPECT_FALSE(unpack_multisend(packed).ok());
    EXPECT_FALSE(unpack_multisend(Bytes(10, 0)).ok());
}

}  // namespace
}  // namespace suture::deploy
