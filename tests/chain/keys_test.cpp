// SecretKey, signing and recovery.
#include "chain/keys.hpp"

#include <gtest/gtest.h>
#include <sys/stat.h>

#include <cstdlib>
#include <fstream>
#include <sstream>

#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::chain {
namespace {

// Anvil's first dev account: a widely published key/address pair.
constexpr const char* kKey0 = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
constexpr const char* kAddr0 = "0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266";

TEST(SecretKey, DerivesTheAddress) {
    auto k = SecretKey::from_hex(kKey0);
    ASSERT_TRUE(k.ok()) << k.error().message;
    EXPECT_EQ(to_checksum(k->address()), kAddr0);
    EXPECT_EQ(k->public_key().size(), 65u);
}

TEST(SecretKey, DebugStringIsRedacted) {
    auto k = SecretKey::from_hex(kKey0);
    ASSERT_TRUE(k.ok());
    std::string d = k->debug_string();
    EXPECT_NE(d.find(kAddr0), std::string::npos);
    EXPECT_EQ(d.find("ac0974"), std::string::npos);
    EXPECT_NE(d.find("redacted"), std::string::npos);
}

TEST(SecretKey, RejectsInvalidKeysWithoutEchoingThem) {
    struct Case { std::string text; std::string expect; };
    const Case cases[] = {
        {"0x00", "64 hex digits"},
        {std::string(64, '0'), "not a valid secp256k1 scalar"},
        // the group order n itself is out of range
        {"fffffffffffffffffffffffffffffffebaaedce6af48a03bbfd25e8cd0364141", "not a valid secp256k1 scalar"},
        {"zc0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "non-hex character at digit 0"},
        {"0xaz0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80", "non-hex character at digit 1"},
    };
    for (const auto& c : cases) {
        auto k = SecretKey::from_hex(c.text);
        ASSERT_FALSE(k.ok()) << c.text;
        EXPECT_NE(k.error().message.find(c.expect), std::string::npos) << k.error().message;
        if (c.text.size() > 8) {
            EXPECT_EQ(k.error().message.find(c.text.substr(2, 8)), std::string::npos);
        }
    }
}

TEST(SecretKey, FromEnvAndFile) {
    setenv("SUTURE_TEST_KEY", (std::string("  ") + kKey0 + "\n").c_str(), 1);
    auto k = SecretKey::from_env("SUTURE_TEST_KEY");
    ASSERT_TRUE(k.ok()) << k.error().message;
    EXPECT_EQ(to_checksum(k->address()), kAddr0);
    unsetenv("SUTURE_TEST_KEY");
    auto missing = SecretKey::from_env("SUTURE_TEST_KEY");
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("SUTURE_TEST_KEY"), std::string::npos);

    std::string path = testing::TempDir() + "/suture_key_test.txt";
    { std::ofstream(path) << kKey0 << "\n"; }
    chmod(path.c_str(), 0644);
    auto open = SecretKey::from_file(path);
    ASSERT_FALSE(open.ok());
    EXPECT_NE(open.error().message.find("chmod 600"), std::string::npos);
    chmod(path.c_str(), 0600);
    auto f = SecretKey::from_file(path);
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_EQ(f->address(), k->address());
    std::remove(path.c_str());
}

TEST(SecretKey, MovesKeepTheKey) {
    auto k = SecretKey::from_hex(kKey0);
    ASSERT_TRUE(k.ok());
    SecretKey moved = std::move(*k);
    EXPECT_EQ(to_checksum(moved.address()), kAddr0);
    EXPECT_TRUE(moved.reveal_for_keystore().size() == 32);
    EXPECT_TRUE(k->reveal_for_keystore().empty());
}

TEST(Signing, SignThenRecoverRoundTrips) {
    for (int i = 0; i < 8; ++i) {
        auto k = SecretKey::generate();
        ASSERT_TRUE(k.ok());
        Bytes32 digest = keccak256("message " + std::to_string(i));
        Signature sig = k->sign_hash(digest);
        EXPECT_TRUE(is_low_s(sig.s));  // EIP-2
        auto who = recover_address(digest, sig);
        ASSERT_TRUE(who.ok()) << who.error().message;
        EXPECT_EQ(*who, k->address());
        // A different digest recovers someone else.
        auto other = recover_address(keccak256("other"), sig);
        if (other.ok()) {
            EXPECT_NE(*other, k->address());
        }
    }
}

TEST(Signing, IsDeterministic) {
    auto k = SecretKey::from_hex(kKey0);
    ASSERT_TRUE(k.ok());
    Bytes32 d = keccak256("rfc6979");
    EXPECT_EQ(k->sign_hash(d), k->sign_hash(d));
}

TEST(Signing, RecoverRejectsOutOfRangeScalars) {
    Signature sig;
    sig.r[31] = 1;  // s = 0
    EXPECT_FALSE(recover_address(Bytes32{}, sig).ok());
    sig.s[31] = 1;
    sig.recovery_id = 2;
    EXPECT_FALSE(recover_address(Bytes32{}, sig).ok());
}

TEST(Signing, Rsv65RoundTrip) {
    auto k = SecretKey::from_hex(kKey0);
    ASSERT_TRUE(k.ok());
    Signature sig = k->sign_hash(keccak256("x"));
    Bytes b = sig.to_rsv65();
    ASSERT_EQ(b.size(), 65u);
    EXPECT_TRUE(b[64] == 27 || b[64] == 28);
    auto back = Signature::from_rsv65(b);
    ASSERT_TRUE(back.ok());
    EXPECT_EQ(*back, sig);
    b[64] = 29;
    EXPECT_FALSE(Signature::from_rsv65(b).ok());
}

}  // namespace
}  // namespace suture::chain
