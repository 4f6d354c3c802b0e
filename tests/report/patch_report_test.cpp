// The patch report: the model read from a ledger built through the Ledger
// API (patch_ledger.hpp), and each format rendered from it: Markdown, HTML
// (ledger text escaped, self-contained), JSON (documented keys), SARIF.
#include <gtest/gtest.h>

#include <algorithm>

#include "core/hex.hpp"
#include "ledger/sqlite_db.hpp"
#include "patch_ledger.hpp"
#include "report/patch_render.hpp"
#include "report/patch_report.hpp"

namespace suture::report {
namespace {

using nlohmann::json;
using test::PatchLedgerTest;

class PatchReportTest : public PatchLedgerTest {
protected:
    PatchReport build(PatchReportOptions opts = {}) {
        auto l = ledger::Ledger::open(file("l.db"), ledger::Access::read);
        EXPECT_TRUE(l.ok()) << l.error().message;
        auto r = build_patch_report(*l, opts);
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? std::move(*r) : PatchReport{};
    }
    void sql(const std::string& statement) {
        auto db = ledger::Database::open(file("l.db"), ledger::Database::Mode::read_write_create, 1000);
        ASSERT_TRUE(db.ok());
        ASSERT_TRUE(db->exec(statement).ok()) << statement;
    }
    int64_t patch_ = 0;
    void SetUp() override {
        PatchLedgerTest::SetUp();
        patch_ = test::fill_patch_ledger(file("l.db"));
    }
};

TEST_F(PatchReportTest, ModelHoldsThePatchHistory) {
    PatchReport r = build();  // no id: the latest patch
    EXPECT_TRUE(r.integrity.intact);
    EXPECT_EQ(r.integrity.records, 23);
    EXPECT_TRUE(r.read_errors.empty());
    EXPECT_EQ(r.patch.id, patch_);
    EXPECT_EQ(r.status, "deployed");
    ASSERT_TRUE(r.incident.has_value());
    EXPECT_EQ(r.incident->info.severity, "critical");
    ASSERT_TRUE(r.digest.has_value());
    EXPECT_EQ(r.digest->inputs.route, "proxy-admin");

    ASSERT_EQ(r.gates.size(), 5u);  // not the other patch's run
    EXPECT_EQ(r.gates[0].gate, "check");
    EXPECT_EQ(r.gates[0].verdict, "fail");
    EXPECT_FALSE(r.gates[0].latest);
    EXPECT_TRUE(r.gates[1].latest);
    ASSERT_EQ(r.gates[0].findings.size(), 1u);
    EXPECT_EQ(r.gates[0].findings[0].location.line, 12);
    ASSERT_EQ(r.gates[2].findings.size(), 2u);
    EXPECT_TRUE(r.gates[2].findings[1].suppressed);
    EXPECT_EQ(r.gates[2].findings[1].location.other, "deposit()");

    ASSERT_EQ(r.layout.size(), 2u);
    EXPECT_EQ(r.layout[1].new_label, "locked");
    ASSERT_EQ(r.differences.size(), 2u);
    EXPECT_EQ(r.differences[0].gate, "exploit");
    EXPECT_TRUE(r.differences[0].difference.expected);
    ASSERT_EQ(r.gains.size(), 1u);
    EXPECT_EQ(r.gains[0].old_code, "10000000000000000000");
    ASSERT_EQ(r.final_state.size(), 2u);
    EXPECT_EQ(r.final_state[1].value, "false");

    ASSERT_EQ(r.approvals.size(), 3u);  // by patch id, or signing one of its digests
    EXPECT_FALSE(r.approvals[0].current);
    EXPECT_TRUE(r.approvals[1].current && r.approvals[2].current);
    EXPECT_EQ(r.approvals[1].reviewer, test::key(test::kKeyA).address());
    EXPECT_TRUE(r.approvals[2].valid);
    EXPECT_FALSE(r.approval_summary.has_value());

    ASSERT_EQ(r.transactions.size(), 2u);
    EXPECT_EQ(r.transactions[1].status, "mined");
    EXPECT_EQ(r.transactions[1].tx_hash, test::filled(0xa3));  // the replacement that was mined
    EXPECT_EQ(r.transactions[1].block, 6u);

    ASSERT_EQ(r.timeline.size(), 18u);
    EXPECT_TRUE(std::is_sorted(r.timeline.begin(), r.timeline.end(),
                               [](const TimelineEvent& a, const TimelineEvent& b) { return a.seq < b.seq; }));
    EXPECT_EQ(r.timeline[0].kind, "incident");
    auto started = std::find_if(r.timeline.begin(), r.timeline.end(), [](auto& e) { return e.kind == "gate.started"; });
    ASSERT_NE(started, r.timeline.end());
    EXPECT_NE(started->summary.find("simulate"), std::string::npos);
}

TEST_F(PatchReportTest, PolicyGivesStandings) {
    ledger::Policy p;
    p.reviewers = {test::key(test::kKeyA).address()};
    p.threshold = 1;
    PatchReportOptions opts;
    opts.patch_id = patch_;
    opts.policy = p;
    PatchReport r = build(opts);
    ASSERT_EQ(r.approvals.size(), 3u);
    EXPECT_EQ(r.approvals[0].standing, "other digest");
    EXPECT_EQ(r.approvals[1].standing, "counted");
    EXPECT_EQ(r.approvals[2].standing, "not a reviewer");
    ASSERT_TRUE(r.approval_summary.has_value());
    EXPECT_EQ(r.approval_summary->counted, 1u);
    EXPECT_EQ(r.approval_summary->threshold, 1u);
    EXPECT_EQ(patch_json(r)["approval_threshold"]["met"], true);
}

TEST_F(PatchReportTest, OtherPatchAndMissingPatch) {
    PatchReportOptions opts;
    opts.patch_id = 1;
    PatchReport r = build(opts);
    EXPECT_EQ(r.patch.info.name, "unrelated");
    EXPECT_EQ(r.status, "gates passed");
    EXPECT_TRUE(r.approvals.empty());
    EXPECT_TRUE(r.layout.empty());
    auto l = ledger::Ledger::open(file("l.db"), ledger::Access::read);
    ASSERT_TRUE(l.ok());
    opts.patch_id = 7;
    auto missing = build_patch_report(*l, opts);
    ASSERT_FALSE(missing.ok());
    EXPECT_NE(missing.error().message.find("no patch 7"), std::string::npos);
}

TEST_F(PatchReportTest, EmptyLedgerHasNoPatch) {
    { ASSERT_TRUE(ledger::Ledger::open(file("empty.db"), ledger::Access::write).ok()); }
    auto l = ledger::Ledger::open(file("empty.db"), ledger::Access::read);
    ASSERT_TRUE(l.ok());
    auto r = build_patch_report(*l, {});
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("has no patches"), std::string::npos) << r.error().message;
}

TEST_F(PatchReportTest, JsonHasTheDocumentedKeys) {
    json j = patch_json(build());
    std::vector<std::string> keys;
    for (auto& [k, v] : j.items()) keys.push_back(k);
    std::vector<std::string> documented = {"approval_threshold", "approvals", "differences", "digest", "final_state",
                                           "gains", "gates", "incident", "layout", "ledger", "patch", "schema",
                                           "timeline", "transactions"};
    EXPECT_EQ(keys, documented);  // nlohmann sorts keys
    EXPECT_EQ(j["schema"], "suture-patch-report/1");
    EXPECT_EQ(j["ledger"]["verified"], true);
    EXPECT_EQ(j["patch"]["status"], "deployed");
    EXPECT_EQ(j["digest"]["inputs"]["route"], "proxy-admin");
    EXPECT_EQ(j["gates"][2]["findings"][0]["message"], test::kScriptMessage);
    EXPECT_EQ(j["gates"][2]["findings"][0]["line"], 40);
    EXPECT_EQ(j["gates"][1]["details"]["layout"][1]["new"]["label"], "locked");
    EXPECT_EQ(j["approvals"][1]["reviewer"], to_checksum(test::key(test::kKeyA).address()));
    EXPECT_EQ(j["transactions"][1]["tx_hash"], to_hex(test::filled(0xa3)));
    EXPECT_EQ(j["transactions"][1]["block"], 6);
    EXPECT_EQ(j["gains"][0]["new"], "0");
    EXPECT_EQ(j["final_state"][0]["name"], "implementation");
    EXPECT_TRUE(j["approval_threshold"].is_null());
}

TEST_F(PatchReportTest, MarkdownHasEverySectionAndEscapesLedgerText) {
    std::string md = patch_markdown(build());
    for (const char* heading : {"# Patch 2: vault-v2", "## Incident", "## Timeline", "## Gates", "## Storage layout",
                                "## Behaviour differences", "## Attacker gain", "## Approvals", "## Transactions",
                                "## Final on-chain state"})
        EXPECT_NE(md.find(heading), std::string::npos) << heading;
    EXPECT_NE(md.find("audit chain verified"), std::string::npos);
    EXPECT_EQ(md.find("<script>"), std::string::npos) << md;
    EXPECT_EQ(md.find("<b>"), std::string::npos);
    EXPECT_NE(md.find("&lt;script&gt;alert(1)&lt;/script&gt; \\| &amp;"), std::string::npos) << md;
    // The layout table is report/layout_table's, in a code block.
    EXPECT_NE(md.find("```\n  slot"), std::string::npos) << md;
    EXPECT_NE(md.find("locked"), std::string::npos);
    EXPECT_NE(md.find(to_checksum(test::key(test::kKeyA).address())), std::string::npos);
    EXPECT_NE(md.find(to_hex(test::filled(0xa3))), std::string::npos);
    EXPECT_NE(md.find("| 1 (superseded) | check |"), std::string::npos) << md;
}

TEST_F(PatchReportTest, HtmlIsSelfContainedAndEscaped) {
    std::string html = patch_html(build());
    EXPECT_EQ(html.find("<script"), std::string::npos);  // none of ours, and the finding's is escaped
    EXPECT_NE(html.find("withdraw() reenters &lt;script&gt;alert(1)&lt;/script&gt; | &amp; &quot;quoted&quot;"),
              std::string::npos);
    EXPECT_EQ(html.find("<b>bold"), std::string::npos);
    EXPECT_NE(html.find("&lt;b&gt;bold&lt;/b&gt;"), std::string::npos);
    // No external assets: no src/href attributes, no URL but the SVG namespace.
    EXPECT_EQ(html.find(" src="), std::string::npos);
    EXPECT_EQ(html.find(" href="), std::string::npos);
    std::string without_ns = html;
    for (size_t p; (p = without_ns.find("http://www.w3.org/2000/svg")) != std::string::npos;) without_ns.erase(p, 26);
    EXPECT_EQ(without_ns.find("http://"), std::string::npos);
    EXPECT_EQ(without_ns.find("https://"), std::string::npos);
    for (const char* id : {"id=\"integrity\"", "id=\"gate-verdicts\"", "id=\"gate-timeline\"", "id=\"gain-chart\"",
                           "id=\"approval-table\"", "id=\"layout-table\"", "id=\"tx-table\"", "id=\"final-state\""})
        EXPECT_NE(html.find(id), std::string::npos) << id;
    EXPECT_EQ(html.find("id=\"tampered\""), std::string::npos);
    // One dot per gate run, the superseded one hollow.
    size_t dots = 0;
    for (size_t p = 0; (p = html.find("<circle class=\"run ", p)) != std::string::npos; ++p) ++dots;
    EXPECT_EQ(dots, 5u);
    EXPECT_NE(html.find("check run 1: fail (superseded)"), std::string::npos);
}

TEST_F(PatchReportTest, SarifCarriesLatestFindingsWithLocations) {
    json s = patch_sarif(build(), "0.1.0");
    EXPECT_EQ(s["version"], "2.1.0");
    const auto& results = s["runs"][0]["results"];
    ASSERT_EQ(results.size(), 2u);  // the superseded check run's finding is not current
    EXPECT_EQ(results[0]["ruleId"], "reentrancy");
    EXPECT_EQ(results[0]["level"], "warning");
    EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"], "src/VaultV2.sol");
    EXPECT_EQ(results[0]["locations"][0]["physicalLocation"]["region"]["startLine"], 40);
    EXPECT_EQ(results[0]["properties"]["gate"], "exploit");
    EXPECT_EQ(results[1]["suppressions"][0]["justification"], "expected: the fix");
    EXPECT_EQ(s["runs"][0]["properties"]["ledgerVerified"], true);
    EXPECT_FALSE(s["runs"][0].contains("invocations"));
}

TEST_F(PatchReportTest, TamperedLedgerIsSaidFirstInEveryFormat) {
    sql("UPDATE gate_runs SET verdict = 'pass' WHERE id = 1");
    PatchReport r = build();
    EXPECT_FALSE(r.integrity.intact);
    ASSERT_FALSE(r.integrity.problems.empty());
    EXPECT_NE(r.integrity.problems[0].find("edited"), std::string::npos) << r.integrity.problems[0];
    std::string md = patch_markdown(r);
    EXPECT_LT(md.find("WARNING: THE LEDGER DOES NOT VERIFY"), md.find("## Incident"));
    std::string html = patch_html(r);
    EXPECT_LT(html.find("id=\"tampered\""), html.find("id=\"incident\""));
    EXPECT_EQ(patch_json(r)["ledger"]["verified"], false);
    EXPECT_FALSE(patch_json(r)["ledger"]["problems"].empty());
    json s = patch_sarif(r, "0.1.0");
    EXPECT_EQ(s["runs"][0]["invocations"][0]["executionSuccessful"], false);
}

TEST_F(PatchReportTest, UnreadableRowsAreNamedNotFatal) {
    sql("UPDATE deploy_steps SET raw_tx = 'zz' WHERE id = 2");
    sql("UPDATE gate_runs SET findings = '[{\"code\":5},{\"code\":\"ok\",\"severity\":\"error\"}]' WHERE id = 4");
    PatchReport r = build();
    EXPECT_FALSE(r.integrity.intact);
    ASSERT_EQ(r.read_errors.size(), 1u);
    EXPECT_NE(r.read_errors[0].find("deploy steps: deploy_steps row 2 raw_tx"), std::string::npos) << r.read_errors[0];
    EXPECT_TRUE(r.transactions.empty());
    ASSERT_EQ(r.gates.size(), 5u);
    EXPECT_EQ(r.gates[2].findings.size(), 1u);
    ASSERT_EQ(r.gates[2].unreadable_findings.size(), 1u);
    EXPECT_EQ(r.gates[2].unreadable_findings[0], "{\"code\":5}");
    EXPECT_NE(patch_html(r).find("id=\"read-errors\""), std::string::npos);
}

}  // namespace
}  // namespace suture::report
