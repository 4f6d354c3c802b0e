// End-to-end failure behaviour of the deploy routes: dry runs send nothing,
// a dead node, a wrong key, a reverting upgrade and a failed post-deploy check
// (rolled back through the same route).
#include "deploy/devnet.hpp"
#include "deploy/route.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::deploy {
namespace {

using abi::AbiValue;

class DeployFailures : public test::DevnetTest {
protected:
    Address v1, proxy;

    void SetUp() override {
        DevnetTest::SetUp();
        v1 = deploy(0, "BoxV1");
        proxy = deploy(0, "TransparentProxyV4", {v1, addr(1), test::box_init(addr(0))});
    }

    DeployRequest direct(int admin_key) {
        return upgrade_request(Route::direct, proxy, "BoxV2", &key(admin_key));
    }

    // A UUPS proxy over UupsBoxV1 owned by key 0 (in uups_v1 / uups_proxy), and
    // a request from key 0 to upgrade it to `contract`.
    Address uups_v1, uups_proxy;
    DeployRequest uups(std::string_view contract) {
        uups_v1 = deploy(0, "UupsBoxV1");
        uups_proxy = deploy(0, "ERC1967Proxy", {uups_v1, test::box_init(addr(0), 1)});
        return upgrade_request(Route::uups, uups_proxy, contract, &key(0));
    }
};

TEST_F(DeployFailures, DryRunListsExactlyWhatTheRunSends) {
    auto r = direct(1);
    r.init_data = test::encode("migrate(uint256)", {uint256(3)});
    r.dry_run = true;
    auto dry = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(dry.ok()) << dry.error().message;
    EXPECT_TRUE(recorder->entries.empty());
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), v1);
    ASSERT_EQ(dry->planned.size(), 2u);

    r.dry_run = false;
    auto real = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(real.ok()) << real.error().message;
    EXPECT_EQ(*dry->implementation, *real->implementation);  // the predicted CREATE address
    ASSERT_EQ(recorder->entries.size(), dry->planned.size());
    for (size_t i = 0; i < dry->planned.size(); ++i) {
        const auto& want = dry->planned[i];
        const auto& got = recorder->entries[i].request;
        EXPECT_EQ(want.from, got.from) << want.step;
        EXPECT_EQ(want.to, got.to) << want.step;
        EXPECT_EQ(want.data, got.data) << want.step;
        EXPECT_EQ(want.value, got.value) << want.step;
    }
}

TEST_F(DeployFailures, DeadEndpointIsAChainErrorWithNothingSent) {
    chain::RpcOptions o;
    o.connect_timeout = std::chrono::milliseconds(300);
    o.request_timeout = std::chrono::milliseconds(600);
    o.max_retries = 1;
    o.initial_backoff = std::chrono::milliseconds(10);
    chain::RpcClient dead("http://127.0.0.1:1", o);  // port 1: nothing listens there
    MemoryRecorder log;
    TxSender s(dead, test::Anvil::chain_id, log);
    auto out = run_deploy(dead, s, direct(1));
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().kind, ErrorKind::chain);
    EXPECT_EQ(exit_code(out.error().kind), 3);
    EXPECT_NE(out.error().message.find("127.0.0.1:1"), std::string::npos) << out.error().message;
    EXPECT_TRUE(log.entries.empty());
}

TEST_F(DeployFailures, WrongKeyIsRefusedBeforeSending) {
    auto nonce_before = rpc->get_transaction_count(addr(2));
    auto out = run_deploy(*rpc, *sender, direct(2));
    ASSERT_FALSE(out.ok());
    EXPECT_EQ(out.error().kind, ErrorKind::input);
    EXPECT_NE(out.error().message.find("refusing before sending anything"), std::string::npos) << out.error().message;
    EXPECT_NE(out.error().message.find(to_checksum(addr(1))), std::string::npos) << out.error().message;
    EXPECT_TRUE(recorder->entries.empty());
    EXPECT_EQ(*rpc->get_transaction_count(addr(2)), *nonce_before);  // not even the implementation went out
}

