// ForkBackend and ForkCache against a local fake node: lazy batched reads,
// has_storage from eth_getProof (and its fallback), the block context and
// BLOCKHASH, a second run offline from the cache with no request, offline
// misses naming the item, damaged and foreign cache files, a node dying
// mid-run, and threads sharing one fork through their own overlays.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <thread>

#include "chain/fake_node.hpp"
#include "chain/fork_backend.hpp"
#include "core/keccak.hpp"
#include "evm/state_overlay.hpp"

namespace suture::chain {
namespace {

using testing_support::FakeAccount;
using testing_support::FakeNode;

const char* kUser = "0x00000000000000000000000000000000000000a1";
const char* kVault = "0x00000000000000000000000000000000000000b2";
const char* kEmpty = "0x00000000000000000000000000000000000000e3";
// PUSH1 0 SLOAD PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN: returns slot 0.
const char* kReturnSlot0 = "0x60005460005260206000f3";

Address addr(const char* hex) { return parse_address(hex).value(); }

std::string slot_value(uint64_t v) {
    return to_hex(BytesView(uint256(v).to_bytes32().data(), 32));
}

class ForkTest : public ::testing::Test {
protected:
    ForkTest() {
        dir = std::filesystem::temp_directory_path() /
              ("suture-fork-" + std::to_string(::getpid()) + "-" +
               ::testing::UnitTest::GetInstance()->current_test_info()->name());
        std::filesystem::remove_all(dir);
        std::filesystem::create_directories(dir);
        cache = (dir / "fork.sqlite").string();
        node.accounts[kUser] = FakeAccount{3, 1000, "0x", {}};
        node.accounts[kVault] = FakeAccount{1, 5, kReturnSlot0, {{"0x0", slot_value(42)}, {"0x5", slot_value(7)}}};
    }
    ~ForkTest() override { std::filesystem::remove_all(dir); }

    ForkOptions online() const {
        ForkOptions o;
        o.rpc_url = node.url();
        o.cache_path = cache;
        o.rpc.max_retries = 0;
        return o;
    }
    ForkOptions offline() const {
        ForkOptions o;
        o.cache_path = cache;
        return o;
    }

