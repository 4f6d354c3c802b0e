// The hand-assembled ERC-1967 proxy on the scratch chain: it stores the
// implementation in the EIP-1967 slot, forwards calldata by delegatecall (so
// writes land in the proxy's storage) and passes return and revert data on.
#include <gtest/gtest.h>

#include "upgrade/executed_proxy.hpp"
#include "upgrade/executed_scratch.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {
namespace {

// Creation code that deploys `runtime` as is (10-byte prefix):
// PUSH1 len PUSH1 10 PUSH0 CODECOPY PUSH1 len PUSH0 RETURN.
Bytes deployer_of(const Bytes& runtime) {
    auto n = uint8_t(runtime.size());
    Bytes c;
    for (uint8_t b : {uint8_t(0x60), n, uint8_t(0x60), uint8_t(0x0a), uint8_t(0x5f), uint8_t(0x39), uint8_t(0x60), n,
                      uint8_t(0x5f), uint8_t(0xf3)})
        c.push_back(b);
    for (uint8_t b : runtime) c.push_back(b);
    return c;
}

Address deploy(ScratchChain& chain, const Bytes& initcode) {
    auto r = chain.create(initcode);
    EXPECT_TRUE(r.ok() && r->ok() && r->created);
    return r.ok() && r->created ? *r->created : Address{};
}

const uint256 kSlot = uint256::from_bytes32(eip1967_implementation_slot());

// Echo: memory = calldata; sstore(0, 42); return(0, calldatasize).
const Bytes kEcho = {0x36, 0x5f, 0x5f, 0x37, 0x60, 0x2a, 0x5f, 0x55, 0x36, 0x5f, 0xf3};
// Refuser: memory = calldata; revert(0, calldatasize).
const Bytes kRefuser = {0x36, 0x5f, 0x5f, 0x37, 0x36, 0x5f, 0xfd};

TEST(ExecutedProxy, TheBytecodeHasTheDocumentedShape) {
    Bytes runtime = erc1967_proxy_runtime();
    EXPECT_EQ(runtime.size(), 0x3au);
    EXPECT_EQ(runtime[0x2b], 0xf4);  // DELEGATECALL
    EXPECT_EQ(runtime[0x38], 0x5b);  // the JUMPDEST the JUMPI targets
    Address a;
    a.bytes[19] = 7;
    Bytes init = erc1967_proxy_initcode(a);
    EXPECT_EQ(init.size(), 0x34u + 0x3au + 32u);
    EXPECT_EQ(init.back(), 7);
}

TEST(ExecutedProxy, StoresTheImplementationAndForwardsCalls) {
    ScratchChain chain;
    Address impl = deploy(chain, deployer_of(kEcho));
    Address proxy = deploy(chain, erc1967_proxy_initcode(impl));
    uint256 held = chain.storage(proxy, kSlot);
    EXPECT_EQ(held, uint256::from_be(BytesView(impl.bytes.data(), 20)));

    Bytes data = {0xde, 0xad, 0xbe, 0xef, 0x01};
    auto r = chain.call(proxy, data, true);
    ASSERT_TRUE(r.ok());
    EXPECT_TRUE(r->ok());
    EXPECT_EQ(r->output, data);
    // delegatecall: the write lands in the proxy, not in the implementation.
    EXPECT_EQ(chain.storage(proxy, 0), uint256(42));
    EXPECT_EQ(chain.storage(impl, 0), uint256(0));
}

TEST(ExecutedProxy, PassesRevertDataOnAndFollowsTheSlot) {
    ScratchChain chain;
    Address echo = deploy(chain, deployer_of(kEcho));
    Address refuser = deploy(chain, deployer_of(kRefuser));
    Address proxy = deploy(chain, erc1967_proxy_initcode(refuser));
    Bytes data = {0x08, 0xc3, 0x79, 0xa0};
    auto r = chain.call(proxy, data, true);
    ASSERT_TRUE(r.ok());
    EXPECT_EQ(r->status, evm::StatusCode::revert);
    EXPECT_EQ(r->output, data);
    // Writing the slot is an upgrade: the next call runs the other implementation.
    chain.set_storage(proxy, kSlot, uint256::from_be(BytesView(echo.bytes.data(), 20)));
    auto e = chain.call(proxy, data, false);
    ASSERT_TRUE(e.ok());
    EXPECT_TRUE(e->ok());
    EXPECT_EQ(e->output, data);
    EXPECT_EQ(chain.storage(proxy, 0), uint256(0));  // not committed
}

}  // namespace
}  // namespace suture::upgrade
