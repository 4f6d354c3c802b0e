#include "upgrade/proxy_detect.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "upgrade/fake_chain_view.hpp"
#include "upgrade/proxy_authority.hpp"
#include "upgrade/proxy_json.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {
namespace {

using test::addr;
using test::FakeChainView;

const Address kProxy = addr(0x10), kImpl = addr(0x11), kAdmin = addr(0x12), kOwner = addr(0x13),
              kBeacon = addr(0x14);
const Bytes kSomeCode{0x60, 0x00, 0x56};

// Runtime code that dispatches the given functions (PUSH4 sel ... EQ).
Bytes dispatching(std::initializer_list<const char*> sigs) {
    Bytes c;
    for (auto s : sigs) {
        auto sel = abi::selector(s);
        c.push_back(0x63);
        c.insert(c.end(), sel.begin(), sel.end());
        c.push_back(0x14);
    }
    return c;
}

Bytes word(const Bytes32& b) { return Bytes(b.begin(), b.end()); }

TEST(ProxyDetect, AccountWithoutCode) {
    FakeChainView v;
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_FALSE(info->has_code);
    EXPECT_EQ(info->kind, ProxyPattern::none);
}

TEST(ProxyDetect, PlainContractIsNotAProxy) {
    FakeChainView v;
    v.codes[kProxy] = kSomeCode;
    v.answer(kProxy, "owner()(address)", {kOwner});
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->kind, ProxyPattern::none);
    EXPECT_TRUE(info->authorities.empty());
    ASSERT_TRUE(info->owner);
    EXPECT_EQ(*info->owner, kOwner);
    EXPECT_FALSE(info->paused);
    EXPECT_EQ(to_json(*info)["proxy"], false);
}

TEST(ProxyDetect, TransparentWithProxyAdminV5OwnedByEoa) {
    FakeChainView v;
    v.codes[kProxy] = kSomeCode;
    v.codes[kImpl] = kSomeCode;
    v.codes[kAdmin] = dispatching({"owner()", "upgradeAndCall(address,address,bytes)", "UPGRADE_INTERFACE_VERSION()"});
    v.set_slot(kProxy, eip1967_implementation_slot(), kImpl);
    v.set_slot(kProxy, eip1967_admin_slot(), kAdmin);
    v.answer(kAdmin, "owner()(address)", {kOwner});
    v.answer(kAdmin, "UPGRADE_INTERFACE_VERSION()(string)", {"5.0.0"});
    v.answer(kProxy, "paused()(bool)", {false});
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info->kind, ProxyPattern::transparent);
    EXPECT_EQ(*info->implementation, kImpl);
    ASSERT_EQ(info->authorities.size(), 2u);
    EXPECT_EQ(info->authorities[0].kind, AuthorityKind::proxy_admin_v5);
    EXPECT_EQ(info->authorities[0].version, "5.0.0");
    EXPECT_EQ(info->authorities[1].kind, AuthorityKind::eoa);
    EXPECT_EQ(info->authorities[1].address, kOwner);
    ASSERT_TRUE(info->paused);
    EXPECT_FALSE(*info->paused);
}

TEST(ProxyDetect, ProxyAdminVersionFromCode) {
    EXPECT_EQ(proxy_admin_version(dispatching({"upgrade(address,address)", "upgradeAndCall(address,address,bytes)"})),
              ProxyAdminVersion::v4);
    EXPECT_EQ(proxy_admin_version(dispatching({"upgradeAndCall(address,address,bytes)", "UPGRADE_INTERFACE_VERSION()"})),
              ProxyAdminVersion::v5);
    EXPECT_EQ(proxy_admin_version(dispatching({"upgradeToAndCall(address,bytes)"})), ProxyAdminVersion::none);
    EXPECT_EQ(proxy_admin_version({}), ProxyAdminVersion::none);
}

