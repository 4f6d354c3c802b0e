#include "deploy/safe_tx.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "deploy/fixture_artifacts.hpp"

namespace suture::deploy {
namespace {

Address addr_of(uint8_t b) { return test::filled_address(b); }

// Reference values from ethers 5 (_TypedDataEncoder with the SafeTx type,
// SigningKey.signDigest) for the same transaction.
SafeTx sample() {
    SafeTx tx;
    tx.to = addr_of(0xab);
    tx.value = uint256(1);
    tx.data = *from_hex("0x9623609d");
    tx.operation = SafeOperation::delegate_call;
    tx.nonce = uint256(3);
    return tx;
}

TEST(SafeTx, DomainSeparatorAndHash) {
    EXPECT_EQ(to_hex(safe_domain_separator(31337, addr_of(0x11))),
              "0x683bcf2d29c16c44ed4b6ec358da92fb7456fc4ca7c36d672ad7bbacc3f4b2a4");
    EXPECT_EQ(to_hex(safe_tx_hash(sample(), 31337, addr_of(0x11))),
              "0x084f597c4a86514b8e532c24dd3a83874ce0c149e01596bced7e323ed258b1e1");
    auto other = sample();
    other.nonce = uint256(4);
    EXPECT_NE(safe_tx_hash(other, 31337, addr_of(0x11)), safe_tx_hash(sample(), 31337, addr_of(0x11)));
}

TEST(SafeTx, SignaturesAreSortedByOwner) {
    auto k0 = chain::SecretKey::from_hex("ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80");
    auto k1 = chain::SecretKey::from_hex("59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d");
    ASSERT_TRUE(k0.ok() && k1.ok());
    auto h = safe_tx_hash(sample(), 31337, addr_of(0x11));
    // Key 1's address (0x7099...) sorts before key 0's (0xf39F...): given in either order.
    for (auto keys : {std::vector<const chain::SecretKey*>{&*k0, &*k1}, std::vector<const chain::SecretKey*>{&*k1, &*k0}}) {
        auto sigs = safe_signatures(h, keys);
        ASSERT_TRUE(sigs.ok()) << sigs.error().message;
        EXPECT_EQ(to_hex(*sigs),
                  "0x7a11b8b7f53f434899b51421a464b3ca00f2bf98c05b4838efb59ec81b18da05694e4eeab4e871c9c2e69020b463754ca09"
                  "de016bbc2a2d7808b9c565d173a231b92314d20c7f5962894d4124e6ec038ca5898dc16d20a34c44ddc466188b85d4346a8122"
                  "cd08d71d331015e3ce6ffbfec39132f1e11a943b7224af219e05cf54e1b");
    }
    auto dup = safe_signatures(h, {&*k0, &*k0});
    ASSERT_FALSE(dup.ok());
    EXPECT_NE(dup.error().message.find("given twice"), std::string::npos);
    EXPECT_FALSE(safe_signatures(h, {}).ok());
}

TEST(SafeTx, ExecAndMultiSendCalldata) {
    auto exec = safe_exec_calldata(sample(), Bytes(65, 1));
    ASSERT_TRUE(exec.ok());
    EXPECT_EQ(to_hex(BytesView(*exec).first(4)), "0x6a761202");  // execTransaction selector
    auto ms = multisend_calldata({{SafeOperation::call, addr_of(1), uint256(0), {}}});
    ASSERT_TRUE(ms.ok());
    EXPECT_EQ(to_hex(BytesView(*ms).first(4)), "0x8d80ff0a");  // multiSend(bytes)
}

}  // namespace
}  // namespace suture::deploy
