// A ledger holding one patch's whole history, built through the Ledger API
// for the patch report tests: an incident, two digests, gate runs (a failing
// check superseded by a passing one, an exploit run with a finding whose
// message carries markup), gate details (layout, differences, gains, state),
// approvals by two keys, and a two-step deploy (one step mined, one replaced
// and then mined).
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "chain/keys.hpp"
#include "core/finding_json.hpp"
#include "ledger/ledger.hpp"
#include "ledger/temp_dir.hpp"
#include "pipeline/gate_details.hpp"

namespace suture::report::test {

inline const char* const kKeyA = "0x4c0883a69102937d6231471b5dbb6204fe5129617082792ae468d01a3f362318";
inline const char* const kKeyB = "0xac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
inline const char* const kScriptMessage = "withdraw() reenters <script>alert(1)</script> | & \"quoted\"";

inline chain::SecretKey key(const char* hex) { return *chain::SecretKey::from_hex(hex); }

inline Finding finding(Severity sev, std::string code, std::string message, std::string file, int line,
                       std::string other = "", std::string suppressed_by = "") {
    Finding f;
    f.severity = sev;
    f.code = std::move(code);
    f.message = std::move(message);
    f.location.file = std::move(file);
    f.location.line = line;
    f.location.column = line ? 5 : 0;
    f.location.other = std::move(other);
    f.suppressed = !suppressed_by.empty();
    f.suppressed_by = std::move(suppressed_by);
    return f;
}

inline Bytes32 filled(uint8_t b) {
    Bytes32 h{};
    h.fill(b);
    return h;
}

inline ledger::PatchDigestInput digest_input(const std::string& route) {
    ledger::PatchDigestInput in;
    in.chain_id = 31337;
    in.target = *parse_address("0x5FbDB2315678afecb367f032d93F642f64180aa3");
    in.route = route;
    in.old_code_hash = filled(0x11);
    in.new_code_hash = filled(0x22);
    in.layout_hash = filled(0x33);
    in.report_hash = filled(0x44);
    return in;
}

inline pipeline::GateDetails check_details() {
    pipeline::GateDetails d;
    upgrade::LayoutRow same;
    same.old_label = same.new_label = "owner";
    same.old_type = same.new_type = "address";
    same.old_slot = same.new_slot = "0";
    same.old_offset = same.new_offset = 0;
    same.status = "same";
    upgrade::LayoutRow added = same;
    added.old_offset = -1;
    added.old_label = added.old_type = added.old_slot = "";
    added.new_label = "locked";
    added.new_type = "bool";
    added.new_slot = "1";
    added.status = "append";
    d.layout = {same, added};
    return d;
}

inline pipeline::GateDetails exploit_details() {
    pipeline::GateDetails d;
    d.gains = {{"ETH", "0x70997970C51812dc3A010C7d01b50e0d17dc79C8", "10000000000000000000", "0"}};
    d.differences = {{"withdraw(uint256)", "sent 10 ETH twice", "reverted: ReentrancyGuard", true, "the fix"},
                     {"deposit()", "returned 1", "returned 2", false, ""}};
    return d;
}

// Fills `path` (a new file); returns the patch id.
inline int64_t fill_patch_ledger(const std::string& path) {
    using nlohmann::json;
    auto l = ledger::Ledger::open(path, ledger::Access::write);
    EXPECT_TRUE(l.ok()) << l.error().message;
    auto inc = l->open_incident({"Vault drained via withdraw()", "critical", "Reentrancy in withdraw <b>bold</b>"});
    auto other = l->add_patch({std::nullopt, "unrelated", "x.toml"});
    auto patch = l->add_patch({*inc, "vault-v2", "/work/suture.toml"});
    EXPECT_TRUE(inc.ok() && other.ok() && patch.ok());
    const auto old_digest = ledger::patch_digest(digest_input("uups"));
    EXPECT_TRUE(l->record_patch_digest(*patch, digest_input("uups")).ok());
    EXPECT_TRUE(l->record_approval(ledger::sign_approval(key(kKeyB), old_digest), *patch).ok());

    Finding layout_bad = finding(Severity::error, "insert", "variable inserted before owner", "src/VaultV2.sol", 12);
    layout_bad.hint = "append it instead";
    auto c1 = l->record_gate_run({*patch, "check", filled(1), "fail", findings_json({layout_bad})});
    EXPECT_TRUE(c1.ok());
    EXPECT_TRUE(l->record_gate_run({*other, "check", filled(9), "pass", json::array()}).ok());
    auto c2 = l->record_gate_run({*patch, "check", filled(2), "pass", json::array()});
    EXPECT_TRUE(c2.ok());
    EXPECT_TRUE(pipeline::record_gate_details(*l, *patch, *c2, check_details()).ok());
    Finding reentry = finding(Severity::warning, "reentrancy", kScriptMessage, "src/VaultV2.sol", 40);
    Finding allowed = finding(Severity::error, "balance-changed", "deposit() returns differently", "", 0, "deposit()",
                              "expected: the fix");
    auto ex = l->record_gate_run({*patch, "exploit", filled(3), "pass", findings_json({reentry, allowed})});
    EXPECT_TRUE(ex.ok());
    EXPECT_TRUE(pipeline::record_gate_details(*l, *patch, *ex, exploit_details()).ok());
    EXPECT_TRUE(l->append("gate.started", json{{"patch_id", *patch}, {"gate", "simulate"}}).ok());
    EXPECT_TRUE(l->record_gate_run({*patch, "simulate", filled(4), "pass", json::array()}).ok());

    EXPECT_TRUE(l->record_patch_digest(*patch, digest_input("proxy-admin")).ok());
    const auto digest = ledger::patch_digest(digest_input("proxy-admin"));
    EXPECT_TRUE(l->record_approval(ledger::sign_approval(key(kKeyA), digest), *patch).ok());
    EXPECT_TRUE(l->record_approval(ledger::sign_approval(key(kKeyB), digest), std::nullopt).ok());

    auto s1 = l->record_deploy_step({*patch, "proxy-admin/deploy/0", "deploy VaultV2", 0, Bytes{0x02, 0xf8}, filled(0xa1)});
    EXPECT_TRUE(s1.ok());
    EXPECT_TRUE(l->record_sent_transaction({*s1, filled(0xa1), 5, "mined"}).ok());
    auto s2 = l->record_deploy_step({*patch, "proxy-admin/upgrade/1", "upgradeAndCall", 1, Bytes{0x02}, filled(0xa2)});
    EXPECT_TRUE(s2.ok());
    EXPECT_TRUE(l->record_sent_transaction({*s2, filled(0xa2), std::nullopt, "replaced"}).ok());
    EXPECT_TRUE(l->record_sent_transaction({*s2, filled(0xa3), 6, "mined"}).ok());
    pipeline::GateDetails post;
    post.state = {{"implementation", "0xe7f1725E7734CE288F8367e1Bb143E90bb3F0512"}, {"paused", "false"}};
    auto pv = l->record_gate_run({*patch, "post-verify", filled(5), "pass", json::array()});
    EXPECT_TRUE(pv.ok());
    EXPECT_TRUE(pipeline::record_gate_details(*l, *patch, *pv, post).ok());
    return *patch;
}

using PatchLedgerTest = ledger::test::TempDirTest;

}  // namespace suture::report::test
