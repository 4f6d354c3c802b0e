// Canonical JSON and the audit chain's hash rule.
#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "ledger/audit_chain.hpp"
#include "ledger/canonical_json.hpp"

namespace suture::ledger {
namespace {

using nlohmann::json;

TEST(CanonicalJson, SortedKeysNoWhitespace) {
    auto j = json::parse(R"({ "b": [1, {"z": null, "a": true}], "a": "x\ny\"", "é": 1, "B": -2 })");
    auto c = canonical_json(j);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(*c, "{\"B\":-2,\"a\":\"x\\ny\\\"\",\"b\":[1,{\"a\":true,\"z\":null}],\"\xc3\xa9\":1}");
}

TEST(CanonicalJson, ControlCharactersAsLowerCaseUnicodeEscapes) {
    auto c = canonical_json(json(std::string("\x01/\x1f")));
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(*c, "\"\\u0001/\\u001f\"");
}

TEST(CanonicalJson, RejectsFloatsAndInvalidUtf8) {
    auto f = canonical_json(json{{"gas", {{"price", 1.5}}}});
    ASSERT_FALSE(f.ok());
    EXPECT_NE(f.error().message.find("$.gas.price is a float"), std::string::npos) << f.error().message;
    auto u = canonical_json(json(std::string("\xff")));
    EXPECT_FALSE(u.ok());
}

TEST(AuditChain, EventTextAndHash) {
    auto body = event_body(7, "note", 1700000000, json{{"text", "hi"}});
    ASSERT_TRUE(body.ok());
    EXPECT_EQ(*body, R"({"data":{"text":"hi"},"kind":"note","seq":7,"time":1700000000})");
    EXPECT_EQ(event_kind(*body), "note");
    EXPECT_EQ(event_seq(*body), 7);
    EXPECT_EQ(event_time(*body), 1700000000);
    Bytes32 prev{};
    prev[31] = 1;
    Bytes buf(prev.begin(), prev.end());
    buf.insert(buf.end(), body->begin(), body->end());
    EXPECT_EQ(chain_hash(prev, *body), keccak256(buf));
}

TEST(AuditChain, NestedKindAndSeqDoNotConfuseTheReaders) {
    auto body = event_body(3, "gate_run", 5, json{{"kind", "x"}, {"seq", 99}, {"z", {{"kind", "y"}}}});
    ASSERT_TRUE(body.ok());
    EXPECT_EQ(event_kind(*body), "gate_run");
    EXPECT_EQ(event_seq(*body), 3);
    EXPECT_EQ(event_time(*body), 5);
}

}  // namespace
}  // namespace suture::ledger