TEST(ProxyDetect, UupsNeedsTheRightProxiableUuid) {
    FakeChainView v;
    v.codes[kProxy] = kSomeCode;
    v.codes[kImpl] = kSomeCode;
    v.set_slot(kProxy, eip1967_implementation_slot(), kImpl);
    v.answer(kProxy, "owner()(address)", {kOwner});
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->kind, ProxyPattern::eip1967);  // no proxiableUUID: plain EIP-1967

    v.answer(kImpl, "proxiableUUID()(bytes32)", {word(keccak256("something else"))});
    EXPECT_EQ(inspect_proxy(v, kProxy)->kind, ProxyPattern::eip1967);

    v.answer(kImpl, "proxiableUUID()(bytes32)", {word(eip1967_implementation_slot())});
    v.answer(kImpl, "UPGRADE_INTERFACE_VERSION()(string)", {"5.0.0"});
    info = inspect_proxy(v, kProxy);
    EXPECT_EQ(info->kind, ProxyPattern::uups);
    EXPECT_EQ(info->uups_version, "5.0.0");
    ASSERT_EQ(info->authorities.size(), 1u);
    EXPECT_EQ(info->authorities[0].relation, "owner()");
}

TEST(ProxyDetect, BeaconReadsTheBeacon) {
    FakeChainView v;
    v.codes[kProxy] = kSomeCode;
    v.codes[kBeacon] = kSomeCode;
    v.set_slot(kProxy, eip1967_beacon_slot(), kBeacon);
    v.answer(kBeacon, "implementation()(address)", {kImpl});
    v.answer(kBeacon, "owner()(address)", {kOwner});
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->kind, ProxyPattern::beacon);
    EXPECT_EQ(*info->beacon, kBeacon);
    EXPECT_EQ(*info->implementation, kImpl);
    ASSERT_EQ(info->authorities.size(), 1u);
    EXPECT_EQ(info->authorities[0].relation, "beacon owner()");
}

TEST(ProxyDetect, ZeppelinOsSlots) {
    FakeChainView v;
    v.codes[kProxy] = kSomeCode;
    v.set_slot(kProxy, zos_implementation_slot(), kImpl);
    v.set_slot(kProxy, zos_admin_slot(), kAdmin);
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->kind, ProxyPattern::zos);
    ASSERT_EQ(info->authorities.size(), 1u);
    EXPECT_EQ(info->authorities[0].kind, AuthorityKind::eoa);
}

TEST(ProxyDetect, MinimalProxyFromCode) {
    FakeChainView v;
    v.codes[kProxy] = *from_hex("363d3d373d3d3d363d73" + to_hex(kImpl.bytes, false) + "5af43d82803e903d91602b57fd5bf3");
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok());
    EXPECT_EQ(info->kind, ProxyPattern::minimal);
    EXPECT_EQ(*info->implementation, kImpl);
    EXPECT_TRUE(info->authorities.empty());
}

TEST(ProxyDetect, DiamondThroughTheLoupe) {
    FakeChainView v;
    v.codes[kProxy] = kSomeCode;
    Bytes sel1{0x12, 0x34, 0x56, 0x78}, sel2{0xab, 0xcd, 0xef, 0x01};
    abi::AbiValue facet1(abi::AbiValue::List{kImpl, abi::AbiValue::List{sel1, sel2}});
    v.answer(kProxy, "facets()((address,bytes4[])[])", {abi::AbiValue(abi::AbiValue::List{facet1})});
    v.answer(kProxy, "owner()(address)", {kOwner});
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok()) << info.error().message;
    EXPECT_EQ(info->kind, ProxyPattern::diamond);
    ASSERT_EQ(info->facets.size(), 1u);
    EXPECT_EQ(info->facets[0].selectors, (std::vector<uint32_t>{0x12345678, 0xabcdef01}));
    EXPECT_EQ(to_json(*info)["facets"][0]["selectors"][1], "0xabcdef01");
}