// The simulation runs the implementation's creation and then the upgrade
// call against it before anything is sent: the revert refuses the whole run.
TEST_F(DeployFailures, RevertingUpgradeIsRefusedByTheSimulationWithNothingSent) {
    auto r = direct(1);
    r.init_data = test::encode("migrate(uint256)", {uint256(0)});  // BoxV2 requires a non-zero bonus
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(out->refused, "simulation");
    ASSERT_EQ(out->simulation.steps.size(), 2u);
    EXPECT_TRUE(out->simulation.steps[0].ok) << out->simulation.steps[0].detail;  // the implementation deploys
    EXPECT_FALSE(out->simulation.steps[1].ok);
    EXPECT_NE(out->simulation.steps[1].detail.find("BoxV2: bonus must be non-zero"), std::string::npos)
        << out->simulation.steps[1].detail;
    EXPECT_TRUE(recorder->entries.empty());
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), v1);
}

TEST_F(DeployFailures, DryRunSimulatesAndRefusesARevertingUpgrade) {
    auto r = direct(1);
    r.init_data = test::encode("migrate(uint256)", {uint256(0)});
    r.dry_run = true;
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(out->refused, "simulation");
    EXPECT_TRUE(out->planned.empty());
    EXPECT_TRUE(recorder->entries.empty());
}

TEST_F(DeployFailures, NonUupsImplementationOnUupsProxyDecodesTheCustomError) {
    auto r = uups("BoxV2");  // no proxiableUUID: UUPS refuses it
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(out->refused, "simulation");
    ASSERT_FALSE(out->simulation.ok());
    EXPECT_NE(out->simulation.steps.back().detail.find("ERC1967InvalidImplementation(0x"), std::string::npos)
        << out->simulation.steps.back().detail;
    EXPECT_TRUE(recorder->entries.empty());
    EXPECT_EQ(storage_address(uups_proxy, upgrade::eip1967_implementation_slot()), uups_v1);
}

TEST_F(DeployFailures, WithoutABuildTheCheckGateRefusesUnlessAllowed) {
    auto r = direct(1);
    r.allow.clear();
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_EQ(out->refused, "check");
    ASSERT_EQ(out->check.verdict.blocking.size(), 1u);
    EXPECT_EQ(out->check.verdict.blocking[0].code, "check-not-run");
    EXPECT_FALSE(out->simulation.ran);
    EXPECT_TRUE(recorder->entries.empty());
}

TEST_F(DeployFailures, RenouncedOwnerRefusesEveryKey) {
    auto r = uups("UupsBoxV2");
    r.deployer = &key(0);
    call(0, uups_proxy, "renounceOwnership()");
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_FALSE(out.ok());
    // owner() is now zero: the key is refused before anything is sent.
    EXPECT_NE(out.error().message.find("must come from 0x0000000000000000000000000000000000000000"), std::string::npos)
        << out.error().message;
    EXPECT_TRUE(recorder->entries.empty());
}

TEST_F(DeployFailures, FailedSmokeCheckRollsBackThroughTheSameRoute) {
    auto r = direct(1);
    r.smoke = {*parse_smoke_check("version()(uint256) = 3")};  // V2 says 2: verification must fail
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_FALSE(out->verification.ok());
    EXPECT_NE(out->verification.failures().find("returned 2, expected 3"), std::string::npos)
        << out->verification.failures();
    EXPECT_TRUE(out->rolled_back);
    EXPECT_NE(out->rollback_detail.find(to_checksum(v1)), std::string::npos) << out->rollback_detail;
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), v1);
    EXPECT_EQ(view_uint(proxy, "version()(uint256)"), uint256(1));
    ASSERT_EQ(recorder->entries.size(), 3u);  // implementation, upgrade, rollback upgrade
}

TEST_F(DeployFailures, NotAProxyIsRefused) {
    Address plain = deploy(0, "PlainCounter");
    auto r = direct(1);
    r.proxy = plain;
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_FALSE(out.ok());
    EXPECT_NE(out.error().message.find("is not a proxy"), std::string::npos) << out.error().message;
    EXPECT_TRUE(recorder->entries.empty());
}

}  // namespace
}  // namespace suture::deploy
