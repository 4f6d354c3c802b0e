// Web3 Secret Storage v3: every KeyStoreTests vector, plus round trips and failures.
#include "chain/keystore.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "core/hex.hpp"
#include "core/shared_dir.hpp"

namespace suture::chain {
namespace {

using nlohmann::json;

TEST(KeyStoreTests, EveryVector) {
    std::string path = (test::shared_dir() / "ethereum-tests" / "KeyStoreTests" / "basic_tests.json").string();
    if (!std::filesystem::exists(path)) GTEST_SKIP() << path << " is absent (set SUTURE_SHARED)";
    std::ifstream in(path);
    json all = json::parse(in);
    ASSERT_FALSE(all.empty());
    for (const auto& [name, t] : all.items()) {
        SCOPED_TRACE(name);
        auto key = decrypt_keystore(t["json"], t["password"].get<std::string>());
        ASSERT_TRUE(key.ok()) << key.error().message;
        EXPECT_EQ(to_hex(key->reveal_for_keystore(), false), t["priv"].get<std::string>());
        auto wrong = decrypt_keystore(t["json"], "not the password");
        ASSERT_FALSE(wrong.ok());
        EXPECT_NE(wrong.error().message.find("wrong password"), std::string::npos);
    }
}

TEST(Keystore, EncryptDecryptRoundTripBothKdfs) {
    auto key = SecretKey::generate();
    ASSERT_TRUE(key.ok());
    for (auto kdf : {KeystoreParams::Kdf::scrypt, KeystoreParams::Kdf::pbkdf2}) {
        KeystoreParams p;
        p.kdf = kdf;
        p.scrypt_n = 1024;  // light parameters: this test checks the format, not the cost
        p.pbkdf2_iterations = 1000;
        auto ks = encrypt_keystore(*key, "correct horse", p);
        ASSERT_TRUE(ks.ok()) << ks.error().message;
        EXPECT_EQ((*ks)["version"], 3);
        EXPECT_EQ((*ks)["address"], to_hex(key->address().bytes, false));
        // The secret never appears in the file.
        EXPECT_EQ(ks->dump().find(to_hex(key->reveal_for_keystore(), false)), std::string::npos);
        auto back = decrypt_keystore(*ks, "correct horse");
        ASSERT_TRUE(back.ok()) << back.error().message;
        EXPECT_EQ(back->address(), key->address());
        EXPECT_FALSE(decrypt_keystore(*ks, "correct horsE").ok());
    }
}

TEST(Keystore, MalformedFilesNameTheField) {
    auto key = SecretKey::generate();
    ASSERT_TRUE(key.ok());
    KeystoreParams p;
    p.kdf = KeystoreParams::Kdf::pbkdf2;
    p.pbkdf2_iterations = 10;
    auto ks = encrypt_keystore(*key, "pw", p);
    ASSERT_TRUE(ks.ok());
    struct Case { std::function<void(json&)> edit; std::string expect; };
    const std::vector<Case> cases = {
        {[](json& j) { j["crypto"].erase("mac"); }, "crypto.mac"},
        {[](json& j) { j["crypto"]["cipher"] = "aes-256-cbc"; }, "aes-256-cbc"},
        {[](json& j) { j["crypto"]["kdf"] = "argon2"; }, "argon2"},
        {[](json& j) { j["crypto"]["kdfparams"]["c"] = 100000000; }, "pbkdf2 c"},
        {[](json& j) { j["crypto"]["cipherparams"]["iv"] = "zz"; }, "crypto.cipherparams.iv"},
        {[](json& j) { j["version"] = 1; }, "version 1"},
        {[](json& j) { j["crypto"]["ciphertext"] = "00"; }, "32 bytes"},
        {[](json& j) {  // flipping one ciphertext bit breaks the MAC
             std::string c = j["crypto"]["ciphertext"];
             c[0] = c[0] == '0' ? '1' : '0';
             j["crypto"]["ciphertext"] = c;
         },
         "MAC mismatch"},
    };
    for (const auto& c : cases) {
        json j = *ks;
        c.edit(j);
        auto r = decrypt_keystore(j, "pw");
        ASSERT_FALSE(r.ok()) << c.expect;
        EXPECT_NE(r.error().message.find(c.expect), std::string::npos) << r.error().message;
    }
}

TEST(Keystore, ScryptMemoryIsBounded) {
    json ks = {{"version", 3},
               {"crypto",
                {{"cipher", "aes-128-ctr"},
                 {"cipherparams", {{"iv", std::string(32, '0')}}},
                 {"ciphertext", std::string(64, '0')},
                 {"kdf", "scrypt"},
                 {"kdfparams", {{"dklen", 32}, {"n", 1ULL << 40}, {"r", 8}, {"p", 1}, {"salt", "00"}}},
                 {"mac", std::string(64, '0')}}}};
    auto r = decrypt_keystore(ks, "pw");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("1 GiB"), std::string::npos) << r.error().message;
}

TEST(Keystore, LoadFileErrorsNameThePath) {
    auto r = load_keystore_file("/nonexistent/keystore.json", "pw");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("/nonexistent/keystore.json"), std::string::npos);
}

}  // namespace
}  // namespace suture::chain
