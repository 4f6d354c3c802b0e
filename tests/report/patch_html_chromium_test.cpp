// The HTML patch report in a real browser: headless Chromium (Debian's
// `chromium`, installed by scripts/setup.sh) loads the page, dumps the DOM it
// built and takes a screenshot. Asserts that the key elements are in the
// rendered DOM (the gate verdict table, the approvals with signer addresses,
// both SVG plots), that the finding's <script> stayed text, and keeps the
// page and the screenshot in <build>/test-artifacts/report/.
//
// Skips only when no chromium is installed; with SUTURE_REQUIRE_CHROMIUM=1
// (CI) a missing chromium fails.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "core/address.hpp"
#include "patch_ledger.hpp"
#include "report/patch_render.hpp"

namespace suture::report {
namespace {

namespace fs = std::filesystem;

std::string find_chromium() {
    if (const char* env = std::getenv("SUTURE_CHROMIUM"); env && *env) return env;
    for (const char* name : {"chromium", "chromium-browser", "google-chrome"}) {
        const std::string probe = std::string("command -v ") + name + " >/dev/null 2>&1";
        if (std::system(probe.c_str()) == 0) return name;
    }
    return {};
}

std::string read_file(const fs::path& p) {
    std::ifstream in(p, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Big-endian u32 at `at` (PNG header fields).
uint32_t be32(const std::string& s, size_t at) {
    return uint32_t(uint8_t(s[at])) << 24 | uint32_t(uint8_t(s[at + 1])) << 16 | uint32_t(uint8_t(s[at + 2])) << 8 |
           uint32_t(uint8_t(s[at + 3]));
}

size_t count(const std::string& text, const std::string& what) {
    size_t n = 0;
    for (size_t p = 0; (p = text.find(what, p)) != std::string::npos; p += what.size()) ++n;
    return n;
}

class PatchHtmlChromium : public test::PatchLedgerTest {};

TEST_F(PatchHtmlChromium, RendersTheKeyElements) {
    const std::string chromium = find_chromium();
    if (chromium.empty()) {
        const char* required = std::getenv("SUTURE_REQUIRE_CHROMIUM");
        if (required && std::string(required) == "1") FAIL() << "chromium is not installed (scripts/setup.sh installs it)";
        GTEST_SKIP() << "chromium is not installed: apt-get install chromium (scripts/setup.sh) to run this test";
    }
    const int64_t patch = test::fill_patch_ledger(file("l.db"));
    auto l = ledger::Ledger::open(file("l.db"), ledger::Access::read);
    ASSERT_TRUE(l.ok());
    PatchReportOptions opts;
    opts.patch_id = patch;
    auto r = build_patch_report(*l, opts);
    ASSERT_TRUE(r.ok()) << r.error().message;

    const fs::path out = fs::path(SUTURE_BINARY_DIR) / "test-artifacts" / "report";
    fs::create_directories(out);
    const fs::path page = out / "patch-report.html", shot = out / "patch-report.png", dom = out / "patch-report.dom.html";
    fs::remove(shot);
    fs::remove(dom);
    {
        std::ofstream f(page);
        f << patch_html(*r);
    }
    // --no-sandbox: test machines run as root, where Chromium's sandbox refuses to start.
    const std::string flags = " --headless --no-sandbox --disable-gpu --hide-scrollbars --no-first-run"
                              " --user-data-dir=" + file("profile") + " --window-size=1200,2600 ";
    const std::string url = "file://" + fs::absolute(page).string();
    const std::string log = file("chromium.log");
    ASSERT_EQ(std::system(("timeout 60 " + chromium + flags + "--dump-dom '" + url + "' > '" + dom.string() +
                           "' 2>'" + log + "'").c_str()),
              0)
        << read_file(log);
    ASSERT_EQ(std::system(("timeout 60 " + chromium + flags + "--screenshot='" + shot.string() + "' '" + url + "' >>'" +
                           log + "' 2>&1").c_str()),
              0)
        << read_file(log);

    const std::string d = read_file(dom);
    ASSERT_FALSE(d.empty()) << read_file(log);
    // The gate verdict table: a row per run, the verdict badges.
    EXPECT_NE(d.find("<table id=\"gate-verdicts\">"), std::string::npos);
    EXPECT_EQ(count(d, "<span class=\"verdict verdict-pass\">pass</span>"), 4u);
    EXPECT_EQ(count(d, "<span class=\"verdict verdict-fail\">fail</span>"), 1u);
    // The approvals, with each signer's address.
    EXPECT_NE(d.find("<table id=\"approval-table\">"), std::string::npos);
    EXPECT_EQ(count(d, "<code class=\"signer\">" + to_checksum(test::key(test::kKeyA).address()) + "</code>"), 1u);
    EXPECT_EQ(count(d, "<code class=\"signer\">" + to_checksum(test::key(test::kKeyB).address()) + "</code>"), 2u);
    // The plots, parsed as SVG: one dot per gate run, two bars per gain row.
    EXPECT_NE(d.find("<svg id=\"gate-timeline\""), std::string::npos);
    EXPECT_EQ(count(d, "<circle class=\"run "), 5u);
    EXPECT_NE(d.find("<svg id=\"gain-chart\""), std::string::npos);
    EXPECT_EQ(count(d, "<rect class=\"bar "), 2u);
    // The finding's markup is text in the DOM, never an element.
    EXPECT_EQ(d.find("<script"), std::string::npos);
    EXPECT_NE(d.find("reenters &lt;script&gt;alert(1)&lt;/script&gt;"), std::string::npos);
    EXPECT_EQ(d.find("<b>bold"), std::string::npos);

    // The screenshot: a PNG of the window's size, with more than a blank page's worth of content.
    const std::string png = read_file(shot);
    ASSERT_GT(png.size(), 24u) << read_file(log);
    EXPECT_EQ(png.substr(1, 3), "PNG");
    EXPECT_EQ(be32(png, 16), 1200u);
    EXPECT_EQ(be32(png, 20), 2600u);
    EXPECT_GT(png.size(), 50u * 1024) << "screenshot looks blank: " << shot;
    std::cout << "screenshot kept: " << shot.string() << " (" << png.size() << " bytes)\n";
}

}  // namespace
}  // namespace suture::report
