// OverlayBackend: reads fall through to an unchanged base, diffs apply with
// MemoryBackend::apply's semantics, setters, snapshots (nested, reverted
// twice, released), copies as forks, executions over the overlay, and
// several threads with their own overlays over one shared base.
#include <gtest/gtest.h>

#include <random>
#include <thread>

#include "core/keccak.hpp"
#include "evm/state_memory.hpp"
#include "evm/state_overlay.hpp"
#include "evm/transaction.hpp"

namespace suture::evm {
namespace {

// 0x1000 + n: clear of the precompiles.
Address A(uint8_t n) {
    Address a;
    a.bytes[18] = 0x10;
    a.bytes[19] = n;
    return a;
}

// PUSH1 0 CALLDATALOAD PUSH1 0 SSTORE STOP: stores the first calldata word in slot 0.
const Bytes kStoreWord = {0x60, 0x00, 0x35, 0x60, 0x00, 0x55, 0x00};

Bytes word(uint64_t v) {
    const Bytes32 w = uint256(v).to_bytes32();
    return Bytes(w.begin(), w.end());
}

uint256 read(StateBackend& b, const Address& a, uint64_t key) { return b.storage(a, uint256(key)).value(); }

std::optional<AccountInfo> info(StateBackend& b, const Address& a) { return b.account(a).value(); }

class OverlayTest : public ::testing::Test {
protected:
    OverlayTest() {
        base.set_account(A(1), 5, 1000, {});
        base.set_account(A(2), 1, 0, kStoreWord, {{uint256(7), uint256(70)}, {uint256(8), uint256(80)}});
    }
    MemoryBackend base;
};

TEST_F(OverlayTest, ReadsFallThroughToTheBase) {
    OverlayBackend o(base);
    auto a1 = info(o, A(1));
    ASSERT_TRUE(a1);
    EXPECT_EQ(a1->nonce, 5u);
    EXPECT_EQ(a1->balance, uint256(1000));
    EXPECT_FALSE(a1->has_storage);
    auto a2 = info(o, A(2));
    ASSERT_TRUE(a2);
    EXPECT_TRUE(a2->has_storage);
    EXPECT_EQ(**o.code(a2->code_hash), kStoreWord);
    EXPECT_EQ(read(o, A(2), 7), uint256(70));
    EXPECT_FALSE(info(o, A(9)));
}

TEST_F(OverlayTest, SettersWriteTheOverlayOnly) {
    OverlayBackend o(base);
    ASSERT_TRUE(o.set_balance(A(1), 5).ok());
    ASSERT_TRUE(o.set_nonce(A(9), 3).ok());
    ASSERT_TRUE(o.set_storage(A(2), 7, 0).ok());
    ASSERT_TRUE(o.set_storage(A(2), 9, 90).ok());
    ASSERT_TRUE(o.set_code(A(1), {0x00}).ok());

    EXPECT_EQ(info(o, A(1))->balance, uint256(5));
    EXPECT_EQ(info(o, A(1))->nonce, 5u);  // kept from the base
    EXPECT_EQ(info(o, A(1))->code_hash, keccak256(Bytes{0x00}));
    EXPECT_EQ(**o.code(keccak256(Bytes{0x00})), Bytes{0x00});
    EXPECT_EQ(info(o, A(9))->nonce, 3u);
    EXPECT_EQ(info(o, A(9))->balance, uint256(0));
    EXPECT_EQ(read(o, A(2), 7), uint256(0));  // a written zero hides the base's value
    EXPECT_EQ(read(o, A(2), 8), uint256(80));
    EXPECT_EQ(read(o, A(2), 9), uint256(90));

    // The base is untouched.
    EXPECT_EQ(base.find(A(1))->balance, uint256(1000));
    EXPECT_EQ(base.find(A(9)), nullptr);
    EXPECT_EQ(read(base, A(2), 7), uint256(70));

    ASSERT_TRUE(o.set_code(A(1), {}).ok());
    EXPECT_EQ(info(o, A(1))->code_hash, kEmptyCodeHash);
}

TEST_F(OverlayTest, DeletedAndClearedAccountsHideBaseStorage) {
    OverlayBackend o(base);
    StateDiff del;
    del.accounts.push_back({A(2), true, false, {}, nullptr, {}});
    o.apply(del);
    EXPECT_FALSE(info(o, A(2)));
    EXPECT_EQ(read(o, A(2), 7), uint256(0));

    // Re-created (e.g. CREATE2 after SELFDESTRUCT): storage starts empty.
    StateDiff create;
    AccountChange c;
    c.address = A(2);
    c.storage_cleared = true;
    c.info.nonce = 1;
    c.storage = {{uint256(1), uint256(11)}};
    create.accounts.push_back(c);
    o.apply(create);
    auto a2 = info(o, A(2));
    ASSERT_TRUE(a2);
    EXPECT_TRUE(a2->has_storage);
    EXPECT_EQ(read(o, A(2), 1), uint256(11));
    EXPECT_EQ(read(o, A(2), 8), uint256(0));

    StateDiff clear_slot;
    c.storage_cleared = false;
    c.storage = {{uint256(1), uint256(0)}};
    clear_slot.accounts.push_back(c);
    o.apply(clear_slot);
    EXPECT_FALSE(info(o, A(2))->has_storage);
}

// Random diffs applied to a MemoryBackend copy of the base and to an overlay
// over it read back the same.
TEST_F(OverlayTest, ApplyMatchesMemoryBackendApply) {
    std::mt19937_64 rng(12);
    MemoryBackend reference = base;
    OverlayBackend o(base);
    auto code = std::make_shared<const Bytes>(Bytes{0x60, 0x01});
    for (int round = 0; round < 300; ++round) {
        StateDiff d;
        AccountChange c;
        c.address = A(uint8_t(1 + rng() % 4));
        const int kind = int(rng() % 10);
        c.deleted = kind == 0;
        c.storage_cleared = kind == 1;
        c.info.nonce = rng() % 3;
        c.info.balance = uint256(rng() % 5);
        if (kind == 2) {
            c.code = code;
            c.info.code_hash = keccak256(*code);
        } else {
            auto cur = reference.account(c.address).value();
            c.info.code_hash = cur ? cur->code_hash : kEmptyCodeHash;
        }
        for (int s = int(rng() % 3); s > 0; --s) c.storage.emplace_back(uint256(6 + rng() % 4), uint256(rng() % 3));
        d.accounts.push_back(c);
        reference.apply(d);
        o.apply(d);
        for (uint8_t n = 1; n <= 4; ++n) {
            auto want = info(reference, A(n));
            auto got = info(o, A(n));
            ASSERT_EQ(bool(want), bool(got)) << "round " << round << " account " << int(n);
            if (!want) continue;
            EXPECT_EQ(want->nonce, got->nonce);
            EXPECT_EQ(want->balance, got->balance);
            EXPECT_EQ(want->code_hash, got->code_hash);
            // The overlay may answer has_storage conservatively (true), never falsely.
            if (want->has_storage) {
                EXPECT_TRUE(got->has_storage) << "round " << round;
            }
            for (uint64_t k = 6; k < 10; ++k) ASSERT_EQ(read(reference, A(n), k), read(o, A(n), k));
        }
    }
}

TEST_F(OverlayTest, NetDiffCommitsTheOverlayIntoACopyOfTheBase) {
    OverlayBackend o(base);
    ASSERT_TRUE(o.set_balance(A(1), 7).ok());
    ASSERT_TRUE(o.set_storage(A(2), 7, 0).ok());
    ASSERT_TRUE(o.set_storage(A(2), 9, 90).ok());
    ASSERT_TRUE(o.set_code(A(3), {0x00}).ok());
    StateDiff del;
    del.accounts.push_back({A(4), true, false, {}, nullptr, {}});
    o.apply(del);
    MemoryBackend committed = base;
    committed.set_account(A(4), 1, 1, {});  // exists in the copy: the diff deletes it
    auto d = o.net_diff();
    ASSERT_TRUE(d.ok()) << d.error().message;
    committed.apply(*d);
    for (uint8_t n = 1; n <= 4; ++n) {
        auto want = info(o, A(n));
        auto got = info(committed, A(n));
        ASSERT_EQ(bool(want), bool(got)) << int(n);
        if (!want) continue;
        EXPECT_EQ(want->nonce, got->nonce);
        EXPECT_EQ(want->balance, got->balance);
        EXPECT_EQ(want->code_hash, got->code_hash);
        EXPECT_EQ(want->has_storage, got->has_storage);
        if (want->code_hash != kEmptyCodeHash) {
            EXPECT_EQ(**o.code(want->code_hash), **committed.code(got->code_hash));
        }
        for (uint64_t k = 0; k < 10; ++k) EXPECT_EQ(read(o, A(n), k), read(committed, A(n), k));
    }
    EXPECT_EQ(committed.find(A(2))->storage.count(uint256(7)), 0u);  // zero slots are dropped
}

TEST_F(OverlayTest, SnapshotsNestAndStayValidAfterRevert) {
    OverlayBackend o(base);
    ASSERT_TRUE(o.set_storage(A(2), 7, 71).ok());
    const auto s1 = o.snapshot();
    ASSERT_TRUE(o.set_storage(A(2), 7, 72).ok());
    ASSERT_TRUE(o.set_balance(A(5), 50).ok());
    const auto s2 = o.snapshot();
    StateDiff del;
    del.accounts.push_back({A(2), true, false, {}, nullptr, {}});
    o.apply(del);
    EXPECT_FALSE(info(o, A(2)));

    ASSERT_TRUE(o.revert_to(s2));
    EXPECT_EQ(read(o, A(2), 7), uint256(72));
    EXPECT_EQ(read(o, A(2), 8), uint256(80));
    EXPECT_EQ(info(o, A(5))->balance, uint256(50));

    ASSERT_TRUE(o.revert_to(s1));
    EXPECT_EQ(read(o, A(2), 7), uint256(71));
    EXPECT_FALSE(info(o, A(5)));
    EXPECT_FALSE(o.revert_to(s2));  // taken after s1: dropped

    // s1 can be reverted to again after more writes.
    ASSERT_TRUE(o.set_storage(A(2), 7, 73).ok());
    ASSERT_TRUE(o.revert_to(s1));
    EXPECT_EQ(read(o, A(2), 7), uint256(71));

    o.release(s1);
    EXPECT_FALSE(o.revert_to(s1));
    EXPECT_FALSE(o.revert_to(999));
    EXPECT_EQ(read(o, A(2), 7), uint256(71));
}

TEST_F(OverlayTest, ExecutionsRunOnTheOverlayAndRevertWithASnapshot) {
    OverlayBackend o(base);
    BlockEnv block;
    block.gas_limit = 30'000'000;
    CallRequest call;
    call.from = A(1);
    call.to = A(2);
    call.data = word(42);
    const auto before = o.snapshot();
    auto out = execute_call(o, Revision::cancun, block, call);
    ASSERT_TRUE(out.ok()) << out.error().message;
    ASSERT_EQ(out->receipt.status, StatusCode::success);
    o.apply(out->diff);
    EXPECT_EQ(read(o, A(2), 0), uint256(42));
    EXPECT_EQ(info(o, A(1))->nonce, 6u);
    EXPECT_EQ(read(base, A(2), 0), uint256(0));

    ASSERT_TRUE(o.revert_to(before));
    EXPECT_EQ(read(o, A(2), 0), uint256(0));
    EXPECT_EQ(info(o, A(1))->nonce, 5u);
}

TEST_F(OverlayTest, ACopyForksTheState) {
    OverlayBackend o(base);
    ASSERT_TRUE(o.set_storage(A(2), 7, 71).ok());
    OverlayBackend fork = o;
    ASSERT_TRUE(fork.set_storage(A(2), 7, 99).ok());
    EXPECT_EQ(read(o, A(2), 7), uint256(71));
    EXPECT_EQ(read(fork, A(2), 7), uint256(99));

    // Stacked: an overlay over an overlay.
    OverlayBackend top(o);
    ASSERT_TRUE(top.set_balance(A(1), 1).ok());
    EXPECT_EQ(read(top, A(2), 7), uint256(71));
    EXPECT_EQ(info(o, A(1))->balance, uint256(1000));
}

TEST_F(OverlayTest, ThreadsShareOneBaseThroughTheirOwnOverlays) {
    std::vector<std::thread> threads;
    std::vector<uint256> seen(4);
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&, t] {
            OverlayBackend o(base);
            BlockEnv block;
            block.gas_limit = 30'000'000;
            for (int i = 0; i < 50; ++i) {
                CallRequest call;
                call.from = A(1);
                call.to = A(2);
                call.data = word(uint64_t(t * 1000 + i));
                auto out = execute_call(o, Revision::cancun, block, call);
                if (out.ok()) o.apply(out->diff);
            }
            seen[t] = read(o, A(2), 0);
        });
    }
    for (auto& th : threads) th.join();
    for (int t = 0; t < 4; ++t) EXPECT_EQ(seen[t], uint256(uint64_t(t * 1000 + 49)));
    EXPECT_EQ(read(base, A(2), 0), uint256(0));
}

TEST(OverlayOwnership, ASharedBaseIsKeptAlive) {
    auto base = std::make_shared<MemoryBackend>();
    base->set_account(A(1), 1, 2, {});
    OverlayBackend o{std::shared_ptr<StateBackend>(base)};
    base.reset();
    EXPECT_EQ(info(o, A(1))->balance, uint256(2));
}

}  // namespace
}  // namespace suture::evm
