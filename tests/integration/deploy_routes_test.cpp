// End-to-end: every route upgrades a proxy from BoxV1 (or CounterFacetV1) to
// V2 on a private anvil node, then the slot, the code and V2's behaviour are
// checked on chain.
#include <unistd.h>

#include <filesystem>

#include "core/keccak.hpp"
#include "deploy/devnet.hpp"
#include "deploy/route.hpp"
#include "deploy/safe_tx_builder_file.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::deploy {
namespace {

using abi::AbiValue;
using test::box_init;

class DeployRoutes : public test::DevnetTest {
protected:
    Bytes migrate(uint64_t bonus) { return test::encode("migrate(uint256)", {uint256(bonus)}); }

    DeployRequest request(Route route, const Address& proxy, int admin, const char* artifact = "BoxV2") {
        DeployRequest r = upgrade_request(route, proxy, artifact, &key(admin));
        r.smoke = {*parse_smoke_check("version()(uint256) = 2")};
        return r;
    }

    DeployOutcome run(const DeployRequest& r) {
        auto out = run_deploy(*rpc, *sender, r);
        if (!out) throw std::runtime_error(out.error().message);
        return std::move(*out);
    }

    // The checks every successful route must pass.
    void expect_upgraded(const DeployOutcome& out, const Address& proxy, const Address& slot_holder) {
        ASSERT_TRUE(out.implementation.has_value());
        EXPECT_TRUE(out.verification.ok()) << out.verification.failures();
        EXPECT_FALSE(out.rolled_back);
        EXPECT_EQ(storage_address(slot_holder, upgrade::eip1967_implementation_slot()), *out.implementation);
        EXPECT_EQ(view_uint(proxy, "version()(uint256)"), uint256(2));
        EXPECT_EQ(view_uint(proxy, "value()(uint256)"), uint256(42));  // state survived
        EXPECT_EQ(view_uint(proxy, "maxValue()(uint256)"), uint256(1000));  // V2's immutable, through the proxy
        call(3, proxy, "increment()");
        EXPECT_EQ(view_uint(proxy, "value()(uint256)"), uint256(43));
    }
};

TEST_F(DeployRoutes, DirectAdminEoaWithInitializer) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentProxyV4", {v1, addr(1), box_init(addr(0))});
    auto r = request(Route::direct, proxy, 1);
    r.init_data = migrate(7);
    auto out = run(r);
    EXPECT_EQ(out.mechanism, "direct");
    expect_upgraded(out, proxy, proxy);
    EXPECT_EQ(view_uint(proxy, "bonus()(uint256)"), uint256(7));
    ASSERT_EQ(recorder->entries.size(), 2u);  // implementation, then upgradeToAndCall
    EXPECT_NE(recorder->entries[1].request.step.find("upgradeToAndCall"), std::string::npos);
    EXPECT_TRUE(recorder->entries[1].success);
}

TEST_F(DeployRoutes, DirectLinksTheLibrary) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentProxyV4", {v1, addr(1), box_init(addr(0))});
    Address tripler = deploy(0, "Tripler");
    auto r = request(Route::direct, proxy, 1);
    EXPECT_THROW(test::fixture_artifact("LinkedBoxV2", {"1000"}), std::runtime_error);  // Box.sol:Tripler missing
    r.artifact = test::fixture_artifact("LinkedBoxV2", {"1000"}, {{"Box.sol:Tripler", tripler}});
    auto out = run(r);
    expect_upgraded(out, proxy, proxy);
    EXPECT_EQ(view_uint(proxy, "tripled()(uint256)"), uint256(43 * 3));
    // No initializer and a v4-style proxy: the plain upgradeTo.
    EXPECT_NE(recorder->entries[1].request.step.find("upgradeTo("), std::string::npos);
}

TEST_F(DeployRoutes, ProxyAdminV4) {
    Address v1 = deploy(0, "BoxV1");
    Address pa = deploy(0, "ProxyAdminV4", {addr(0)});
    Address proxy = deploy(0, "TransparentProxyV4", {v1, pa, box_init(addr(0))});
    auto out = run(request(Route::proxy_admin, proxy, 0));
    EXPECT_EQ(out.mechanism, "proxy-admin v4");
    expect_upgraded(out, proxy, proxy);
    EXPECT_NE(recorder->entries[1].request.step.find("ProxyAdmin(v4).upgrade("), std::string::npos);
}

