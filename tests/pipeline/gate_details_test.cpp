// Gate details: JSON round trip (layout rows included), bad values named,
// and the event recorded in the ledger's chain.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "pipeline/gate_details.hpp"

namespace suture::pipeline {
namespace {

using nlohmann::json;

GateDetails sample() {
    GateDetails d;
    upgrade::LayoutRow moved;
    moved.ns = "erc7201:vault.main";
    moved.old_label = moved.new_label = "total";
    moved.old_type = moved.new_type = "uint256";
    moved.old_slot = "0";
    moved.new_slot = "115792089237316195423570985008687907853269984665640564039457584007913129639935";
    moved.old_offset = 0;
    moved.new_offset = 16;
    moved.status = "layout-moved";
    upgrade::LayoutRow removed = moved;
    removed.ns.clear();
    removed.new_offset = -1;
    removed.status = "delete";
    d.layout = {moved, removed};
    d.differences = {{"withdraw(uint256)", "sent 1", "reverted", true, "the fix"}};
    d.gains = {{"ETH", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "1000", "-3"}};
    d.state = {{"implementation", "0x01"}};
    return d;
}

TEST(GateDetails, RoundTrips) {
    json j = gate_details_json(sample());
    EXPECT_FALSE(j["layout"][1].contains("new"));
    EXPECT_FALSE(j["layout"][1].contains("namespace"));
    auto back = gate_details_from_json(j);
    ASSERT_TRUE(back.ok()) << back.error().message;
    ASSERT_EQ(back->layout.size(), 2u);
    EXPECT_EQ(back->layout[0].new_offset, 16);
    EXPECT_EQ(back->layout[0].ns, "erc7201:vault.main");
    EXPECT_EQ(back->layout[1].new_offset, -1);
    EXPECT_EQ(back->differences[0].reason, "the fix");
    EXPECT_TRUE(back->differences[0].expected);
    EXPECT_EQ(back->gains[0].new_code, "-3");
    EXPECT_EQ(gate_details_json(*back), j);
    auto none = gate_details_from_json(json::object());
    ASSERT_TRUE(none.ok());
    EXPECT_TRUE(none->empty());
}

TEST(GateDetails, BadValuesAreNamed) {
    struct Case {
        const char* key;
        json value;
        const char* says;
    } cases[] = {
        {"gains", json::array({{{"asset", "ETH"}, {"old", "1e18"}}}), "gains[0].old: \"1e18\" is not a decimal amount"},
        {"gains", json::array({{{"asset", "ETH"}, {"old", "5"}, {"new", "-"}}}), "gains[0].new"},
        {"layout", json::array({{{"old", {{"label", "a"}}}}}), "layout row"},
        {"layout", json::array({{{"status", "same"}, {"old", {{"label", "a"}, {"type", "t"}, {"slot", "0"}, {"offset", 40}}}}}),
         "offset"},
        {"differences", json::array({{{"where", 3}}}), "differences[0].where: not a string"},
        {"state", json::object(), "state: not an array"},
        {"state", json::array({"x"}), "state[0]: not an object"},
    };
    for (const auto& c : cases) {
        auto r = gate_details_from_json(json{{c.key, c.value}});
        ASSERT_FALSE(r.ok()) << c.value.dump();
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
    }
}

TEST(GateDetails, ExploitGainsPairOldAndNewRuns) {
    verify::ExploitGateResult r;
    const Address attacker = *parse_address("0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    const Address victim = *parse_address("0x3C44CdDdB6a900fa2b585dd299e03d12FA4293BC");
    r.old_run.gains = {{attacker, "ETH", false, *uint256::parse("10000000000000000000")},
                       {victim, "ETH", true, *uint256::parse("10000000000000000000")}};
    r.new_run.gains = {{attacker, "USDC", false, uint256(5)}};
    GateDetails d = exploit_details(r);
    ASSERT_EQ(d.gains.size(), 3u);
    EXPECT_EQ(d.gains[0].holder, "0x70997970C51812dc3A010C7d01b50e0d17dc79C8");
    EXPECT_EQ(d.gains[0].old_code, "10000000000000000000");
    EXPECT_EQ(d.gains[0].new_code, "0");
    EXPECT_EQ(d.gains[1].old_code, "-10000000000000000000");
    EXPECT_EQ(d.gains[2].asset, "USDC");
    EXPECT_EQ(d.gains[2].old_code, "0");
    EXPECT_EQ(d.gains[2].new_code, "5");
    EXPECT_TRUE(gate_details_from_json(gate_details_json(d)).ok());
}

TEST(GateDetails, RecordedAsAChainedEvent) {
    const auto path = std::filesystem::temp_directory_path() / ("suture-gate-details-" + std::to_string(::getpid()));
    std::filesystem::remove_all(path);
    std::filesystem::create_directories(path);
    {
        auto l = ledger::Ledger::open((path / "l.db").string(), ledger::Access::write);
        ASSERT_TRUE(l.ok());
        auto p = l->add_patch({std::nullopt, "p", "m.toml"});
        ASSERT_TRUE(p.ok());
        auto run = l->record_gate_run({*p, "check", Bytes32{}, "pass", json::array()});
        ASSERT_TRUE(run.ok());
        auto seq = record_gate_details(*l, *p, *run, sample());
        ASSERT_TRUE(seq.ok()) << seq.error().message;
        auto log = l->log(*seq - 1);
        ASSERT_TRUE(log.ok());
        ASSERT_EQ(log->size(), 1u);
        EXPECT_EQ((*log)[0].kind, kGateDetailsEvent);
        EXPECT_EQ((*log)[0].data["gate_run"], *run);
        EXPECT_EQ((*log)[0].data["patch_id"], *p);
        auto back = gate_details_from_json((*log)[0].data);
        ASSERT_TRUE(back.ok());
        EXPECT_EQ(back->layout.size(), 2u);
        auto v = l->verify();
        ASSERT_TRUE(v.ok());
        EXPECT_TRUE(v->intact());
    }
    std::filesystem::remove_all(path);
}

}  // namespace
}  // namespace suture::pipeline
