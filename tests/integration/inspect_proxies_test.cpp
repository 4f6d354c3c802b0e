// End-to-end: `inspect` identifies every proxy kind, and who controls it, on a
// private anvil node.
#include "deploy/devnet.hpp"
#include "upgrade/proxy_detect.hpp"
#include "upgrade/proxy_json.hpp"
#include "upgrade/proxy_rpc_view.hpp"

namespace suture::upgrade {
namespace {

using abi::AbiValue;
using deploy::test::box_init;

class InspectProxies : public deploy::test::DevnetTest {
protected:
    ProxyInfo inspect(const Address& a) {
        RpcChainView view(*rpc);
        auto r = inspect_proxy(view, a);
        if (!r) throw std::runtime_error(r.error().message);
        return std::move(*r);
    }
};

TEST_F(InspectProxies, TransparentWithProxyAdminV5) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentUpgradeableProxy", {v1, addr(2), box_init(addr(0))});
    auto info = inspect(proxy);
    EXPECT_EQ(info.kind, ProxyPattern::transparent);
    EXPECT_EQ(info.implementation, v1);
    ASSERT_EQ(info.authorities.size(), 2u);
    EXPECT_EQ(info.authorities[0].kind, AuthorityKind::proxy_admin_v5);
    EXPECT_EQ(info.authorities[0].version, "5.0.0");
    EXPECT_EQ(info.authorities[1].kind, AuthorityKind::eoa);
    EXPECT_EQ(info.authorities[1].address, addr(2));
    EXPECT_EQ(info.owner, addr(0));  // the Box's own owner(), through the proxy
    EXPECT_EQ(info.paused, false);
}

TEST_F(InspectProxies, TransparentV4WithProxyAdminV4AndPaused) {
    Address v1 = deploy(0, "BoxV1");
    Address pa = deploy(0, "ProxyAdminV4", {addr(1)});
    Address proxy = deploy(0, "TransparentProxyV4", {v1, pa, box_init(addr(0))});
    call(0, proxy, "pause()");
    auto info = inspect(proxy);
    EXPECT_EQ(info.kind, ProxyPattern::transparent);
    ASSERT_EQ(info.authorities.size(), 2u);
    EXPECT_EQ(info.authorities[0].kind, AuthorityKind::proxy_admin_v4);
    EXPECT_EQ(info.authorities[1].address, addr(1));
    EXPECT_EQ(info.paused, true);
}

TEST_F(InspectProxies, UupsAndPlainEip1967) {
    Address u1 = deploy(0, "UupsBoxV1");
    Address uups = deploy(0, "ERC1967Proxy", {u1, box_init(addr(0))});
    auto info = inspect(uups);
    EXPECT_EQ(info.kind, ProxyPattern::uups);
    EXPECT_EQ(info.uups_version, "5.0.0");
    ASSERT_EQ(info.authorities.size(), 1u);
    EXPECT_EQ(info.authorities[0].relation, "owner()");
    EXPECT_EQ(info.authorities[0].kind, AuthorityKind::eoa);

    Address v1 = deploy(0, "BoxV1");
    Address plain = deploy(0, "ERC1967Proxy", {v1, box_init(addr(0))});
    EXPECT_EQ(inspect(plain).kind, ProxyPattern::eip1967);
}

TEST_F(InspectProxies, Beacon) {
    Address v1 = deploy(0, "BoxV1");
    Address beacon = deploy(0, "UpgradeableBeacon", {v1, addr(3)});
    Address proxy = deploy(0, "BeaconProxy", {beacon, box_init(addr(0))});
    auto info = inspect(proxy);
    EXPECT_EQ(info.kind, ProxyPattern::beacon);
    EXPECT_EQ(info.beacon, beacon);
    EXPECT_EQ(info.implementation, v1);
    ASSERT_EQ(info.authorities.size(), 1u);
    EXPECT_EQ(info.authorities[0].address, addr(3));
}

TEST_F(InspectProxies, DiamondFacetsThroughTheLoupe) {
    Address diamond = deploy(0, "Diamond", {addr(0)});
    Address f1 = deploy(0, "CounterFacetV1");
    AbiValue::List sels;
    for (const char* s : {"count()", "setCount(uint256)"}) {
        auto x = abi::selector(s);
        sels.emplace_back(Bytes(x.begin(), x.end()));
    }
    call(0, diamond, "diamondCut((address,uint8,bytes4[])[],address,bytes)",
         {AbiValue(AbiValue::List{AbiValue(AbiValue::List{f1, uint256(0), AbiValue(sels)})}), Address{}, Bytes{}});
    auto info = inspect(diamond);
    EXPECT_EQ(info.kind, ProxyPattern::diamond);
    ASSERT_EQ(info.facets.size(), 2u);  // the diamond's own functions, then the counter facet
    EXPECT_EQ(info.facets[0].address, diamond);
    EXPECT_EQ(info.facets[0].selectors.size(), 7u);
    EXPECT_EQ(info.facets[1].address, f1);
    EXPECT_EQ(info.facets[1].selectors.size(), 2u);
    ASSERT_EQ(info.authorities.size(), 1u);
    EXPECT_EQ(info.authorities[0].address, addr(0));
}

TEST_F(InspectProxies, MinimalProxyClone) {
    Address v1 = deploy(0, "PlainCounter");
    // EIP-1167 creation code: copy the 45-byte runtime that follows and return it.
    Bytes init = *from_hex("3d602d80600a3d3981f3363d3d373d3d3d363d73" + to_hex(v1.bytes, false) +
                           "5af43d82803e903d91602b57fd5bf3");
    Address clone = deploy_code(0, init, "EIP-1167 clone");
    auto info = inspect(clone);
    EXPECT_EQ(info.kind, ProxyPattern::minimal);
    EXPECT_EQ(info.implementation, v1);
    EXPECT_TRUE(info.authorities.empty());
}

TEST_F(InspectProxies, ZeppelinOsSlots) {
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "ZosProxy", {v1, addr(1), box_init(addr(0))});
    auto info = inspect(proxy);
    EXPECT_EQ(info.kind, ProxyPattern::zos);
    EXPECT_EQ(info.implementation, v1);
    ASSERT_EQ(info.authorities.size(), 1u);
    EXPECT_EQ(info.authorities[0].address, addr(1));
    EXPECT_EQ(info.authorities[0].kind, AuthorityKind::eoa);
}

