// `suture deploy` and `suture inspect` as a user runs them: exit codes, text
// and JSON output, against a private anvil node.
#include <stdlib.h>

#include "deploy/devnet.hpp"
#include "support/suture_cli.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::deploy {
namespace {

using test::box_init;

// stdout and stderr of `suture ARGS`, and its exit code.
::suture::test::CliRun suture(const std::string& args) { return ::suture::test::run_suture(args); }

// Anvil's well-known dev keys 0 and 1 (public test keys, funded only on dev chains).
constexpr const char* kDevKey0 = "ac0974bec39a17e36ba4a6b4d238ff944bacb478cbed5efcae784d7bf4f2ff80";
constexpr const char* kDevKey1 = "59c6995e998f97a5a0044966f0945389dc9e86dae88c7a8412f4603b6b78690d";

// The Box fixtures are route fixtures, not safe upgrades: the check gate
// refuses them (an immutable, a constructor, no initializer) unless allowed.
const std::string kAllowBoxFindings =
    " --allow state-variable-immutable --reason 'fixture: maxValue is the same for every proxy'"
    " --allow constructor --reason 'fixture: the constructor only sets the immutable'"
    " --allow missing-initializer --reason 'fixture: the proxy was initialized by V1'";

class DeployCli : public test::DevnetTest {
protected:
    void SetUp() override {
        DevnetTest::SetUp();
        setenv("SUTURE_TEST_KEY0", kDevKey0, 1);
        setenv("SUTURE_TEST_KEY1", kDevKey1, 1);
        ASSERT_EQ(addr(0), chain::SecretKey::from_hex(kDevKey0)->address());
    }
    std::string url() { return node_->url(); }
    std::string fixtures() { return std::string(SUTURE_BINARY_DIR) + "/fixtures/deploy/contracts.json"; }
};

TEST_F(DeployCli, InspectTextAndJson) {
    Address v1 = deploy(0, "UupsBoxV1");
    Address proxy = deploy(0, "ERC1967Proxy", {v1, box_init(addr(0))});
    auto text = suture("inspect " + to_checksum(proxy) + " --rpc " + url());
    EXPECT_EQ(text.exit, 0) << text.out;
    EXPECT_NE(text.out.find("UUPS proxy"), std::string::npos) << text.out;
    EXPECT_NE(text.out.find("implementation: " + to_checksum(v1)), std::string::npos) << text.out;
    auto json = suture("--json inspect " + to_checksum(proxy) + " --rpc " + url());
    ASSERT_EQ(json.exit, 0) << json.out;
    auto j = nlohmann::json::parse(json.out);
    EXPECT_EQ(j["kind"], "uups");
    EXPECT_EQ(j["owner"], to_checksum(addr(0)));
}

TEST_F(DeployCli, InspectSaysANonProxyIsNotOne) {
    Address plain = deploy(0, "PlainCounter");
    auto r = suture("inspect " + to_checksum(plain) + " --rpc " + url());
    EXPECT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("not a proxy"), std::string::npos) << r.out;
    auto eoa = suture("--json inspect " + to_checksum(addr(7)) + " --rpc " + url());
    auto j = nlohmann::json::parse(eoa.out);
    EXPECT_EQ(j["proxy"], false);
    EXPECT_EQ(j["hasCode"], false);
}

TEST_F(DeployCli, DeployUupsWithSmokeCheck) {
    Address v1 = deploy(0, "UupsBoxV1");
    Address proxy = deploy(0, "ERC1967Proxy", {v1, box_init(addr(0))});
    // stdout alone: stderr says what each confirmation wait is for.
    auto r = ::suture::test::run_suture("--json deploy --route uups --rpc " + url() + " --proxy " + to_checksum(proxy) + " --artifact " +
                    fixtures() + " --contract UupsBoxV2 --arg 1000 --init 'migrate(uint256)' --init-arg 8" +
                    " --key-env SUTURE_TEST_KEY0 --smoke 'version()(uint256) = 2' --smoke 'bonus()(uint256) = 8'" +
                    kAllowBoxFindings, false);
    ASSERT_EQ(r.exit, 0) << r.out;
    auto j = nlohmann::json::parse(r.out);
    EXPECT_EQ(j["verification"]["ok"], true);
    EXPECT_EQ(j["sent"].size(), 2u);
    Address impl = *parse_address(j["implementation"].get<std::string>());
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), impl);
    EXPECT_EQ(r.out.find(kDevKey0), std::string::npos);  // the key never reaches the output
}

TEST_F(DeployCli, DryRunPrintsTheTransactionsAndSendsNothing) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentProxyV4", {v1, addr(1), box_init(addr(0))});
    auto r = suture("deploy --route direct --dry-run --rpc " + url() + " --proxy " + to_checksum(proxy) +
                    " --artifact " + fixtures() + " --contract BoxV2 --arg 1000 --key-env SUTURE_TEST_KEY1" +
                    " --deployer-key-env SUTURE_TEST_KEY0" + kAllowBoxFindings);
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("dry run"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("deploy implementation Box.sol:BoxV2"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("proxy.upgradeTo("), std::string::npos) << r.out;
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), v1);
}