TEST_F(DeployRoutes, ProxyAdminV5WithInitializer) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentUpgradeableProxy", {v1, addr(0), box_init(addr(0))});
    auto r = request(Route::proxy_admin, proxy, 0);
    r.init_data = migrate(9);
    auto out = run(r);
    EXPECT_EQ(out.mechanism, "proxy-admin v5");
    expect_upgraded(out, proxy, proxy);
    EXPECT_EQ(view_uint(proxy, "bonus()(uint256)"), uint256(9));
}

TEST_F(DeployRoutes, Uups) {
    Address v1 = deploy(0, "UupsBoxV1");
    Address proxy = deploy(0, "ERC1967Proxy", {v1, box_init(addr(0))});
    auto out = run(request(Route::uups, proxy, 0, "UupsBoxV2"));
    EXPECT_EQ(out.mechanism, "uups");
    expect_upgraded(out, proxy, proxy);
}

TEST_F(DeployRoutes, BeaconWithInitializerCall) {
    Address v1 = deploy(0, "BoxV1");
    Address beacon = deploy(0, "UpgradeableBeacon", {v1, addr(0)});
    Address proxy = deploy(0, "BeaconProxy", {beacon, box_init(addr(0))});
    auto r = request(Route::beacon, proxy, 0);
    r.init_data = migrate(5);
    auto out = run(r);
    EXPECT_EQ(out.mechanism, "beacon");
    ASSERT_TRUE(out.implementation);
    EXPECT_TRUE(out.verification.ok()) << out.verification.failures();
    EXPECT_EQ(view(beacon, "implementation()(address)")[0].as_address(), *out.implementation);
    EXPECT_EQ(view_uint(proxy, "version()(uint256)"), uint256(2));
    EXPECT_EQ(view_uint(proxy, "bonus()(uint256)"), uint256(5));
    EXPECT_EQ(recorder->entries.size(), 3u);  // implementation, upgradeTo, initializer call
}

TEST_F(DeployRoutes, DiamondCutFromTheSelectorDiff) {
    Address diamond = deploy(0, "Diamond", {addr(0)});
    Address f1 = deploy(0, "CounterFacetV1");
    AbiValue::List sels;
    for (const char* s : {"count()", "setCount(uint256)", "legacyDouble()", "facetVersion()"}) {
        auto x = abi::selector(s);
        sels.emplace_back(Bytes(x.begin(), x.end()));
    }
    AbiValue cut(AbiValue::List{f1, uint256(0), AbiValue(sels)});
    call(0, diamond, "diamondCut((address,uint8,bytes4[])[],address,bytes)", {AbiValue(AbiValue::List{cut}), Address{}, Bytes{}});
    call(0, diamond, "setCount(uint256)", {uint256(5)});

    DeployRequest r;
    r.route = Route::diamond;
    r.proxy = diamond;
    r.artifact = test::fixture_artifact("CounterFacetV2");
    r.admin = &key(0);
    r.allow = {{"check-not-run", "route mechanics test: the check gate is tested on its own"}};
    r.init_data = test::encode("initStep(uint256)", {uint256(3)});
    r.smoke = {*parse_smoke_check("facetVersion()(uint256) = 2"), *parse_smoke_check("count()(uint256) = 5")};
    auto out = run(r);
    EXPECT_TRUE(out.verification.ok()) << out.verification.failures();
    ASSERT_EQ(out.cuts.size(), 3u);
    EXPECT_EQ(out.cuts[0].action, FacetCutAction::replace);
    EXPECT_EQ(out.cuts[1].action, FacetCutAction::add);
    EXPECT_EQ(out.cuts[2].action, FacetCutAction::remove);
    auto x = abi::selector("count()");
    EXPECT_EQ(view(diamond, "facetAddress(bytes4)(address)", {Bytes(x.begin(), x.end())})[0].as_address(),
              *out.implementation);
    call(1, diamond, "increment()");
    EXPECT_EQ(view_uint(diamond, "count()(uint256)"), uint256(8));  // step 3 from the initializer
    chain::CallRequest gone;  // removed by the cut: the diamond answers FunctionNotFound(selector)
    gone.to = diamond;
    gone.data = test::encode("legacyDouble()", {});
    auto res = rpc->try_call(gone);
    ASSERT_TRUE(res.ok()) << res.error().message;
    EXPECT_TRUE(res->reverted);
}

