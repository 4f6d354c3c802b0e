// The text renderings of the check, deploy and inspect gates: layout table
// alignment, moved variables, section spacing, event order, facts said once.
#include <gtest/gtest.h>

#include <sstream>

#include "report/check_render.hpp"
#include "report/deploy_render.hpp"
#include "report/layout_table.hpp"
#include "report/proxy_render.hpp"

namespace suture::report {
namespace {

std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string l; std::getline(in, l);) out.push_back(l);
    return out;
}

upgrade::LayoutRow row(std::string old_type, std::string old_label, std::string old_slot, std::string new_type,
                       std::string new_label, std::string new_slot, std::string status) {
    upgrade::LayoutRow r;
    r.old_type = std::move(old_type);
    r.old_label = std::move(old_label);
    r.old_slot = std::move(old_slot);
    r.old_offset = 0;
    r.new_type = std::move(new_type);
    r.new_label = std::move(new_label);
    r.new_slot = std::move(new_slot);
    r.new_offset = 0;
    r.status = std::move(status);
    return r;
}

TEST(LayoutTable, LongTypesKeepTheColumnsAligned) {
    const std::string long_type = "mapping(address => mapping(uint256 => struct Vault.Position[]))";
    auto text = layout_table({row("uint256", "a", "0", "uint256", "a", "0", "same"),
                              row(long_type, "positions", "1", long_type, "positions", "1", "same")});
    auto lines = lines_of(text);
    ASSERT_EQ(lines.size(), 3u);
    // "new" and "status" start at the same column on every line.
    auto new_col = lines[0].find("new");
    auto status_col = lines[0].find("status");
    EXPECT_EQ(lines[1].find("uint256 a", 20), new_col) << text;
    EXPECT_EQ(lines[2].find(long_type + " positions", 20), new_col) << text;
    EXPECT_EQ(lines[1].rfind("same"), status_col) << text;
    EXPECT_EQ(lines[2].rfind("same"), status_col) << text;
}

TEST(LayoutTable, AMovedVariableShowsBothSlots) {
    auto text = layout_table({row("mapping(address => uint256)", "collateral", "0", "mapping(address => uint256)",
                                  "collateral", "1", "same")});
    EXPECT_NE(text.find("  0:0 -> 1:0 "), std::string::npos) << text;
    EXPECT_NE(text.find(" moved\n"), std::string::npos) << text;
    EXPECT_EQ(text.find("same"), std::string::npos) << text;
}

TEST(CheckText, NoStrayBlankLines) {
    upgrade::CheckReport r;
    r.old_contract = "A.sol:A";
    r.new_contract = "B.sol:B";
    r.layout = {row("uint256", "a", "0", "uint256", "a", "0", "same")};
    auto text = check_text(r);
    EXPECT_EQ(text.find("\n\n\n"), std::string::npos) << text;
    EXPECT_EQ(text.substr(0, 36), "suture check: A.sol:A -> B.sol:B\n\nSt") << text;
    EXPECT_NE(text.find("\n\n0 error(s), 0 warning(s), 0 allowed: no blocking finding\n"), std::string::npos) << text;
}

TEST(DeployText, RollbackAfterTheCheckThatFailed) {
    deploy::DeployOutcome o;
    o.mechanism = "direct";
    o.verification.checks.push_back({"smoke version()(uint256)", false, "returned 2, expected 3"});
    o.rolled_back = true;
    o.rollback_detail = "implementation restored";
    o.rollback_first_sent = 2;
    deploy::MemoryRecorder rec;
    for (const char* step : {"deploy implementation", "proxy.upgradeTo(new)", "proxy.upgradeTo(old)"})
        rec.entries.push_back({{step, Address{}, std::nullopt, uint256(0), {}}, Bytes32{}, 0, true, true});
    auto text = deploy_text(o, rec);
    auto failed = text.find("FAIL  smoke");
    auto verdict = text.find("post-deploy verification FAILED");
    auto rollback_tx = text.find("rollback sent: proxy.upgradeTo(old)");
    auto rollback = text.find("rollback: implementation restored");
    ASSERT_NE(failed, std::string::npos) << text;
    EXPECT_LT(text.find("sent: proxy.upgradeTo(new)"), failed) << text;
    EXPECT_LT(failed, verdict) << text;
    EXPECT_LT(verdict, rollback_tx) << text;
    EXPECT_LT(rollback_tx, rollback) << text;
}

TEST(InspectText, TheOwnerIsSaidOnce) {
    upgrade::ProxyInfo info;
    info.has_code = true;
    info.kind = upgrade::ProxyPattern::uups;
    Address owner{};
    owner.bytes[19] = 1;
    upgrade::Authority a;
    a.address = owner;
    a.relation = "owner()";
    info.authorities.push_back(a);
    info.owner = owner;
    auto text = inspect_text(info);
    auto first = text.find(to_checksum(owner));
    ASSERT_NE(first, std::string::npos) << text;
    EXPECT_EQ(text.find(to_checksum(owner), first + 1), std::string::npos) << text;
}

}  // namespace
}  // namespace suture::report
