// suture.toml: a complete manifest loads; each kind of mistake is an error
// naming the file, the line and the dotted key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "pipeline/manifest.hpp"
#include "support/manifest_file.hpp"

namespace suture::pipeline {
namespace {

namespace fs = std::filesystem;

// Line numbers matter: the error cases below replace whole lines of this text.
const char* const kManifest = R"toml(ledger = "patch.ledger"

[chains.local]
chain_id = 31337
rpc = "http://127.0.0.1:8545"

[targets.vault]
chain = "local"
address = "0x5fbdb2315678afecb367f032d93f642f64180aa3"
proxy = "transparent"
route = "proxy-admin"
admin = "0xe7f1725e7734ce288f8367e1bb143e90bb3f0512"

[builds.v1]
path = "out-v1"

[builds.v2]
path = "out-v2"
format = "foundry"

[patch]
name = "vault-reentrancy"
target = "vault"
old = { build = "v1", contract = "Vault" }
new = { build = "v2", contract = "src/Vault.sol:Vault" }
poc = "test/Exploit.t.sol"
replay = { from_block = 100, to_block = 200 }
fuzz = { runs = 5000, seed = 7 }
invariants = ["invariant_solvent()"]

[[patch.expected_differences]]
function = "withdraw(uint256)"
reason = "reverts on reentry"

[policy]
reviewers = ["0x70997970c51812dc3a010c7d01b50e0d17dc79c8", "0x3c44cdddb6a900fa2b585dd299e03d12fa4293bc"]
threshold = 2

[[policy.allow]]
code = "layout-renamed"
reviewers = 2

[deploy]
confirmations = 2
max_fee_gwei = 100
max_priority_fee_gwei = 2
initializer = { function = "initializeV2(uint256)", args = ["5"] }

[[deploy.smoke]]
function = "totalAssets()"
expect = "0"
)toml";

class ManifestFile : public test::ManifestFolder {
protected:
    void SetUp() override {
        ManifestFolder::SetUp();
        fs::create_directories(dir_ / "out-v1");
        fs::create_directories(dir_ / "out-v2");
        fs::create_directories(dir_ / "test");
        std::ofstream(dir_ / "test" / "Exploit.t.sol") << "// PoC\n";
    }
    // The manifest with line `line` (1-based) replaced by `text` (empty: unchanged).
    std::string write(int line = 0, const std::string& text = "") { return write_manifest(kManifest, line, text); }
};

TEST_F(ManifestFile, LoadsEverySection) {
    auto m = load_manifest(write());
    ASSERT_TRUE(m.ok()) << m.error().message;
    EXPECT_EQ(m->ledger, (dir_ / "patch.ledger").string());
    ASSERT_EQ(m->chains.size(), 1u);
    EXPECT_EQ(m->chains[0].chain_id, 31337u);
    const TargetConfig* t = m->target("vault");
    ASSERT_NE(t, nullptr);
    EXPECT_EQ(t->route, "proxy-admin");
    EXPECT_TRUE(t->admin.has_value());
    EXPECT_EQ(m->build("v2")->format, "foundry");
    EXPECT_EQ(m->build("v1")->path, (dir_ / "out-v1").string());
    EXPECT_EQ(m->patch.new_contract.contract, "src/Vault.sol:Vault");
    EXPECT_EQ(m->patch.poc, (dir_ / "test" / "Exploit.t.sol").string());
    ASSERT_TRUE(m->patch.replay.has_value());
    EXPECT_EQ(m->patch.replay->to_block, 200u);
    EXPECT_EQ(m->patch.fuzz.runs, 5000u);
    EXPECT_EQ(m->patch.fuzz.depth, 20u);
    EXPECT_EQ(m->patch.expected_differences.at(0).function, "withdraw(uint256)");
    EXPECT_FALSE(m->patch.expected_differences.at(0).within);
    auto bounded = load_manifest(write(33, "reason = \"rounding\"\nwithin = \"1000, 0.01%\""));
    ASSERT_TRUE(bounded.ok()) << bounded.error().message;
    EXPECT_EQ(bounded->patch.expected_differences.at(0).within, "1000, 0.01%");
    EXPECT_EQ(expect_rule(bounded->patch.expected_differences.at(0)), "function=withdraw(uint256);within=1000, 0.01%");
    EXPECT_EQ(m->policy.reviewers.size(), 2u);
    EXPECT_EQ(m->policy.threshold, 2u);
    EXPECT_EQ(m->policy.allow.at(0).code, "layout-renamed");
    EXPECT_EQ(m->deploy.confirmations, 2u);
    ASSERT_TRUE(m->deploy.initializer.has_value());
    EXPECT_EQ(m->deploy.initializer->args, std::vector<std::string>{"5"});
    EXPECT_EQ(m->deploy.smoke.at(0).expect, "0");
    EXPECT_FALSE(m->chains[0].hardfork.has_value());
}

TEST_F(ManifestFile, HardforkNamesTheRulesInAnyCase) {
    for (const auto& [name, rev] : {std::pair{"prague", evm::Revision::prague}, std::pair{"Osaka", evm::Revision::osaka},
                                    std::pair{"CANCUN", evm::Revision::cancun}, std::pair{"merge", evm::Revision::paris}}) {
        auto m = load_manifest(write(5, std::string("rpc = \"http://127.0.0.1:8545\"\nhardfork = \"") + name + "\""));
        ASSERT_TRUE(m.ok()) << m.error().message;
        EXPECT_EQ(m->chains[0].hardfork, rev) << name;
    }
}

struct Case {
    const char* name;
    int line;          // replaced line
    const char* text;  // its new text
    const char* says;  // expected in the message, after "suture.toml:"
};

TEST_F(ManifestFile, ErrorsNameFileLineAndKey) {
    const Case cases[] = {
        {"unknown key", 9, "adress = \"0x5fbdb2315678afecb367f032d93f642f64180aa3\"",
         "suture.toml:9:1: targets.vault.adress: unknown key"},
        {"unknown top-level key", 1, "ledgr = \"x\"", "suture.toml:1:1: ledgr: unknown key"},
        {"unknown section", 43, "[deploi]", "suture.toml:43:2: deploi: unknown key"},
        {"wrong type", 4, "chain_id = \"31337\"",
         "suture.toml:4:1: chains.local.chain_id: expected a non-negative integer, found a string"},
        {"wrong type in an inline table", 28, "fuzz = { runs = \"many\" }",
         "suture.toml:28:10: patch.fuzz.runs: expected a non-negative integer, found a string"},
        {"missing build folder", 15, "path = \"out-v0\"",
         "suture.toml:15:1: builds.v1.path: no such file or directory: "},
        {"missing PoC file", 26, "poc = \"test/Missing.t.sol\"",
         "suture.toml:26:1: patch.poc: no such file or directory: "},
        {"reference to nothing", 23, "target = \"valut\"", "suture.toml:23:1: patch.target: no target 'valut' (vault)"},
        {"unknown route", 11, "route = \"teleport\"", "suture.toml:11:1: targets.vault.route: unknown route 'teleport'"},
        {"bad address", 9, "address = \"0x5FBDB2315678afecb367f032d93f642f64180aa3\"",
         "suture.toml:9:1: targets.vault.address: "},
        {"threshold above reviewers", 37, "threshold = 3", "suture.toml:35:1: policy: threshold 3 must be between 1 and the 2"},
        {"missing required key", 5, "", "suture.toml:3:1: chains.local: give exactly one of rpc"},
        {"arguments that do not encode", 47,
         "initializer = { function = \"initializeV2(uint256)\", args = [\"five\"] }",
         "suture.toml:47:53: deploy.initializer.args: argument 1"},
        {"TOML syntax", 22, "name = \"unterminated", "suture.toml:22:"},
        {"unknown fork", 5, "rpc = \"http://127.0.0.1:8545\"\nhardfork = \"pragueX\"",
         "suture.toml:6:1: chains.local.hardfork: unknown fork 'pragueX'"},
        {"malformed bound", 33, "reason = \"rounding\"\nwithin = \"1 percent\"",
         "suture.toml:34:1: patch.expected_differences[0].within: '1 percent': an absolute bound is a whole amount"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.name);
        auto m = load_manifest(write(c.line, c.text));
        ASSERT_FALSE(m.ok());
        const std::string& msg = m.error().message;
        EXPECT_EQ(msg.rfind((dir_ / "").string(), 0), 0u) << msg;  // starts with the file's path
        EXPECT_NE(msg.find(c.says), std::string::npos) << msg;
    }
}

}  // namespace
}  // namespace suture::pipeline