    std::filesystem::path dir;
    std::string cache;
    FakeNode node;
};

TEST_F(ForkTest, ReadsAccountsStorageAndBlockContextLazily) {
    auto fork = ForkBackend::open(online());
    ASSERT_TRUE(fork.ok()) << fork.error().message;
    auto& f = **fork;
    EXPECT_EQ(f.chain_id(), 31337u);
    EXPECT_EQ(f.block_number(), 7u);  // the node's latest
    const int at_open = node.http_requests();

    auto vault = f.account(addr(kVault));
    ASSERT_TRUE(vault.ok()) << vault.error().message;
    ASSERT_TRUE(*vault);
    EXPECT_EQ((*vault)->nonce, 1u);
    EXPECT_EQ((*vault)->balance, uint256(5));
    EXPECT_TRUE((*vault)->has_storage);
    const Bytes code = from_hex(kReturnSlot0).value();
    EXPECT_EQ((*vault)->code_hash, keccak256(code));
    EXPECT_EQ(node.http_requests(), at_open + 1);  // balance, nonce, code and proof in one batch

    auto c = f.code((*vault)->code_hash);
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(**c, code);
    EXPECT_EQ(f.storage(addr(kVault), 5).value(), uint256(7));
    EXPECT_EQ(f.storage(addr(kVault), 6).value(), uint256(0));
    EXPECT_EQ(node.http_requests(), at_open + 3);
    EXPECT_EQ(f.storage(addr(kVault), 5).value(), uint256(7));  // memory
    EXPECT_EQ(node.http_requests(), at_open + 3);

    auto user = f.account(addr(kUser)).value();
    ASSERT_TRUE(user);
    EXPECT_FALSE(user->has_storage);
    EXPECT_EQ(user->code_hash, evm::kEmptyCodeHash);
    EXPECT_FALSE(f.account(addr(kEmpty)).value());  // nothing there: absent

    const evm::BlockEnv env = f.block_env();
    EXPECT_EQ(env.number, 7);
    EXPECT_EQ(env.timestamp, 1'700'000'000 + 12 * 7);
    EXPECT_EQ(env.gas_limit, 30'000'000);
    EXPECT_EQ(env.base_fee, uint256(1'000'000'000));
    EXPECT_EQ(env.prev_randao, uint256(0x42));
    EXPECT_EQ(env.excess_blob_gas, 0x20000u);
    EXPECT_EQ(env.chain_id, uint256(31337));
    EXPECT_EQ(env.coinbase, addr("0x00000000000000000000000000000000000000c0"));
    const int before_hash = node.http_requests();
    EXPECT_EQ(uint256::from_bytes32(env.block_hashes(5)), uint256(0xb10c005));
    EXPECT_EQ(uint256::from_bytes32(env.block_hashes(5)), uint256(0xb10c005));
    EXPECT_EQ(node.http_requests(), before_hash + 1);
    EXPECT_EQ(env.block_hashes(9), Bytes32{});  // after the pinned block: unknown
}

TEST_F(ForkTest, ASecondRunIsOfflineFromTheCache) {
    Bytes32 hash5{};
    {
        auto f = ForkBackend::open(online());
        ASSERT_TRUE(f.ok()) << f.error().message;
        ASSERT_TRUE((*f)->account(addr(kVault)).ok());
        ASSERT_TRUE((*f)->account(addr(kEmpty)).ok());
        ASSERT_TRUE((*f)->storage(addr(kVault), 0).ok());
        ASSERT_TRUE((*f)->storage(addr(kVault), 6).ok());
        hash5 = (*f)->block_hash(5).value();
    }
    node.stop();

    auto f = ForkBackend::open(offline());  // chain and block: the only ones cached
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_TRUE((*f)->offline());
    EXPECT_EQ((*f)->block_number(), 7u);
    auto vault = (*f)->account(addr(kVault)).value();
    ASSERT_TRUE(vault);
    EXPECT_TRUE(vault->has_storage);
    EXPECT_EQ(**(*f)->code(vault->code_hash), from_hex(kReturnSlot0).value());
    EXPECT_FALSE((*f)->account(addr(kEmpty)).value());
    EXPECT_EQ((*f)->storage(addr(kVault), 0).value(), uint256(42));
    EXPECT_EQ((*f)->storage(addr(kVault), 6).value(), uint256(0));
    EXPECT_EQ((*f)->block_hash(5).value(), hash5);
    EXPECT_EQ((*f)->block_env().timestamp, 1'700'000'000 + 12 * 7);
    EXPECT_EQ((*f)->stats().rpc_requests, 0u);

    // The first item the cache lacks is named.
    auto miss = (*f)->storage(addr(kVault), 9);
    ASSERT_FALSE(miss.ok());
    EXPECT_EQ(miss.error().message, "fork cache " + cache + " has no storage slot 0x9 of " + to_checksum(addr(kVault)) +
                                        " at block 7 of chain 31337: run once with --rpc");
    auto miss_account = (*f)->account(addr(kUser));
    ASSERT_FALSE(miss_account.ok());
    EXPECT_NE(miss_account.error().message.find("has no account " + to_checksum(addr(kUser))), std::string::npos);

    ForkOptions other_block = offline();
    other_block.block = 6;
    auto f6 = ForkBackend::open(other_block);
    ASSERT_FALSE(f6.ok());
    EXPECT_NE(f6.error().message.find("has no block 6"), std::string::npos) << f6.error().message;
}

TEST_F(ForkTest, HasStorageFallsBackWithoutGetProof) {
    node.proofs = false;
    node.accounts[kUser].storage["0x1"] = slot_value(1);  // invisible without a proof: an EOA reads as storage-less
    auto f = ForkBackend::open(online());
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_TRUE((*f)->account(addr(kVault)).value()->has_storage);  // code: may have storage
    EXPECT_TRUE((*f)->account(addr(kUser)).value()->has_storage);   // nonce 3: may have storage
    node.accounts["0x00000000000000000000000000000000000000f4"] = FakeAccount{0, 9, "0x", {}};
    EXPECT_FALSE((*f)->account(addr("0x00000000000000000000000000000000000000f4")).value()->has_storage);
}

TEST_F(ForkTest, ExecutionReadsTheForkThroughAnOverlay) {
    auto f = ForkBackend::open(online());
    ASSERT_TRUE(f.ok()) << f.error().message;
    std::vector<std::thread> threads;
    std::vector<uint256> got(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            evm::OverlayBackend state(**f);
            evm::CallRequest call;
            call.from = addr(kUser);
            call.to = addr(kVault);
            auto out = evm::execute_call(state, evm::Revision::cancun, (*f)->block_env(), call);
            if (out.ok() && out->receipt.output.size() == 32) got[t] = uint256::from_be(out->receipt.output);
        });
    }
    for (auto& th : threads) th.join();
    for (const auto& v : got) EXPECT_EQ(v, uint256(42));
}

TEST_F(ForkTest, ANodeThatDiesMidRunIsAChainErrorNamingTheMethod) {
    auto f = ForkBackend::open(online());
    ASSERT_TRUE(f.ok()) << f.error().message;
    ASSERT_TRUE((*f)->account(addr(kVault)).ok());
    node.stop();
    auto slot = (*f)->storage(addr(kVault), 0);
    ASSERT_FALSE(slot.ok());
    EXPECT_EQ(slot.error().kind, ErrorKind::chain);
    EXPECT_NE(slot.error().message.find("eth_getStorageAt"), std::string::npos) << slot.error().message;
    auto acc = (*f)->account(addr(kUser));
    ASSERT_FALSE(acc.ok());
    EXPECT_EQ(acc.error().kind, ErrorKind::chain);
    EXPECT_NE(acc.error().message.find("eth_getBalance"), std::string::npos) << acc.error().message;
}

TEST_F(ForkTest, ADamagedCacheFileIsRebuilt) {
    {
        auto f = ForkBackend::open(online());
        ASSERT_TRUE(f.ok()) << f.error().message;
        for (uint64_t s = 0; s < 2000; ++s) ASSERT_TRUE((*f)->storage(addr(kVault), s).ok());
    }
    // Fold the WAL into the file, then cut the file in half, as a copy
    // interrupted mid-way would.
    {
        auto c = ForkCache::open(cache);
        ASSERT_TRUE(c.ok());
    }
    std::filesystem::remove(cache + "-wal");
    std::filesystem::remove(cache + "-shm");
    const auto size = std::filesystem::file_size(cache);
    ASSERT_GT(size, 8192u);
    std::filesystem::resize_file(cache, size / 2);

    auto f = ForkBackend::open(online());
    ASSERT_TRUE(f.ok()) << f.error().message;
    EXPECT_NE((*f)->cache_rebuilt_reason().find("fork cache " + cache), std::string::npos) << (*f)->cache_rebuilt_reason();
    EXPECT_EQ((*f)->storage(addr(kVault), 0).value(), uint256(42));

    auto again = ForkCache::open(cache);
    ASSERT_TRUE(again.ok());
    EXPECT_TRUE((*again)->open_info().rebuilt_reason.empty());
    EXPECT_FALSE((*again)->open_info().created);
}

TEST_F(ForkTest, AFileThatIsNotAForkCacheIsLeftAlone) {
    {
        std::ofstream out(cache);
        out << "{\"not\": \"a cache\"}\n";
    }
    auto f = ForkBackend::open(online());
    ASSERT_FALSE(f.ok());
    EXPECT_NE(f.error().message.find("not a Suture fork cache"), std::string::npos);
    EXPECT_EQ(std::filesystem::file_size(cache), 19u);
}

TEST_F(ForkTest, OfflineNeedsACacheAndAnUnambiguousBlock) {
    ForkOptions none;
    auto f = ForkBackend::open(none);
    ASSERT_FALSE(f.ok());
    EXPECT_EQ(f.error().kind, ErrorKind::usage);
    for (uint64_t b : {5, 6}) {
        ForkOptions o = online();
        o.block = b;
        auto fb = ForkBackend::open(o);
        ASSERT_TRUE(fb.ok());
        ASSERT_TRUE((*fb)->account(addr(kUser)).ok());
    }
    auto ambiguous = ForkBackend::open(offline());
    ASSERT_FALSE(ambiguous.ok());
    EXPECT_NE(ambiguous.error().message.find("2 forked blocks"), std::string::npos) << ambiguous.error().message;
    ForkOptions five = offline();
    five.block = 5;
    auto ok = ForkBackend::open(five);
    ASSERT_TRUE(ok.ok()) << ok.error().message;
    EXPECT_EQ((*ok)->account(addr(kUser)).value()->nonce, 3u);
}

}  // namespace
}  // namespace suture::chain