TEST_F(DeployRoutes, TimelockScheduleWaitExecute) {
    Address tl = deploy(0, "TimelockController",
                        {uint256(3600), AbiValue(AbiValue::List{addr(0)}), AbiValue(AbiValue::List{addr(0)}), Address{}});
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentUpgradeableProxy", {v1, tl, box_init(addr(0))});
    auto r = request(Route::timelock, proxy, 0);
    r.init_data = migrate(4);
    r.timelock.time_travel = true;
    r.timelock.salt = keccak256("suture test");
    auto out = run(r);
    EXPECT_EQ(out.mechanism, "proxy-admin v5");
    ASSERT_TRUE(out.timelock_operation);
    const auto& id = *out.timelock_operation;
    EXPECT_TRUE(view(tl, "isOperationDone(bytes32)(bool)", {Bytes(id.begin(), id.end())})[0].as_bool());
    expect_upgraded(out, proxy, proxy);
    EXPECT_EQ(view_uint(proxy, "bonus()(uint256)"), uint256(4));
    ASSERT_EQ(recorder->entries.size(), 3u);  // implementation, schedule, execute
    EXPECT_NE(recorder->entries[1].request.step.find("timelock.schedule("), std::string::npos);
}

TEST_F(DeployRoutes, TimelockBatchForBeaconWithInitializer) {
    Address tl = deploy(0, "TimelockController",
                        {uint256(60), AbiValue(AbiValue::List{addr(0)}), AbiValue(AbiValue::List{addr(1)}), Address{}});
    Address v1 = deploy(0, "BoxV1");
    Address beacon = deploy(0, "UpgradeableBeacon", {v1, tl});
    Address proxy = deploy(0, "BeaconProxy", {beacon, box_init(addr(0))});
    auto r = request(Route::timelock, proxy, 0);
    r.init_data = migrate(6);
    r.timelock.time_travel = true;
    r.timelock.executor = &key(1);
    auto out = run(r);
    EXPECT_TRUE(out.verification.ok()) << out.verification.failures();
    EXPECT_NE(recorder->entries[1].request.step.find("scheduleBatch"), std::string::npos);
    EXPECT_NE(recorder->entries[2].request.step.find("executeBatch"), std::string::npos);
    EXPECT_EQ(recorder->entries[2].request.from, addr(1));
    EXPECT_EQ(view_uint(proxy, "bonus()(uint256)"), uint256(6));
}

TEST_F(DeployRoutes, TimelockScheduleThenCancel) {
    Address tl = deploy(0, "TimelockController",
                        {uint256(86400), AbiValue(AbiValue::List{addr(0)}), AbiValue(AbiValue::List{addr(0)}), Address{}});
    Address v1 = deploy(0, "UupsBoxV1");
    Address proxy = deploy(0, "ERC1967Proxy", {v1, box_init(tl)});
    auto r = request(Route::timelock, proxy, 0, "UupsBoxV2");
    r.timelock.step = TimelockOptions::Step::schedule;
    auto scheduled = run(r);
    EXPECT_TRUE(scheduled.pending);
    ASSERT_TRUE(scheduled.timelock_operation);
    Bytes id(scheduled.timelock_operation->begin(), scheduled.timelock_operation->end());
    EXPECT_TRUE(view(tl, "isOperationPending(bytes32)(bool)", {id})[0].as_bool());
    EXPECT_FALSE(view(tl, "isOperationReady(bytes32)(bool)", {id})[0].as_bool());

    r.artifact.reset();
    r.existing_implementation = scheduled.implementation;
    r.timelock.step = TimelockOptions::Step::cancel;
    auto cancelled = run(r);
    EXPECT_EQ(*cancelled.timelock_operation, *scheduled.timelock_operation);
    EXPECT_FALSE(view(tl, "isOperation(bytes32)(bool)", {id})[0].as_bool());
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), v1);
}

class DeploySafe : public test::DevnetTest {
protected:
    Address singleton, factory, multisend;

