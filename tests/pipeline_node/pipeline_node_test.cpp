// The patch pipeline end to end against a node (issue 14's tests, the node
// side; tests/pipeline_cli.sh is the embedded default): a UUPS proxy of
// BridgeV2 (tests/fixtures/pipeline) deployed on anvil; `suture init --rpc`
// finds it, `suture run` runs the gates on the node's fork, two of three
// reviewers approve, `suture deploy --patch` upgrades it to BridgeV3 through
// the node route, `log verify` is intact. Before that, every refusal against
// the node, each sending nothing: missing approvals, a reviewer not in the
// policy, the new build changed after approval, a tampered ledger, another
// suture process holding the ledger, and a key that is not the proxy's owner.
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "deploy/devnet.hpp"
#include "ledger/ledger.hpp"
#include "ledger/sqlite_db.hpp"
#include "support/suture_cli.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::deploy {
namespace {

namespace fs = std::filesystem;
using ::suture::test::CliRun;
using ::suture::test::run_suture;

// Dev accounts: 0 the proxy's owner (deploys), 3-5 reviewers, 6 neither.
constexpr int kOwner = 0, kStranger = 6;
constexpr int kReviewers[] = {3, 4, 5};

std::string rules_build() { return std::string(SUTURE_BINARY_DIR) + "/fixtures/pipeline-rules.json"; }

bool has(const CliRun& r, const std::string& text) { return r.out.find(text) != std::string::npos; }

class PipelineNode : public test::DevnetTest {
protected:
    void SetUp() override {
        DevnetTest::SetUp();
        for (int i : {kOwner, kStranger, kReviewers[0], kReviewers[1], kReviewers[2]})
            setenv(("SUTURE_TEST_KEY" + std::to_string(i)).c_str(), test::Anvil::dev_key_hex(i), 1);
        dir_ = fs::temp_directory_path() / ("suture-pipeline-node-" + std::to_string(getpid()));
        fs::remove_all(dir_);
        fs::create_directories(dir_);
        before_ = fs::current_path();
        fs::current_path(dir_);  // suture.toml and suture.ledger where a user keeps them
        fs::copy_file(rules_build(), dir_ / "rules.json");
        auto builds = solidity::load_build(rules_build());
        ASSERT_TRUE(builds.ok()) << builds.error().message;
        builds_ = std::move(*builds);
    }
    void TearDown() override {
        fs::current_path(before_);
        fs::remove_all(dir_);
        DevnetTest::TearDown();
    }

    const solidity::Contract& rules(std::string_view name) {
        auto c = solidity::find_contract(builds_, name);
        if (!c) throw std::runtime_error(c.error().message);
        return *c->contract;
    }
    uint64_t nonce(int i) {
        auto n = rpc->get_transaction_count(addr(i), chain::BlockTag::pending());
        if (!n) throw std::runtime_error(n.error().message);
        return *n;
    }
    Address implementation(const Address& proxy) {
        return storage_address(proxy, upgrade::eip1967_implementation_slot());
    }
    std::string deploy_patch(const Address& proxy, int key) {
        return "deploy --patch 1 --route uups --rpc " + node_->url() + " --proxy " + to_checksum(proxy) +
               " --artifact rules.json --contract BridgeV3 --init 'initializeV3(uint256)' --init-arg 100" +
               " --key-env SUTURE_TEST_KEY" + std::to_string(key) + " --confirm-timeout 20";
    }
    // `suture deploy --patch` refused with `why`, and nothing sent: no nonce moved, the proxy as it was.
    void expect_refused(const Address& proxy, int key, int exit, const std::string& why, const std::string& what) {
        SCOPED_TRACE(what);
        const uint64_t n = nonce(key);
        const Address impl = implementation(proxy);
        auto r = run_suture(deploy_patch(proxy, key));
        EXPECT_EQ(r.exit, exit) << r.out;
        EXPECT_TRUE(has(r, why)) << "expected \"" << why << "\" in:\n" << r.out;
        EXPECT_EQ(nonce(key), n);
        EXPECT_EQ(implementation(proxy), impl);
    }
    // Flips one hex digit near the end of BridgeV3's runtime code in rules.json.
    void change_new_build() {
        std::ifstream in(dir_ / "rules.json");
        auto j = nlohmann::json::parse(in);
        in.close();
        for (auto& [file, contracts] : j["contracts"].items())
            if (contracts.contains("BridgeV3")) {
                auto& code = contracts["BridgeV3"]["evm"]["deployedBytecode"]["object"];
                std::string s = code.get<std::string>();
                char& c = s[s.size() - 10];
                c = c == '0' ? '1' : '0';
                code = s;
            }
        std::ofstream(dir_ / "rules.json") << j.dump();
    }
    // Runs `sql` on the ledger the way a hand edit would (no suture involved).
    void edit_ledger(const std::string& sql) {
        auto db = ledger::Database::open((dir_ / "suture.ledger").string(), ledger::Database::Mode::read_write_create, 1000);
        ASSERT_TRUE(db.ok()) << db.error().message;
        auto s = db->exec(sql);
        ASSERT_TRUE(s.ok()) << s.error().message;
    }

