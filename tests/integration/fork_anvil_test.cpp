// ForkBackend against a real node: a UUPS Box deployed on anvil, forked at
// that block (later blocks change it, the fork does not see them); code,
// storage, balances, nonces, block context and BLOCKHASH read through the
// fork equal the node's answers at the pinned block; a call in the EVM
// equals eth_call there; the proxy switched to new code in an overlay; a
// second run offline from the cache with no request; a truncated cache file
// rebuilt; a node killed mid-run gives a chain error naming the method.
#include <filesystem>

#include "chain/fork_backend.hpp"
#include "chain/rpc_json.hpp"
#include "deploy/devnet.hpp"
#include "evm/state_overlay.hpp"
#include "upgrade/proxy_slots.hpp"
#include "verify/implementation_override.hpp"

namespace suture::chain {
namespace {

using deploy::test::box_init;
using deploy::test::encode;
using test::Anvil;

class ForkAnvil : public deploy::test::DevnetTest {
protected:
    void SetUp() override {
        DevnetTest::SetUp();
        dir = std::filesystem::temp_directory_path() /
              ("suture-fork-anvil-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        cache = (dir / "fork.sqlite").string();
    }
    void TearDown() override {
        std::filesystem::remove_all(dir);
        DevnetTest::TearDown();
    }

    ForkOptions options(uint64_t block) const {
        ForkOptions o;
        o.rpc_url = rpc->url();
        o.block = block;
        o.cache_path = cache;
        return o;
    }

    // Runs `data` against `to` in the EVM over an overlay of `fork`.
    Bytes evm_call(evm::StateBackend& state, ForkBackend& fork, const Address& to, const Bytes& data) {
        evm::CallRequest c;
        c.from = addr(3);
        c.to = to;
        c.data = data;
        auto out = evm::execute_call(state, evm::Revision::cancun, fork.block_env(), c);
        EXPECT_TRUE(out.ok()) << out.error().message;
        if (!out.ok()) return {};
        EXPECT_EQ(out->receipt.status, evm::StatusCode::success) << to_hex(out->receipt.output);
        return out->receipt.output;
    }

    Bytes node_call(const Address& to, const Bytes& data, uint64_t block) {
        CallRequest c;
        c.from = addr(3);
        c.to = to;
        c.data = data;
        auto r = rpc->call(c, BlockTag::number(block));
        EXPECT_TRUE(r.ok()) << r.error().message;
        return r.ok() ? *r : Bytes{};
    }

    std::filesystem::path dir;
    std::string cache;
};

TEST_F(ForkAnvil, ReadsThePinnedBlockAndRunsCallsLikeTheNode) {
    const Address impl = deploy(0, "UupsBoxV1");
    const Address proxy = deploy(0, "ERC1967Proxy", {impl, box_init(addr(0), 42)});
    const uint64_t pinned = rpc->block_number().value();
    send(0, proxy, encode("setValue(uint256)", {uint256(77)}), "setValue after the pinned block");
    ASSERT_EQ(uint256::from_bytes32(rpc->get_storage_at(proxy, uint256(0)).value()), uint256(77));

    auto fork = ForkBackend::open(options(pinned));
    ASSERT_TRUE(fork.ok()) << fork.error().message;
    ForkBackend& f = **fork;
    EXPECT_EQ(f.chain_id(), Anvil::chain_id);
    const BlockTag at = BlockTag::number(pinned);

    for (const Address& a : {proxy, impl, addr(0), addr(5)}) {
        auto info = f.account(a);
        ASSERT_TRUE(info.ok()) << info.error().message;
        ASSERT_TRUE(*info);
        EXPECT_EQ((*info)->balance, rpc->get_balance(a, at).value());
        EXPECT_EQ((*info)->nonce, rpc->get_transaction_count(a, at).value());
        const Bytes code = rpc->get_code(a, at).value();
        if (code.empty()) {
            EXPECT_EQ((*info)->code_hash, evm::kEmptyCodeHash);
            EXPECT_FALSE((*info)->has_storage);
        } else {
            EXPECT_EQ(**f.code((*info)->code_hash), code);
        }
    }
    EXPECT_TRUE(f.account(proxy).value()->has_storage);
    const uint256 impl_slot = uint256::from_bytes32(upgrade::eip1967_implementation_slot());
    EXPECT_EQ(f.storage(proxy, impl_slot).value(), to_uint256(impl));
    EXPECT_EQ(f.storage(proxy, uint256(0)).value(), uint256(42));  // 77 came later

    // Block context and BLOCKHASH of the pinned block.
    auto header = rpc->get_block_by_number(at).value();
    ASSERT_TRUE(header);
    const evm::BlockEnv env = f.block_env();
    EXPECT_EQ(uint64_t(env.number), pinned);
    EXPECT_EQ(uint64_t(env.timestamp), header->timestamp);
    EXPECT_EQ(uint64_t(env.gas_limit), header->gas_limit);
    EXPECT_EQ(env.base_fee, header->base_fee_per_gas.value_or(uint256{}));
    EXPECT_EQ(env.chain_id, uint256(Anvil::chain_id));
    auto parent = rpc->get_block_by_number(BlockTag::number(pinned - 1)).value();
    EXPECT_EQ(env.block_hashes(int64_t(pinned - 1)), parent->hash);

    // A call in the EVM equals eth_call at the pinned block.
    evm::OverlayBackend state(f);
    for (const char* sig : {"value()", "version()", "owner()", "paused()"}) {
        const Bytes data = encode(sig, {});
        EXPECT_EQ(evm_call(state, f, proxy, data), node_call(proxy, data, pinned)) << sig;
    }
}

TEST_F(ForkAnvil, TheProxySwitchesToNewCodeInAnOverlayOnly) {
    const Address impl = deploy(0, "UupsBoxV1");
    const Address proxy = deploy(0, "ERC1967Proxy", {impl, box_init(addr(0), 42)});
    const uint64_t pinned = rpc->block_number().value();
    auto fork = ForkBackend::open(options(pinned));
    ASSERT_TRUE(fork.ok()) << fork.error().message;
    ForkBackend& f = **fork;
    const evm::BlockEnv env = f.block_env();

    evm::OverlayBackend state(f);
    const auto live = state.snapshot();
    EXPECT_EQ(uint256::from_be(evm_call(state, f, proxy, encode("version()", {}))), uint256(1));
    verify::NewImplementation v2;
    v2.init_code = deploy::test::fixture_artifact("UupsBoxV2", {"100"}).init_code;
    auto r = verify::override_implementation(state, env, evm::Revision::cancun, proxy, v2);
    ASSERT_TRUE(r.ok()) << r.error().message;
    EXPECT_EQ(r->kind, upgrade::ProxyPattern::uups);
    EXPECT_EQ(r->old_implementation, impl);
    EXPECT_EQ(uint256::from_be(evm_call(state, f, proxy, encode("version()", {}))), uint256(2));
    EXPECT_EQ(uint256::from_be(evm_call(state, f, proxy, encode("value()", {}))), uint256(42));  // storage kept
    EXPECT_EQ(uint256::from_be(evm_call(state, f, proxy, encode("maxValue()", {}))), uint256(100));  // immutable set

    ASSERT_TRUE(state.revert_to(live));
    EXPECT_EQ(uint256::from_be(evm_call(state, f, proxy, encode("version()", {}))), uint256(1));
    // Nothing reached the node.
    EXPECT_EQ(uint256::from_bytes32(
                  rpc->get_storage_at(proxy, uint256::from_bytes32(upgrade::eip1967_implementation_slot())).value()),
              to_uint256(impl));
}

TEST_F(ForkAnvil, ASecondRunIsOfflineAndATruncatedCacheIsRebuilt) {
    const Address impl = deploy(0, "UupsBoxV1");
    const Address proxy = deploy(0, "ERC1967Proxy", {impl, box_init(addr(0), 42)});
    const uint64_t pinned = rpc->block_number().value();
    const Bytes value_call = encode("value()", {});
    Bytes online_answer;
    {
        auto fork = ForkBackend::open(options(pinned));
        ASSERT_TRUE(fork.ok()) << fork.error().message;
        evm::OverlayBackend state(**fork);
        online_answer = evm_call(state, **fork, proxy, value_call);
        EXPECT_GT((*fork)->stats().rpc_requests, 0u);
    }
    {
        ForkOptions o;
        o.cache_path = cache;
        o.block = pinned;
        auto fork = ForkBackend::open(o);
        ASSERT_TRUE(fork.ok()) << fork.error().message;
        EXPECT_TRUE((*fork)->offline());
        evm::OverlayBackend state(**fork);
        EXPECT_EQ(evm_call(state, **fork, proxy, value_call), online_answer);
        EXPECT_EQ((*fork)->stats().rpc_requests, 0u);
        auto miss = (*fork)->storage(proxy, uint256(12345));
        ASSERT_FALSE(miss.ok());
        EXPECT_NE(miss.error().message.find("has no storage slot 0x3039 of " + to_checksum(proxy) + " at block " +
                                            std::to_string(pinned)),
                  std::string::npos)
            << miss.error().message;
    }
    // Cut the cache file in half (after folding its WAL in, as a closed cache has).
    ASSERT_TRUE(ForkCache::open(cache).ok());
    std::filesystem::remove(cache + "-wal");
    std::filesystem::remove(cache + "-shm");
    std::filesystem::resize_file(cache, std::filesystem::file_size(cache) / 2);
    auto fork = ForkBackend::open(options(pinned));
    ASSERT_TRUE(fork.ok()) << fork.error().message;
    EXPECT_FALSE((*fork)->cache_rebuilt_reason().empty());
    evm::OverlayBackend state(**fork);
    EXPECT_EQ(evm_call(state, **fork, proxy, value_call), online_answer);
}

TEST(ForkAnvilNode, ANodeKilledMidRunIsAChainErrorNamingTheMethod) {
    auto node = Anvil::start();
    ASSERT_TRUE(node.ok()) << node.error().message;
    ForkOptions o;
    o.rpc_url = (*node)->url();
    o.rpc.max_retries = 1;
    auto fork = ForkBackend::open(o);
    ASSERT_TRUE(fork.ok()) << fork.error().message;
    ASSERT_TRUE((*fork)->account(Anvil::dev_address(0)).ok());
    node->reset();  // the node dies
    auto slot = (*fork)->storage(Anvil::dev_address(0), uint256(1));
    ASSERT_FALSE(slot.ok());
    EXPECT_EQ(slot.error().kind, ErrorKind::chain);
    EXPECT_NE(slot.error().message.find("eth_getStorageAt"), std::string::npos) << slot.error().message;
    auto acc = (*fork)->account(Anvil::dev_address(1));
    ASSERT_FALSE(acc.ok());
    EXPECT_EQ(acc.error().kind, ErrorKind::chain);
    EXPECT_NE(acc.error().message.find("eth_getBalance"), std::string::npos) << acc.error().message;
}

}  // namespace
}  // namespace suture::chain