TEST_F(InspectProxies, TimelockOwnedProxyAdmin) {
    Address tl = deploy(0, "TimelockController",
                        {uint256(7200), AbiValue(AbiValue::List{addr(1)}), AbiValue(AbiValue::List{Address{}}), addr(0)});
    Address v1 = deploy(0, "BoxV1");
    Address proxy = deploy(0, "TransparentUpgradeableProxy", {v1, tl, box_init(addr(0))});
    auto info = inspect(proxy);
    ASSERT_EQ(info.authorities.size(), 2u);
    const auto& t = info.authorities[1];
    EXPECT_EQ(t.kind, AuthorityKind::timelock);
    EXPECT_EQ(t.min_delay, 7200u);
    EXPECT_TRUE(t.roles_complete);
    auto has = [&](const std::string& role, const Address& a) {
        for (const auto& r : t.roles)
            if (r.role == role && r.account == a) return true;
        return false;
    };
    EXPECT_TRUE(has("proposer", addr(1)));
    EXPECT_TRUE(has("canceller", addr(1)));
    EXPECT_TRUE(has("executor", Address{}));  // open role
    EXPECT_TRUE(has("admin", addr(0)));
    EXPECT_TRUE(has("admin", tl));            // the timelock administers itself
    auto j = to_json(info);
    EXPECT_EQ(j["authorities"][1]["kind"], "timelock");
    EXPECT_EQ(j["authorities"][1]["minDelay"], 7200);
}

TEST_F(InspectProxies, SafeOwnedUupsAndTheSafeItself) {
    Address singleton = deploy_code(0, deploy::test::safe_artifact_code("Safe.sol/Safe.json"), "Safe");
    Address factory = deploy_code(0, deploy::test::safe_artifact_code("proxies/SafeProxyFactory.sol/SafeProxyFactory.json"),
                                  "SafeProxyFactory");
    Bytes setup = deploy::test::encode("setup(address[],uint256,address,bytes,address,address,uint256,address)",
                                       {AbiValue(AbiValue::List{addr(1), addr(2), addr(3)}), uint256(2), Address{},
                                        Bytes{}, Address{}, Address{}, uint256(0), Address{}});
    std::vector<AbiValue> args{singleton, setup, uint256(1)};
    Address safe = view(factory, "createProxyWithNonce(address,bytes,uint256)(address)", args)[0].as_address();
    call(0, factory, "createProxyWithNonce(address,bytes,uint256)", args);

    Address u1 = deploy(0, "UupsBoxV1");
    Address proxy = deploy(0, "ERC1967Proxy", {u1, box_init(safe)});
    auto info = inspect(proxy);
    ASSERT_EQ(info.authorities.size(), 1u);
    const auto& s = info.authorities[0];
    EXPECT_EQ(s.kind, AuthorityKind::safe);
    EXPECT_EQ(s.threshold, 2u);
    EXPECT_EQ(s.owners, (std::vector<Address>{addr(1), addr(2), addr(3)}));
    EXPECT_EQ(s.version, "1.4.1");

    auto self = inspect(safe);
    EXPECT_EQ(self.kind, ProxyPattern::safe);
    EXPECT_EQ(self.implementation, singleton);
}

TEST_F(InspectProxies, PlainContractAndAccount) {
    Address plain = deploy(0, "PlainCounter");
    auto info = inspect(plain);
    EXPECT_TRUE(info.has_code);
    EXPECT_EQ(info.kind, ProxyPattern::none);
    EXPECT_EQ(to_json(info)["proxy"], false);
    auto eoa = inspect(addr(5));
    EXPECT_FALSE(eoa.has_code);
    EXPECT_EQ(eoa.kind, ProxyPattern::none);
}

}  // namespace
}  // namespace suture::upgrade