TEST_F(DeployCli, DeadRpcExitsThreeAndSendsNothing) {
    auto r = suture("deploy --route uups --rpc http://127.0.0.1:1 --proxy 0x" + std::string(40, '1') +
                    " --implementation 0x" + std::string(40, '2') + " --key-env SUTURE_TEST_KEY0");
    EXPECT_EQ(r.exit, 3) << r.out;
    EXPECT_NE(r.out.find("127.0.0.1:1"), std::string::npos) << r.out;
    auto j = suture("--json deploy --route uups --rpc http://127.0.0.1:1 --proxy 0x" + std::string(40, '1') +
                    " --implementation 0x" + std::string(40, '2') + " --key-env SUTURE_TEST_KEY0");
    EXPECT_EQ(j.exit, 3) << j.out;
    auto doc = nlohmann::json::parse(j.out);
    EXPECT_EQ(doc["exit"], 3);
}

TEST_F(DeployCli, WrongKeyExitsTwoBeforeSending) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentProxyV4", {v1, addr(1), box_init(addr(0))});
    auto nonce = *rpc->get_transaction_count(addr(0));
    auto r = suture("deploy --route direct --rpc " + url() + " --proxy " + to_checksum(proxy) + " --artifact " +
                    fixtures() + " --contract BoxV2 --arg 1000 --key-env SUTURE_TEST_KEY0" + kAllowBoxFindings);
    EXPECT_EQ(r.exit, 2) << r.out;
    EXPECT_NE(r.out.find("refusing before sending anything"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("nothing was sent"), std::string::npos) << r.out;
    EXPECT_EQ(*rpc->get_transaction_count(addr(0)), nonce);
}

TEST_F(DeployCli, RevertingUpgradeIsRefusedBySimulationBeforeSending) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentProxyV4", {v1, addr(1), box_init(addr(0))});
    auto nonce = *rpc->get_transaction_count(addr(1));
    for (std::string dry : {"", " --dry-run"}) {
        auto r = suture("deploy --route direct" + dry + " --rpc " + url() + " --proxy " + to_checksum(proxy) +
                        " --artifact " + fixtures() + " --contract BoxV2 --arg 1000 --init 'migrate(uint256)' --init-arg 0" +
                        " --key-env SUTURE_TEST_KEY1" + kAllowBoxFindings);
        EXPECT_EQ(r.exit, 1) << dry << r.out;
        EXPECT_NE(r.out.find("BoxV2: bonus must be non-zero"), std::string::npos) << r.out;
        EXPECT_NE(r.out.find("refused by the simulation"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("verification passed"), std::string::npos) << r.out;
        EXPECT_EQ(r.out.find("would be sent"), std::string::npos) << r.out;
    }
    EXPECT_EQ(*rpc->get_transaction_count(addr(1)), nonce);
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), v1);
}

TEST_F(DeployCli, ConfirmationsMustBePositive) {
    auto r = suture("deploy --route uups --rpc " + url() + " --proxy 0x" + std::string(40, '1') +
                    " --implementation 0x" + std::string(40, '2') + " --key-env SUTURE_TEST_KEY0 --confirmations -1");
    EXPECT_EQ(r.exit, 2) << r.out;
    EXPECT_NE(r.out.find("--confirmations"), std::string::npos) << r.out;
}

TEST_F(DeployCli, ErrorsSayWhatWentWrongBeforeWhatWasSent) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentProxyV4", {v1, addr(1), box_init(addr(0))});
    auto r = suture("deploy --route direct --rpc " + url() + " --proxy " + to_checksum(proxy) + " --artifact " +
                    fixtures() + " --contract BoxV2 --arg 1000 --key-env SUTURE_TEST_KEY0" + kAllowBoxFindings);
    EXPECT_EQ(r.exit, 2) << r.out;
    auto err = r.out.find("refusing before sending anything"), nothing = r.out.find("nothing was sent");
    ASSERT_NE(err, std::string::npos) << r.out;
    ASSERT_NE(nothing, std::string::npos) << r.out;
    EXPECT_LT(err, nothing) << r.out;
}

TEST_F(DeployCli, ConfirmationWaitsSayWhatTheyWaitFor) {
    Address v1 = deploy(0, "UupsBoxV1");
    Address proxy = deploy(0, "ERC1967Proxy", {v1, box_init(addr(0))});
    auto r = suture("deploy --route uups --rpc " + url() + " --proxy " + to_checksum(proxy) + " --artifact " +
                    fixtures() + " --contract UupsBoxV2 --arg 1000 --key-env SUTURE_TEST_KEY0 --confirm-timeout 30" +
                    kAllowBoxFindings);
    ASSERT_EQ(r.exit, 0) << r.out;
    EXPECT_NE(r.out.find("waiting for 1 confirmation(s) of deploy implementation Box.sol:UupsBoxV2 (tx 0x"),
              std::string::npos)
        << r.out;
    EXPECT_NE(r.out.find("up to 30 s"), std::string::npos) << r.out;
}