    fs::path dir_, before_;
    solidity::BuildSet builds_;
};

TEST_F(PipelineNode, InitRunApproveDeployAgainstANodeWithEveryRefusal) {
    // BridgeV2 behind an ERC1967 proxy, owned by dev account 0, at version 2.
    const Address v2 = deploy(kOwner, rules("BridgeV2"));
    const Address proxy =
        deploy(kOwner, rules("ERC1967Proxy"), {v2, test::encode("initialize(address)", {addr(kOwner)})});
    call(kOwner, proxy, "initializeV2(uint256,uint256)", {uint256(100), uint256(70)});

    // init: the build in the folder, the proxy inspected on the node.
    std::string init = "init --rpc " + node_->url() + " --target bridge=" + to_checksum(proxy) + " --new BridgeV3";
    for (int i : kReviewers) init += " --reviewer " + to_checksum(addr(i));
    auto r = run_suture(init);
    ASSERT_EQ(r.exit, 0) << r.out;
    {
        std::ifstream in(dir_ / "suture.toml");
        std::string toml((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
        EXPECT_NE(toml.find("rpc = \"" + node_->url() + "\""), std::string::npos) << toml;
        EXPECT_NE(toml.find("route = \"uups\""), std::string::npos) << toml;
        EXPECT_NE(toml.find("BridgeV2\" }"), std::string::npos) << toml;  // the old contract: the live code's
        EXPECT_NE(toml.find("threshold = 2"), std::string::npos) << toml;
    }
    std::ofstream(dir_ / "suture.toml", std::ios::app)
        << "initializer = { function = \"initializeV3(uint256)\", args = [\"100\"] }\n";

    r = run_suture("patch new");
    ASSERT_EQ(r.exit, 0) << r.out;
    ASSERT_TRUE(has(r, "patch 1 created")) << r.out;
    r = run_suture("run");
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_TRUE(has(r, "every gate passed")) << r.out;
    r = run_suture("patch show 1");
    EXPECT_TRUE(has(r, "check: passed")) << r.out;
    EXPECT_TRUE(has(r, "simulate: passed")) << r.out;  // the upgrade simulated on the node's fork
    r = run_suture("status");
    EXPECT_TRUE(has(r, "0 of 2 approvals")) << r.out;
    EXPECT_TRUE(has(r, "next: approve")) << r.out;

    // Missing approvals; a reviewer not in the policy; one approval is not two.
    expect_refused(proxy, kOwner, 1, "0 of 2 required approvals", "no approvals");
    r = run_suture("approve --patch 1 --key-env SUTURE_TEST_KEY" + std::to_string(kStranger) + " --yes");
    EXPECT_EQ(r.exit, 2) << r.out;
    EXPECT_TRUE(has(r, "is not a reviewer")) << r.out;
    r = run_suture("approve --patch 1 --key-env SUTURE_TEST_KEY" + std::to_string(kReviewers[0]) + " --yes");
    ASSERT_EQ(r.exit, 0) << r.out;
    expect_refused(proxy, kOwner, 1, "1 of 2 required approvals", "one approval");

    // One byte of the new build changed after approval: the approved digest no longer holds.
    fs::copy_file(dir_ / "rules.json", dir_ / "rules.orig");
    change_new_build();
    r = run_suture("approve --patch 1 --key-env SUTURE_TEST_KEY" + std::to_string(kReviewers[1]) + " --yes");
    ASSERT_EQ(r.exit, 0) << r.out;
    expect_refused(proxy, kOwner, 1, "the bytecode about to be deployed hashes to", "new build changed");
    fs::copy_file(dir_ / "rules.orig", dir_ / "rules.json", fs::copy_options::overwrite_existing);
    r = run_suture("status");
    EXPECT_TRUE(has(r, "next: deploy")) << r.out;

    // A tampered ledger (the patch's row edited by hand): refused, and `log verify` names the row.
    std::string name;
    {
        auto l = ledger::Ledger::open((dir_ / "suture.ledger").string(), ledger::Access::read);
        ASSERT_TRUE(l.ok()) << l.error().message;
        auto p = l->patch(1);
        ASSERT_TRUE(p.ok()) << p.error().message;
        name = p->info.name;
    }
    edit_ledger("UPDATE patches SET name = 'not the reviewed patch' WHERE id = 1");
    expect_refused(proxy, kOwner, 1, "the ledger does not verify", "tampered ledger");
    r = run_suture("log verify");
    EXPECT_EQ(r.exit, 1) << r.out;
    EXPECT_TRUE(has(r, "patches row 1")) << r.out;
    edit_ledger("UPDATE patches SET name = '" + name + "' WHERE id = 1");
    r = run_suture("log verify");
    ASSERT_EQ(r.exit, 0) << "the edit should be undone:\n" << r.out;

    // Another suture process holds the ledger: this one fails fast.
    {
        auto holder = ledger::Ledger::open((dir_ / "suture.ledger").string(), ledger::Access::write);
        ASSERT_TRUE(holder.ok()) << holder.error().message;
        expect_refused(proxy, kOwner, 2, "is in use by another suture process", "concurrent process");
    }

    // The wrong key: a reviewer's key is not the proxy's owner; the route refuses before sending.
    expect_refused(proxy, kReviewers[0], 2, "must come from " + to_checksum(addr(kOwner)), "wrong key");

    // Deployed through the node route.
    const uint64_t owner_nonce = nonce(kOwner);
    r = run_suture(deploy_patch(proxy, kOwner));
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_TRUE(has(r, "post-deploy verification passed")) << r.out;
    EXPECT_NE(implementation(proxy), v2);
    EXPECT_EQ(view_uint(proxy, "operatorWeightV3()(uint256)"), uint256(100));  // the initializer ran with it
    EXPECT_EQ(view_uint(proxy, "totalOperatorWeight()(uint256)"), uint256(100));
    EXPECT_EQ(nonce(kOwner), owner_nonce + 2);  // the implementation, the upgrade
    r = run_suture("log verify");
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_TRUE(has(r, "audit chain intact")) << r.out;
}

}  // namespace
}  // namespace suture::deploy