    void SetUp() override {
        DevnetTest::SetUp();
        singleton = deploy_code(0, test::safe_artifact_code("Safe.sol/Safe.json"), "Safe singleton");
        factory = deploy_code(0, test::safe_artifact_code("proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
                              "SafeProxyFactory");
        multisend = deploy_code(0, test::safe_artifact_code("libraries/MultiSendCallOnly.sol/MultiSendCallOnly.json"),
                                "MultiSendCallOnly");
    }

    // A 2-of-3 Safe owned by dev accounts 1, 2, 3.
    Address make_safe() {
        Bytes setup = test::encode("setup(address[],uint256,address,bytes,address,address,uint256,address)",
                                   {AbiValue(AbiValue::List{addr(1), addr(2), addr(3)}), uint256(2), Address{}, Bytes{},
                                    Address{}, Address{}, uint256(0), Address{}});
        std::vector<AbiValue> args{singleton, setup, uint256(7)};
        auto predicted = view(factory, "createProxyWithNonce(address,bytes,uint256)(address)", args)[0].as_address();
        call(0, factory, "createProxyWithNonce(address,bytes,uint256)", args);
        return predicted;
    }
};

TEST_F(DeploySafe, TwoOfThreeExecutesAndWritesTheBatchFile) {
    Address safe = make_safe();
    EXPECT_EQ(view_uint(safe, "getThreshold()(uint256)"), uint256(2));
    Address v1 = deploy(0, "UupsBoxV1");
    Address proxy = deploy(0, "ERC1967Proxy", {v1, test::box_init(safe)});

    auto file = std::filesystem::temp_directory_path() / ("suture-safe-" + std::to_string(getpid()) + ".json");
    DeployRequest r = upgrade_request(Route::safe, proxy, "UupsBoxV2", nullptr);
    r.deployer = &key(0);
    r.safe.owners = {&key(3), &key(1)};
    r.safe.batch_file = file.string();
    r.safe.created_at_ms = 1700000000000;
    r.smoke = {*parse_smoke_check("version()(uint256) = 2")};
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_TRUE(out->verification.ok()) << out->verification.failures();
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), *out->implementation);
    ASSERT_TRUE(out->safe_tx_hash);
    EXPECT_EQ(view_uint(safe, "nonce()(uint256)"), uint256(1));

    std::ifstream in(file);
    auto batch = nlohmann::json::parse(in);
    auto calls = parse_safe_batch_file(batch);
    ASSERT_TRUE(calls.ok()) << calls.error().message;
    ASSERT_EQ(calls->size(), 1u);
    EXPECT_EQ((*calls)[0].to, proxy);
    EXPECT_EQ(batch["meta"]["createdFromSafeAddress"], to_checksum(safe));
    std::filesystem::remove(file);
}

TEST_F(DeploySafe, MultiSendForSeveralCalls) {
    Address safe = make_safe();
    Address v1 = deploy(0, "BoxV1");
    Address beacon = deploy(0, "UpgradeableBeacon", {v1, safe});
    Address proxy = deploy(0, "BeaconProxy", {beacon, test::box_init(addr(0))});
    DeployRequest r = upgrade_request(Route::safe, proxy, "BoxV2", nullptr);
    r.deployer = &key(0);
    r.init_data = test::encode("migrate(uint256)", {uint256(11)});
    r.safe.owners = {&key(1), &key(2)};
    r.safe.multisend = multisend;
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_TRUE(out->verification.ok()) << out->verification.failures();
    EXPECT_EQ(view_uint(proxy, "bonus()(uint256)"), uint256(11));
    EXPECT_NE(recorder->entries.back().request.step.find("MultiSend of 2 calls"), std::string::npos);
}

TEST_F(DeploySafe, OneSignatureShortOnlyWritesTheFile) {
    Address safe = make_safe();
    Address v1 = deploy(0, "UupsBoxV1");
    Address proxy = deploy(0, "ERC1967Proxy", {v1, test::box_init(safe)});
    auto file = std::filesystem::temp_directory_path() / ("suture-safe1-" + std::to_string(getpid()) + ".json");
    DeployRequest r = upgrade_request(Route::safe, proxy, "UupsBoxV2", nullptr);
    r.deployer = &key(0);
    r.safe.owners = {&key(1)};
    r.safe.batch_file = file.string();
    auto out = run_deploy(*rpc, *sender, r);
    ASSERT_TRUE(out.ok()) << out.error().message;
    EXPECT_TRUE(out->pending);
    EXPECT_FALSE(out->verification.ran());
    EXPECT_EQ(storage_address(proxy, upgrade::eip1967_implementation_slot()), v1);
    EXPECT_TRUE(std::filesystem::exists(file));
    std::filesystem::remove(file);
}

}  // namespace
}  // namespace suture::deploy
