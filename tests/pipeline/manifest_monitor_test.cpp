// suture.toml's [monitor] table (pipeline/manifest_monitor.hpp): every
// detector kind and channel loads into a MonitorSpec; a manifest without
// [patch] loads for the monitor; each kind of mistake names line and key.
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>

#include "core/hex.hpp"
#include "pipeline/manifest.hpp"
#include "pipeline/manifest_monitor.hpp"
#include "support/manifest_file.hpp"

namespace suture::pipeline {
namespace {

namespace fs = std::filesystem;

// Line numbers matter: the error cases replace whole lines.
// The first 8 lines: tests/fixtures/manifest/local-vault.toml (the chain and the vault target).
const char* const kMonitor = R"toml(
[monitor]
targets = ["vault"]
pending = true
poll_ms = 250
state_file = "watch.json"

[[monitor.detectors]]
name = "big-withdraw"
kind = "match"
status = "success"
calls = [{ signature = "withdraw(uint256 amount)", to = "vault", conditions = ["amount > 1000"] }]
events = [{ signature = "event Withdrawn(address indexed to, uint256 amount)", emitter = "vault" }]

[[monitor.detectors]]
name = "solvent"
kind = "invariant"
target = "vault"
function = "totalAssets()(uint256)"
relation = ">= 10"

[[monitor.detectors]]
name = "drain"
kind = "outflow"
target = "vault"
threshold = "1.5 ether"
scope = "window"
window = 10

[[monitor.detectors]]
name = "upgrades"
kind = "watchlist"
target = "vault"
functions = ["upgradeToAndCall(address,bytes)"]
allow = ["0x70997970c51812dc3a010c7d01b50e0d17dc79c8"]
pause = false

[[monitor.detectors]]
name = "slots"
kind = "slot"
target = "vault"
slots = ["implementation", "admin", "owner"]

[[monitor.detectors]]
name = "combined"
kind = "expression"
expression = "big-withdraw && !upgrades"
notify = false

[[monitor.notify]]
kind = "webhook"
url = "https://hooks.example.org/suture"
secret_env = "SUTURE_TEST_HOOK_SECRET"
retries = 5
backoff_ms = 100

[[monitor.notify]]
kind = "slack"
url = "https://hooks.slack.com/services/T/B/X"
)toml";

class MonitorManifest : public test::ManifestFolder {
protected:
    void SetUp() override {
        ManifestFolder::SetUp();
        setenv("SUTURE_TEST_HOOK_SECRET", "hush", 1);
    }
    std::string write(int line = 0, const std::string& text = "") {
        return write_manifest(test::manifest_fixture("local-vault.toml") + kMonitor, line, text);
    }
};

TEST_F(MonitorManifest, LoadsEveryDetectorAndChannelWithoutAPatch) {
    EXPECT_FALSE(load_manifest(write()).ok());  // the patch commands still need [patch]
    auto m = load_manifest(write(), false);
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_FALSE(m->has_patch);
    ASSERT_TRUE(m->monitor);
    const auto& s = *m->monitor;
    const Address vault = *parse_address("0x5fbdb2315678afecb367f032d93f642f64180aa3");
    EXPECT_EQ(s.targets, std::vector<Address>{vault});
    EXPECT_TRUE(s.pending);
    EXPECT_EQ(s.poll_interval.count(), 250);
    EXPECT_EQ(s.state_file, (dir_ / "watch.json").string());
    EXPECT_EQ(s.ledger, (dir_ / "suture.ledger").string());
    ASSERT_EQ(s.detectors.size(), 6u);
    const auto& match = s.detectors[0];
    EXPECT_EQ(match.kind, respond::DetectorKind::match);
    EXPECT_EQ(match.status, respond::TxStatusFilter::success);
    ASSERT_EQ(match.calls.size(), 1u);
    EXPECT_EQ(*match.calls[0].to, vault);
    EXPECT_EQ(match.calls[0].conditions.size(), 1u);
    EXPECT_EQ(*match.events[0].emitter, vault);
    EXPECT_EQ(s.detectors[1].invariant->relation, ">= 10");
    const auto& drain = *s.detectors[2].outflow;
    EXPECT_EQ(drain.threshold, uint256(1'500'000'000'000'000'000ULL));
    EXPECT_EQ(drain.scope, respond::OutflowSpec::Scope::window);
    EXPECT_EQ(drain.window, 10u);
    EXPECT_FALSE(drain.token);
    EXPECT_FALSE(s.detectors[3].pause);
    EXPECT_EQ(s.detectors[3].watchlist->allow.size(), 1u);
    EXPECT_EQ(s.detectors[4].slot->slots.size(), 3u);
    EXPECT_FALSE(s.detectors[5].notify);
    ASSERT_EQ(s.notify.size(), 2u);
    EXPECT_EQ(s.notify[0].secret, "hush");  // read from the environment, never from the file
    EXPECT_EQ(s.notify[0].retries, 5u);
    EXPECT_EQ(s.notify[1].kind, respond::NotifyKind::slack);
}

TEST_F(MonitorManifest, ErrorsNameLineAndKey) {
    struct Case {
        const char* name;
        int line;
        std::string text, says;
    } cases[] = {
        {"unknown monitor key", 13, "pendin = true", "suture.toml:13:1: monitor.pendin: unknown key"},
        {"wrong type", 12, "pending = \"yes\"", "suture.toml:12:1: monitor.pending: expected true or false"},
        {"unknown detector kind", 18, "kind = \"magic\"", "monitor.detectors[0].kind: unknown detector kind 'magic'"},
        {"key of another kind", 29, "threshold = \"5\"", "monitor.detectors[1].threshold: is not a setting of a invariant"},
        {"bad condition", 20, "calls = [{ signature = \"withdraw(uint256 amount)\", conditions = [\"amout > 1\"] }]",
         "has no argument 'amout'"},
        {"bad relation", 28, "relation = \"~ 10\"", "monitor.detectors[1].relation: "},
        {"bad threshold", 34, "threshold = \"1.5 bananas\"", "monitor.detectors[2].threshold: amount '1.5 bananas': unknown unit"},
        {"window without N", 36, "window = 0", "monitor.detectors[2].window: scope window needs window = N"},
        {"no such target", 26, "target = \"valut\"", "monitor.detectors[1].target: no target 'valut' (vault)"},
        {"bad slot", 50, "slots = [\"implementation\", \"nonsense\"]", "slot 'nonsense'"},
        {"expression naming nothing", 55, "expression = \"big-withdraw && nope\"", "no detector 'nope'"},
        {"missing env var", 61, "secret_env = \"SUTURE_TEST_NOT_SET\"",
         "monitor.notify[0].secret_env: environment variable SUTURE_TEST_NOT_SET is not set"},
        {"channel without url", 66, "kind = \"slack\"\nurll = \"x\"", "monitor.notify[1].urll: unknown key"},
    };
    unsetenv("SUTURE_TEST_NOT_SET");
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        auto m = load_manifest(write(c.line, c.text), false);
        ASSERT_FALSE(m.ok());
        EXPECT_NE(m.error().message.find(c.says), std::string::npos) << m.error().message;
    }
}

TEST(ParseAmount, UnitsAndDecimals) {
    EXPECT_EQ(*parse_amount("1000"), uint256(1000));
    EXPECT_EQ(*parse_amount("0x10"), uint256(16));
    EXPECT_EQ(*parse_amount("2 gwei"), uint256(2'000'000'000));
    EXPECT_EQ(*parse_amount("0.5 ether"), uint256(500'000'000'000'000'000ULL));
    EXPECT_FALSE(parse_amount("0.0000000001 gwei").ok());
    EXPECT_FALSE(parse_amount("1 bananas").ok());
}

}  // namespace
}  // namespace suture::pipeline
