// EIP-191 personal messages and EIP-712 typed data (the spec's Mail example).
#include <gtest/gtest.h>

#include "chain/message_signing.hpp"
#include "chain/typed_data.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"

namespace suture::chain {
namespace {

using nlohmann::json;

TEST(PersonalSign, HashSignRecover) {
    // keccak256("\x19Ethereum Signed Message:\n11hello world")
    Bytes32 h = personal_message_hash(as_view("hello world"));
    EXPECT_EQ(to_hex(h), to_hex(keccak256(std::string("\x19") + "Ethereum Signed Message:\n11hello world")));
    auto key = SecretKey::generate();
    ASSERT_TRUE(key.ok());
    Signature sig = sign_personal_message(*key, as_view("hello world"));
    auto who = recover_personal_signer(as_view("hello world"), sig);
    ASSERT_TRUE(who.ok());
    EXPECT_EQ(*who, key->address());
    auto other = recover_personal_signer(as_view("hello world!"), sig);
    ASSERT_TRUE(other.ok());
    EXPECT_NE(*other, key->address());
}

// EIP-712's example (assets/eip-712/Example.js): Cow mails Bob.
json mail_example() {
    return json::parse(R"({
      "types": {
        "EIP712Domain": [{"name":"name","type":"string"},{"name":"version","type":"string"},
                         {"name":"chainId","type":"uint256"},{"name":"verifyingContract","type":"address"}],
        "Person": [{"name":"name","type":"string"},{"name":"wallet","type":"address"}],
        "Mail": [{"name":"from","type":"Person"},{"name":"to","type":"Person"},{"name":"contents","type":"string"}]
      },
      "primaryType": "Mail",
      "domain": {"name":"Ether Mail","version":"1","chainId":1,
                 "verifyingContract":"0xCcCCccccCCCCcCCCCCCcCcCccCcCCCcCcccccccC"},
      "message": {"from":{"name":"Cow","wallet":"0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826"},
                  "to":{"name":"Bob","wallet":"0xbBbBBBBbbBBBbbbBbbBbbbbBBbBbbbbBbBbbBBbB"},
                  "contents":"Hello, Bob!"}
    })");
}

TEST(Eip712, MailExampleFromTheSpec) {
    json td = mail_example();
    const json& types = td["types"];
    auto et = eip712_encode_type(types, "Mail");
    ASSERT_TRUE(et.ok()) << et.error().message;
    EXPECT_EQ(*et, "Mail(Person from,Person to,string contents)Person(string name,address wallet)");
    EXPECT_EQ(to_hex(*eip712_type_hash(types, "Mail")), "0xa0cedeb2dc280ba39b857546d74f5549c3a1d7bdc2dd96bf881f76108e23dac2");
    EXPECT_EQ(to_hex(*eip712_hash_struct(types, "Mail", td["message"])),
              "0xc52c0ee5d84264471806290a3f2c4cecfc5490626bf912d01f240d7a274b371e");
    EXPECT_EQ(to_hex(*eip712_hash_struct(types, "EIP712Domain", td["domain"])),
              "0xf2cee375fa42b42143804025fc449deafd50cc031ca257e0b194a650a912090f");
    auto digest = eip712_digest(td);
    ASSERT_TRUE(digest.ok()) << digest.error().message;
    EXPECT_EQ(to_hex(*digest), "0xbe609aee343fb3c4b28e1df9e632fca64fcfaede20f02e86244efddf30957bd2");

    // The example's signer is keccak256("cow").
    Bytes32 cow = keccak256("cow");
    auto key = SecretKey::from_bytes(cow);
    ASSERT_TRUE(key.ok());
    EXPECT_EQ(to_checksum(key->address()), "0xCD2a3d9F938E13CD947Ec05AbC7FE734Df8DD826");
    auto sig = sign_typed_data(*key, td);
    ASSERT_TRUE(sig.ok());
    EXPECT_EQ(to_hex(sig->to_rsv65()),
              "0x4355c47d63924e8a72e509b65029052eb6c299d53a04e167c5775fd466751c9d"
              "07299936d304c153f6443dfa05f40ff007d72911b6f72307f996231605b91562"
              "1c");
    auto who = recover_typed_data_signer(td, *sig);
    ASSERT_TRUE(who.ok());
    EXPECT_EQ(*who, key->address());
}

TEST(Eip712, ArraysOfStructsAndNestedArrays) {
    json td = mail_example();
    td["types"]["Mail"] = json::parse(R"([{"name":"from","type":"Person"},{"name":"to","type":"Person[]"},
                                          {"name":"contents","type":"string"},{"name":"grid","type":"uint8[2][]"}])");
    td["message"]["to"] = json::array({td["message"]["to"], td["message"]["from"]});
    td["message"]["grid"] = json::parse("[[1,2],[3,4],[5,6]]");
    const json& types = td["types"];
    EXPECT_EQ(*eip712_encode_type(types, "Mail"),
              "Mail(Person from,Person[] to,string contents,uint8[2][] grid)Person(string name,address wallet)");
    // Arrays hash the concatenation of their elements' encodings.
    Bytes to_concat;
    for (const auto& p : td["message"]["to"]) {
        Bytes32 h = *eip712_hash_struct(types, "Person", p);
        to_concat.insert(to_concat.end(), h.begin(), h.end());
    }
    auto row = [](uint64_t a, uint64_t b) {
        Bytes r(64, 0);
        r[31] = static_cast<uint8_t>(a);
        r[63] = static_cast<uint8_t>(b);
        return keccak256(r);
    };
    Bytes grid_concat;
    for (auto h : {row(1, 2), row(3, 4), row(5, 6)}) grid_concat.insert(grid_concat.end(), h.begin(), h.end());
    Bytes expect;
    for (auto h : {*eip712_type_hash(types, "Mail"), *eip712_hash_struct(types, "Person", td["message"]["from"]),
                   keccak256(to_concat), keccak256("Hello, Bob!"), keccak256(grid_concat)})
        expect.insert(expect.end(), h.begin(), h.end());
    auto got = eip712_hash_struct(types, "Mail", td["message"]);
    ASSERT_TRUE(got.ok()) << got.error().message;
    EXPECT_EQ(*got, keccak256(expect));
}

TEST(Eip712, ErrorsNameTheMember) {
    json td = mail_example();
    td["message"]["to"].erase("wallet");
    auto d = eip712_digest(td);
    ASSERT_FALSE(d.ok());
    EXPECT_NE(d.error().message.find("Person.wallet"), std::string::npos) << d.error().message;
    json bad_len = mail_example();
    bad_len["types"]["Mail"][2]["type"] = "uint8[2]";
    bad_len["message"]["contents"] = json::array({1, 2, 3});
    auto e = eip712_digest(bad_len);
    ASSERT_FALSE(e.ok());
    EXPECT_NE(e.error().message.find("expected 2 elements"), std::string::npos) << e.error().message;
    json unknown = mail_example();
    unknown["primaryType"] = "Letter";
    EXPECT_FALSE(eip712_digest(unknown).ok());
}

}  // namespace
}  // namespace suture::chain
