// The journaled State over an in-memory backend: reads, writes, snapshots and
// reverts, EIP-2200 storage classification, EIP-1153 transient storage,
// EIP-2929 warm sets, EIP-6780 SELFDESTRUCT and EIP-161 clearing at finalize.
#include <gtest/gtest.h>

#include "evm/state.hpp"
#include "evm/state_memory.hpp"

namespace suture::evm {
namespace {

Address A(uint8_t n) {
    Address a;
    a.bytes[19] = n;
    return a;
}

class StateTest : public ::testing::Test {
protected:
    StateTest() {
        backend.set_account(A(1), 5, 1000, {});
        backend.set_account(A(2), 1, 0, Bytes{0x60, 0x00}, {{uint256(7), uint256(70)}});
        backend.set_account(A(3), 0, 0, {});  // an empty account
    }
    MemoryBackend backend;
};

TEST_F(StateTest, ReadsComeFromTheBackend) {
    State s(backend, Revision::cancun);
    EXPECT_TRUE(s.exists(A(1)));
    EXPECT_FALSE(s.exists(A(9)));
    EXPECT_EQ(s.nonce(A(1)), 5u);
    EXPECT_EQ(s.balance(A(1)), uint256(1000));
    EXPECT_EQ(s.code(A(2)).size(), 2u);
    EXPECT_EQ(s.get_storage(A(2), 7), uint256(70));
    EXPECT_EQ(s.get_storage(A(2), 8), uint256(0));
    EXPECT_TRUE(s.is_empty(A(3)));
    EXPECT_TRUE(s.is_empty(A(9)));
    EXPECT_EQ(s.code_hash(A(9)), kEmptyCodeHash);
    EXPECT_FALSE(s.error());
}

TEST_F(StateTest, RevertUndoesEverythingAfterTheSnapshot) {
    State s(backend, Revision::cancun);
    s.add_balance(A(1), 1);
    const size_t snap = s.snapshot();
    s.add_balance(A(1), 10);
    s.set_nonce(A(1), 6);
    s.set_storage(A(2), 7, 71);
    s.set_transient(A(2), 1, 5);
    s.add_balance(A(9), 3);  // brings A(9) into existence
    EXPECT_EQ(s.access_account(A(4)), AccessStatus::cold);
    EXPECT_EQ(s.access_storage(A(2), 7), AccessStatus::cold);
    s.add_log(Log{A(2), {}, {}});
    s.revert(snap);
    EXPECT_EQ(s.balance(A(1)), uint256(1001));
    EXPECT_EQ(s.nonce(A(1)), 5u);
    EXPECT_EQ(s.get_storage(A(2), 7), uint256(70));
    EXPECT_EQ(s.get_transient(A(2), 1), uint256(0));
    EXPECT_FALSE(s.exists(A(9)));
    EXPECT_EQ(s.access_account(A(4)), AccessStatus::cold);  // EIP-2929: warmth reverts too
    EXPECT_EQ(s.access_storage(A(2), 7), AccessStatus::cold);
    EXPECT_TRUE(s.logs().empty());
}

// EIP-2200 / EVMC StorageStatus: X original, Y current, Z new.
TEST_F(StateTest, StorageStatusFollowsOriginalCurrentAndNew) {
    struct Case {
        uint64_t original, current, value;
        StorageStatus expected;
    } cases[] = {
        {0, 0, 0, StorageStatus::assigned},          {0, 0, 1, StorageStatus::added},
        {1, 1, 0, StorageStatus::deleted},           {1, 1, 2, StorageStatus::modified},
        {1, 1, 1, StorageStatus::assigned},          {1, 0, 2, StorageStatus::deleted_added},
        {1, 2, 0, StorageStatus::modified_deleted},  {1, 0, 1, StorageStatus::deleted_restored},
        {0, 1, 0, StorageStatus::added_deleted},     {1, 2, 1, StorageStatus::modified_restored},
        {1, 2, 3, StorageStatus::assigned},          {0, 1, 2, StorageStatus::assigned},
    };
    for (const auto& c : cases) {
        MemoryBackend b;
        b.set_account(A(1), 1, 0, {}, {{uint256(1), uint256(c.original)}});
        State s(b, Revision::cancun);
        if (c.current != c.original) s.set_storage(A(1), 1, c.current);
        EXPECT_EQ(s.set_storage(A(1), 1, c.value), c.expected)
            << c.original << " -> " << c.current << " -> " << c.value;
    }
}

TEST_F(StateTest, FinalizeClearsTouchedEmptyAccountsFromSpuriousDragon) {
    {
        State s(backend, Revision::cancun);
        s.add_balance(A(3), 0);  // a zero-value touch of the empty account
        s.add_balance(A(8), 0);  // and of a missing one: not created
        backend.apply(s.finalize());
    }
    EXPECT_EQ(backend.find(A(3)), nullptr);
    EXPECT_EQ(backend.find(A(8)), nullptr);
    MemoryBackend old;
    old.set_account(A(3), 0, 0, {});
    State s(old, Revision::homestead);
    s.add_balance(A(3), 0);
    s.add_balance(A(8), 0);
    old.apply(s.finalize());
    EXPECT_NE(old.find(A(3)), nullptr);  // before EIP-161 empty accounts stay
    EXPECT_NE(old.find(A(8)), nullptr);  // and a zero-value transfer creates one
}

TEST_F(StateTest, FinalizeReturnsTheNetChange) {
    State s(backend, Revision::cancun);
    s.set_storage(A(2), 7, 0);
    s.set_storage(A(2), 9, 90);
    s.sub_balance(A(1), 400);
    s.set_nonce(A(1), 6);
    backend.apply(s.finalize());
    const auto* a1 = backend.find(A(1));
    ASSERT_NE(a1, nullptr);
    EXPECT_EQ(a1->balance, uint256(600));
    EXPECT_EQ(a1->nonce, 6u);
    const auto* a2 = backend.find(A(2));
    ASSERT_NE(a2, nullptr);
    EXPECT_EQ(a2->storage.count(uint256(7)), 0u);
    EXPECT_EQ(a2->storage.at(uint256(9)), uint256(90));
}

// EIP-6780: from Cancun only a contract created in the same transaction is
// destroyed; an older one just sends its balance away.
TEST_F(StateTest, SelfdestructFollowsEip6780) {
    {
        State s(backend, Revision::cancun);
        s.add_balance(A(2), 50);
        EXPECT_FALSE(s.selfdestruct(A(2), A(1)));
        EXPECT_EQ(s.balance(A(2)), uint256(0));
        EXPECT_EQ(s.balance(A(1)), uint256(1050));
        backend.apply(s.finalize());
        EXPECT_NE(backend.find(A(2)), nullptr);
    }
    {
        State s(backend, Revision::cancun);
        s.create_contract(A(20));
        s.set_code(A(20), Bytes{0x00});
        s.add_balance(A(20), 5);
        EXPECT_TRUE(s.selfdestruct(A(20), A(20)));  // to itself: the balance burns
        EXPECT_FALSE(s.selfdestruct(A(20), A(20)));
        EXPECT_EQ(s.balance(A(20)), uint256(0));
        backend.apply(s.finalize());
        EXPECT_EQ(backend.find(A(20)), nullptr);
    }
    {
        State s(backend, Revision::shanghai);
        EXPECT_TRUE(s.selfdestruct(A(2), A(1)));
        backend.apply(s.finalize());
        EXPECT_EQ(backend.find(A(2)), nullptr);
    }
}

TEST_F(StateTest, CollisionRuleSeesNonceCodeAndStorage) {
    MemoryBackend b;
    b.set_account(A(1), 1, 0, {});
    b.set_account(A(2), 0, 0, Bytes{0x00});
    b.set_account(A(3), 0, 0, {}, {{uint256(1), uint256(1)}});
    b.set_account(A(4), 0, 77, {});
    State s(b, Revision::cancun);
    EXPECT_TRUE(s.has_collision(A(1)));
    EXPECT_TRUE(s.has_collision(A(2)));
    EXPECT_TRUE(s.has_collision(A(3)));
    EXPECT_FALSE(s.has_collision(A(4)));  // a balance alone does not collide
    EXPECT_FALSE(s.has_collision(A(5)));
}

// A backend whose reads fail (as an RPC-backed one can).
class FailingBackend final : public StateBackend {
public:
    Result<std::optional<AccountInfo>> account(const Address&) override { return chain_error("node unreachable"); }
    Result<CodePtr> code(const Bytes32&) override { return chain_error("node unreachable"); }
    Result<uint256> storage(const Address&, const uint256&) override { return chain_error("node unreachable"); }
};

TEST(StateErrors, TheFirstBackendErrorIsKept) {
    FailingBackend b;
    State s(b, Revision::cancun);
    EXPECT_EQ(s.balance(A(1)), uint256(0));
    ASSERT_TRUE(s.error());
    EXPECT_EQ(s.error()->kind, ErrorKind::chain);
    EXPECT_EQ(s.error()->message, "node unreachable");
}

}  // namespace
}  // namespace suture::evm