// A deployment whose stdout cannot be written is not lost: the exit says the
// output failed, and stderr still names the created contract's address (which
// holds code on the node).
TEST_F(DeployCli, CreateRepeatsTheAddressOnStderrWhenStdoutIsLost) {
    const std::string vault = std::string(SUTURE_BINARY_DIR) + "/examples/vault.json";
    const std::string cmd = std::string(SUTURE_BINARY_DIR) + "/suture create --rpc " + url() + " --artifact " + vault +
                            " --contract VaultV1 --key-env SUTURE_TEST_KEY0 2>&1 >/dev/full";
    std::string err;
    FILE* p = popen(cmd.c_str(), "r");
    ASSERT_NE(p, nullptr);
    char buf[4096];
    size_t n;
    while ((n = fread(buf, 1, sizeof buf, p)) > 0) err.append(buf, n);
    int status = pclose(p);
    ASSERT_TRUE(WIFEXITED(status));
    EXPECT_EQ(WEXITSTATUS(status), 2) << err;
    EXPECT_NE(err.find("could not write the output to stdout"), std::string::npos) << err;
    auto line = err.find("suture: created VaultV1.sol:VaultV1 at 0x");
    ASSERT_NE(line, std::string::npos) << err;
    auto address = parse_address(err.substr(err.find(" at 0x", line) + 4, 42));
    ASSERT_TRUE(address.ok()) << err;
    auto code = rpc->get_code(*address);
    ASSERT_TRUE(code.ok());
    EXPECT_FALSE(code->empty()) << err;
}

// The example's hurried fix (a variable inserted first, initializers left open)
// is what `check` refuses: deploy refuses it too, naming the findings, and
// sends nothing; each finding allowed with a reason, it goes out and the
// reasons are in the output.
TEST_F(DeployCli, RefusesWhatCheckRefusesUnlessEachFindingIsAllowed) {
    const std::string vault = std::string(SUTURE_BINARY_DIR) + "/examples/vault.json";
    auto created = [&](const std::string& args) {
        auto r = ::suture::test::run_suture("create --rpc " + url() + " --artifact " + vault + " " + args +
                                                " --key-env SUTURE_TEST_KEY0",
                                            false);
        EXPECT_EQ(r.exit, 0) << r.out;
        return r.out.substr(0, 42);
    };
    std::string v1 = created("--contract VaultV1");
    auto init = ::suture::test::run_suture("abi encode --calldata 'initialize(address)' " + to_checksum(addr(0)), false);
    std::string proxy = created("--contract VaultProxy --arg " + v1 + " --arg " + init.out.substr(0, init.out.size() - 1));
    auto nonce = *rpc->get_transaction_count(addr(0));
    const std::string base = "deploy --route uups --rpc " + url() + " --proxy " + proxy + " --artifact " + vault +
                             " --contract VaultV2Unsafe --key-env SUTURE_TEST_KEY0";

    auto refused = suture(base);
    EXPECT_EQ(refused.exit, 1) << refused.out;
    EXPECT_NE(refused.out.find("refused by the check gate: 5 error-level finding(s) (insert, initializer-not-disabled"),
              std::string::npos)
        << refused.out;
    EXPECT_NE(refused.out.find("nothing was sent"), std::string::npos) << refused.out;
    EXPECT_EQ(refused.out.find("simulation"), std::string::npos) << refused.out;  // the check gate comes first
    EXPECT_EQ(*rpc->get_transaction_count(addr(0)), nonce);
    EXPECT_EQ(to_checksum(storage_address(*parse_address(proxy), upgrade::eip1967_implementation_slot())),
              to_checksum(*parse_address(v1)));

    auto allowed = suture("--json " + base + " --allow insert --reason 'test: the proxy holds no data yet'" +
                          " --allow initializer-not-disabled --reason 'test: dev chain'" +
                          " --allow exec-implementation-initializable --reason 'test: dev chain'" +
                          " --allow exec-storage-value-changed --reason 'test: the proxy holds no data yet'");
    ASSERT_EQ(allowed.exit, 0) << allowed.out;
    auto j = nlohmann::json::parse(allowed.out.substr(allowed.out.find('{')));
    EXPECT_EQ(j["check"]["passed"], true);
    EXPECT_EQ(j["check"]["allowed"].size(), 5u);
    EXPECT_EQ(j["check"]["allowed"][0]["reason"], "test: the proxy holds no data yet");
    EXPECT_EQ(j["simulation"]["ok"], true);
    EXPECT_EQ(j["sent"].size(), 2u);
    EXPECT_EQ(j["verification"]["ok"], true);
}

}  // namespace
}  // namespace suture::deploy
