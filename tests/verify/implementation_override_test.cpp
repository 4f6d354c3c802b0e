// Implementation override on hand-assembled proxies: an EIP-1967 proxy
// (runtime code placed, or creation code run), an EIP-1167 clone, a beacon
// switched through its storage; the old implementation comes back with a
// snapshot; non-proxies and failing constructors are refused.
#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "evm/state_memory.hpp"
#include "upgrade/proxy_slots.hpp"
#include "verify/implementation_override.hpp"

namespace suture::verify {
namespace {

Address A(uint16_t n) {
    Address a;
    a.bytes[0] = 0xAB;
    a.bytes[18] = uint8_t(n >> 8);
    a.bytes[19] = uint8_t(n);
    return a;
}

Bytes hex(std::string_view h) { return from_hex(h).value(); }

Bytes addr_bytes(const Address& a) { return Bytes(a.bytes.begin(), a.bytes.end()); }

Bytes cat(std::initializer_list<Bytes> parts) {
    Bytes out;
    for (const auto& p : parts) out.insert(out.end(), p.begin(), p.end());
    return out;
}

// mstore(0, v) return(0, 32): answers every call with v.
Bytes returns(uint8_t v) { return Bytes{0x60, v, 0x60, 0x00, 0x52, 0x60, 0x20, 0x60, 0x00, 0xf3}; }

// Creation code returning `runtime` (CODECOPY of the bytes after it).
Bytes creation(const Bytes& runtime) {
    const auto n = uint8_t(runtime.size());
    return cat({Bytes{0x60, n, 0x60, 0x0c, 0x60, 0x00, 0x39, 0x60, n, 0x60, 0x00, 0xf3}, runtime});
}

// An EIP-1967 proxy: calldatacopy, delegatecall to sload(implementation slot),
// then return or revert with the return data.
Bytes proxy_code() {
    const Bytes32& slot = upgrade::eip1967_implementation_slot();
    Bytes head = cat({hex("0x366000600037600060003660007f"), Bytes(slot.begin(), slot.end()), hex("0x545af4")});
    // stack: [success]; returndatacopy(0, 0, returndatasize)
    Bytes tail = hex("0x3d600060003e");
    // PUSH1 dest JUMPI; revert(0, rds); JUMPDEST return(0, rds)
    const auto dest = uint8_t(head.size() + tail.size() + 3 + 4);
    return cat({head, tail, Bytes{0x60, dest, 0x57}, hex("0x3d6000fd"), hex("0x5b3d6000f3")});
}

class OverrideTest : public ::testing::Test {
protected:
    OverrideTest() : state(base) {
        block.number = 10;
        block.timestamp = 1'700'000'000;
        block.gas_limit = 30'000'000;
        base.set_account(A(0x11), 1, 0, returns(1));  // the live implementation
        base.set_account(A(0x01), 1, 0, proxy_code(),
                         {{uint256::from_bytes32(upgrade::eip1967_implementation_slot()), to_uint256(A(0x11))}});
    }

    uint256 call(const Address& to) {
        evm::CallRequest c;
        c.from = A(0x99);
        c.to = to;
        auto out = evm::execute_call(state, evm::Revision::cancun, block, c);
        EXPECT_TRUE(out.ok());
        if (!out.ok() || out->receipt.status != evm::StatusCode::success || out->receipt.output.size() != 32)
            return uint256::max();
        return uint256::from_be(out->receipt.output);
    }

    evm::MemoryBackend base;
    evm::OverlayBackend state;
    evm::BlockEnv block;
};

TEST_F(OverrideTest, Eip1967ProxySwitchedToPlacedRuntimeAndBack) {
    ASSERT_EQ(call(A(0x01)), uint256(1));
    const auto before = state.snapshot();
    NewImplementation impl;
    impl.runtime = returns(2);
    auto r = override_implementation(state, block, evm::Revision::cancun, A(0x01), impl);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, upgrade::ProxyPattern::eip1967);
    EXPECT_EQ(r->old_implementation, A(0x11));
    EXPECT_EQ(r->new_implementation, evm::create_address(override_deployer(), 0));
    EXPECT_NE(r->description.find("EIP-1967 implementation slot switched from " + to_checksum(A(0x11))),
              std::string::npos)
        << r->description;
    EXPECT_EQ(call(A(0x01)), uint256(2));