TEST(ProxyDetect, TimelockAuthorityWithRolesFromLogs) {
    FakeChainView v;
    const Address kTimelock = addr(0x20), kProposer = addr(0x21), kRevoked = addr(0x22);
    v.codes[kProxy] = kSomeCode;
    v.codes[kImpl] = kSomeCode;
    v.codes[kTimelock] = kSomeCode;
    v.set_slot(kProxy, eip1967_implementation_slot(), kImpl);
    v.answer(kProxy, "owner()(address)", {kTimelock});
    v.answer(kTimelock, "getMinDelay()(uint256)", {uint256(3600)});
    v.answer(kTimelock, "PROPOSER_ROLE()(bytes32)", {word(keccak256("PROPOSER_ROLE"))});
    auto granted = abi::event_topic("RoleGranted(bytes32,address,address)");
    auto log_of = [&](const Bytes32& role, const Address& who) {
        LogEntry l;
        l.address = kTimelock;
        Bytes32 acct{};
        std::copy(who.bytes.begin(), who.bytes.end(), acct.begin() + 12);
        l.topics = {granted, role, acct, Bytes32{}};
        return l;
    };
    v.log_table[{kTimelock, granted}] = {log_of(keccak256("PROPOSER_ROLE"), kProposer),
                                         log_of(keccak256("PROPOSER_ROLE"), kRevoked)};
    // hasRole answers true for everything scripted; the revoked one is tested below.
    v.answer(kTimelock, "hasRole(bytes32,address)(bool)", {true});
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok()) << info.error().message;
    ASSERT_EQ(info->authorities.size(), 1u);
    const auto& t = info->authorities[0];
    EXPECT_EQ(t.kind, AuthorityKind::timelock);
    EXPECT_EQ(t.min_delay, 3600u);
    EXPECT_TRUE(t.roles_complete);
    ASSERT_EQ(t.roles.size(), 2u);
    EXPECT_EQ(t.roles[0].role, "proposer");

    v.answer(kTimelock, "hasRole(bytes32,address)(bool)", {false});
    EXPECT_TRUE(inspect_proxy(v, kProxy)->authorities[0].roles.empty());

    v.logs_supported = false;
    auto no_logs = inspect_proxy(v, kProxy);
    ASSERT_TRUE(no_logs.ok());
    EXPECT_FALSE(no_logs->authorities[0].roles_complete);
}

TEST(ProxyDetect, SafeAuthority) {
    FakeChainView v;
    const Address kSafe = addr(0x30);
    v.codes[kProxy] = kSomeCode;
    v.codes[kImpl] = kSomeCode;
    v.codes[kSafe] = kSomeCode;
    v.set_slot(kProxy, eip1967_implementation_slot(), kImpl);
    v.answer(kProxy, "owner()(address)", {kSafe});
    v.answer(kSafe, "getOwners()(address[])", {abi::AbiValue(abi::AbiValue::List{addr(1), addr(2), addr(3)})});
    v.answer(kSafe, "getThreshold()(uint256)", {uint256(2)});
    v.answer(kSafe, "VERSION()(string)", {"1.4.1"});
    auto info = inspect_proxy(v, kProxy);
    ASSERT_TRUE(info.ok());
    ASSERT_EQ(info->authorities.size(), 1u);
    const auto& s = info->authorities[0];
    EXPECT_EQ(s.kind, AuthorityKind::safe);
    EXPECT_EQ(s.owners.size(), 3u);
    EXPECT_EQ(s.threshold, 2u);
    EXPECT_EQ(s.version, "1.4.1");
}

TEST(ProxyDetect, OwnershipCycleStops) {
    FakeChainView v;
    const Address a = addr(0x40), b = addr(0x41);
    v.codes[a] = kSomeCode;
    v.codes[b] = kSomeCode;
    v.answer(a, "owner()(address)", {b});
    v.answer(b, "owner()(address)", {a});
    auto chain = authority_chain(v, a, "owner()");
    ASSERT_TRUE(chain.ok());
    EXPECT_EQ(chain->size(), 2u);
}

}  // namespace
}  // namespace suture::upgrade
