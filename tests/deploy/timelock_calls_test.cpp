#include "deploy/timelock_calls.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "deploy/fixture_artifacts.hpp"
#include "core/keccak.hpp"

namespace suture::deploy {
namespace {

Address addr_of(uint8_t b) { return test::filled_address(b); }

// Reference values computed independently with ethers 5 (defaultAbiCoder,
// Interface.encodeFunctionData) for the same operations.
TimelockOperation single_op() {
    TimelockOperation op;
    op.calls = {{addr_of(0xab), uint256(5), *from_hex("0x12345678")}};
    op.salt = keccak256("suture");
    return op;
}

TimelockOperation batch_op() {
    TimelockOperation op;
    op.calls = {{addr_of(0xab), uint256(0), *from_hex("0x12345678")}, {addr_of(0xcd), uint256(7), {}}};
    op.salt = keccak256("suture");
    return op;
}

TEST(TimelockCalls, OperationIdsMatchHashOperation) {
    auto id = timelock_operation_id(single_op());
    ASSERT_TRUE(id.ok()) << id.error().message;
    EXPECT_EQ(to_hex(*id), "0xf63fb64f767b4a9e929e44ad53f98e7ff586be0983499808ddef570a5d6a7158");
    auto bid = timelock_operation_id(batch_op());
    ASSERT_TRUE(bid.ok());
    EXPECT_EQ(to_hex(*bid), "0x2fcadb6a6aac0e8430dd37bd49d99ed216fcd32196af12d6bdd9b16d60f49f30");
}

TEST(TimelockCalls, ForcedBatchOfOneHashesAsBatch) {
    auto op = single_op();
    auto plain = *timelock_operation_id(op);
    op.batch = true;
    EXPECT_NE(*timelock_operation_id(op), plain);
}

TEST(TimelockCalls, ScheduleAndExecuteCalldata) {
    auto s = timelock_schedule_calldata(single_op(), uint256(3600));
    ASSERT_TRUE(s.ok());
    EXPECT_EQ(to_hex(BytesView(*s).first(4)), "0x01d5062a");  // schedule(...)
    EXPECT_EQ(s->size(), 4u + 8 * 32);
    EXPECT_EQ(to_hex(keccak256(*s)), "0xe2dc5f4f31af390b7b74b6c0f8df0e905987e7ea691a7f8fb4002e5d1d1d1f39");
    auto e = timelock_execute_calldata(batch_op());
    ASSERT_TRUE(e.ok());
    EXPECT_EQ(to_hex(keccak256(*e)), "0xf602c51ee4cf78c9a9ebbabcd362a8ddbd346238275a121a18d2b09ac69bc6d3");
    EXPECT_EQ(timelock_total_value(batch_op()), uint256(7));
    auto c = timelock_cancel_calldata(*timelock_operation_id(single_op()));
    ASSERT_TRUE(c.ok());
    EXPECT_EQ(c->size(), 36u);
}

TEST(TimelockCalls, EmptyOperationIsAnError) {
    TimelockOperation op;
    EXPECT_FALSE(timelock_operation_id(op).ok());
    EXPECT_FALSE(timelock_schedule_calldata(op, uint256(0)).ok());
}

}  // namespace
}  // namespace suture::deploy