    ASSERT_TRUE(state.revert_to(before));
    EXPECT_EQ(call(A(0x01)), uint256(1));
    // Same state, same address: the override is deterministic.
    auto again = override_implementation(state, block, evm::Revision::cancun, A(0x01), impl);
    ASSERT_TRUE(again.ok());
    EXPECT_EQ(again->new_implementation, r->new_implementation);
    EXPECT_EQ(base.find(A(0x01))->storage.at(uint256::from_bytes32(upgrade::eip1967_implementation_slot())),
              to_uint256(A(0x11)));  // the base is never written
}

TEST_F(OverrideTest, CreationCodeRunsTheConstructor) {
    NewImplementation impl;
    impl.init_code = creation(returns(3));
    auto r = override_implementation(state, block, evm::Revision::cancun, A(0x01), impl);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(call(A(0x01)), uint256(3));

    NewImplementation reverting;
    reverting.init_code = hex("0x60006000fd");  // revert(0, 0)
    auto bad = override_implementation(state, block, evm::Revision::cancun, A(0x01), reverting);
    ASSERT_FALSE(bad.ok());
    EXPECT_EQ(bad.error().kind, ErrorKind::input);
    EXPECT_NE(bad.error().message.find("the constructor failed"), std::string::npos) << bad.error().message;
}

TEST_F(OverrideTest, Eip1167CloneGetsItsTargetRewritten) {
    const Bytes clone = cat({hex("0x363d3d373d3d3d363d73"), addr_bytes(A(0x11)), hex("0x5af43d82803e903d91602b57fd5bf3")});
    base.set_account(A(0x02), 1, 0, clone);
    ASSERT_EQ(call(A(0x02)), uint256(1));
    NewImplementation impl;
    impl.runtime = returns(4);
    auto r = override_implementation(state, block, evm::Revision::cancun, A(0x02), impl);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, upgrade::ProxyPattern::minimal);
    EXPECT_EQ(call(A(0x02)), uint256(4));
}

TEST_F(OverrideTest, BeaconWithoutUpgradeToIsSwitchedInItsStorage) {
    // A beacon answering every call with sload(1): implementation() is slot 1.
    base.set_account(A(0x0b), 1, 0, hex("0x60015460005260206000f3"), {{uint256(1), to_uint256(A(0x11))}});
    base.set_account(A(0x03), 1, 0, Bytes{0x00},
                     {{uint256::from_bytes32(upgrade::eip1967_beacon_slot()), to_uint256(A(0x0b))}});
    NewImplementation impl;
    impl.runtime = returns(5);
    auto r = override_implementation(state, block, evm::Revision::cancun, A(0x03), impl);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, upgrade::ProxyPattern::beacon);
    ASSERT_TRUE(r->beacon);
    EXPECT_EQ(*r->beacon, A(0x0b));
    EXPECT_EQ(r->old_implementation, A(0x11));
    EXPECT_EQ(state.storage(A(0x0b), uint256(1)).value(), to_uint256(r->new_implementation));
}

TEST_F(OverrideTest, NonProxiesAreRefused) {
    NewImplementation impl;
    impl.runtime = returns(2);
    auto plain = override_implementation(state, block, evm::Revision::cancun, A(0x11), impl);
    ASSERT_FALSE(plain.ok());
    EXPECT_EQ(plain.error().message, to_checksum(A(0x11)) +
                                         ": not a proxy (no EIP-1967, beacon, ZeppelinOS, EIP-1822 or Safe slot, "
                                         "and not an EIP-1167 clone)");
    auto empty = override_implementation(state, block, evm::Revision::cancun, A(0x77), impl);
    ASSERT_FALSE(empty.ok());
    EXPECT_NE(empty.error().message.find("no code there"), std::string::npos);
}

}  // namespace
}  // namespace suture::verify
