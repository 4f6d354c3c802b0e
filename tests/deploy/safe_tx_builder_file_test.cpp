#include "deploy/safe_tx_builder_file.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "deploy/fixture_artifacts.hpp"

namespace suture::deploy {
namespace {

Address addr_of(uint8_t b) { return test::filled_address(b); }

std::vector<BatchCall> two_calls() {
    return {{addr_of(0xab), uint256(0), *from_hex("0x9623609d")},
            {addr_of(0xcd), *uint256::parse("1000000000000000000"), {}}};
}

BatchFileInfo info() {
    BatchFileInfo i;
    i.chain_id = 31337;
    i.safe = addr_of(0x11);
    i.created_at_ms = 1700000000000;
    i.description = "upgrade Box to V2";
    return i;
}

TEST(SafeTxBuilderFile, MatchesTheAppsChecksum) {
    auto batch = safe_batch_file(info(), two_calls());
    // Computed independently with the Transaction Builder app's algorithm in
    // JavaScript (ethers 5 keccak256 over the canonical serialisation).
    EXPECT_EQ(batch["meta"]["checksum"], "0x084af7f6f00cdc6a09758ee98c06c153c5a60b43246775d3748e576f2eef26f0");
    EXPECT_EQ(batch["chainId"], "31337");
    EXPECT_EQ(batch["version"], "1.0");
    EXPECT_EQ(batch["transactions"][1]["value"], "1000000000000000000");
    EXPECT_EQ(batch["transactions"][1]["data"], "0x");
    EXPECT_EQ(batch["meta"]["createdFromSafeAddress"], to_checksum(addr_of(0x11)));
}

TEST(SafeTxBuilderFile, NameIsOutsideTheChecksum) {
    auto a = safe_batch_file(info(), two_calls());
    auto i = info();
    i.name = "renamed";
    auto b = safe_batch_file(i, two_calls());
    EXPECT_EQ(a["meta"]["checksum"], b["meta"]["checksum"]);
    i.description = "other";
    auto c = safe_batch_file(i, two_calls());
    EXPECT_NE(a["meta"]["checksum"], c["meta"]["checksum"]);
}

TEST(SafeTxBuilderFile, RoundTripsAndRejectsEdits) {
    auto batch = safe_batch_file(info(), two_calls());
    auto calls = parse_safe_batch_file(batch);
    ASSERT_TRUE(calls.ok()) << calls.error().message;
    ASSERT_EQ(calls->size(), 2u);
    EXPECT_EQ((*calls)[0].to, addr_of(0xab));
    EXPECT_EQ(to_hex((*calls)[0].data), "0x9623609d");
    EXPECT_EQ((*calls)[1].value, *uint256::parse("1000000000000000000"));

    batch["transactions"][0]["data"] = "0x9623609e";
    auto edited = parse_safe_batch_file(batch);
    ASSERT_FALSE(edited.ok());
    EXPECT_NE(edited.error().message.find("$.meta.checksum"), std::string::npos) << edited.error().message;

    auto bad = safe_batch_file(info(), two_calls());
    bad["meta"].erase("checksum");
    bad["transactions"][0]["to"] = "0x1234";
    auto r = parse_safe_batch_file(bad);
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("$.transactions[0].to"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace suture::deploy
