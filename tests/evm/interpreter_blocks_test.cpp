// Gas and stack checks charged per run of straight-line code (analysis.hpp):
// the block costs themselves, the instructions that must see the exact gas,
// and a differential check against the stepwise interpreter (which a tracer
// forces) on random programs.
#include <random>

#include "evm/analysis.hpp"
#include "evm/interpreter_test_util.hpp"

namespace suture::evm::testing {
namespace {

// Forces the stepwise interpreter without recording anything.
class NullTracer final : public Tracer {
public:
    void on_step(const StepInfo&) override {}
};

TEST(InterpreterBlocks, CostsSumEachRunFromEveryEntry) {
    // 0: PUSH1 1, 2: PUSH1 2, 4: ADD, 5: JUMPDEST, 6: PUSH1 9, 8: JUMP, 9: JUMPDEST, 10: POP, 11: STOP
    const Bytes code = hex("6001" "6002" "01" "5b" "6009" "56" "5b" "50" "00");
    const AnalyzedCode a(code);
    const BlockCost* b = a.block_costs(Revision::cancun);
    ASSERT_NE(b, nullptr);
    // From pc 0 the run goes through the JUMPDEST at 5 and ends at JUMP: 3+3+3+1+3+8.
    EXPECT_EQ(b[0].gas, 21u);
    EXPECT_EQ(b[0].stack_min, 0u);
    EXPECT_EQ(b[0].stack_growth, 2u * 32);  // two PUSHes before ADD
    // Entered at the JUMPDEST at 5 with the ADD's result below: 1+3+8.
    EXPECT_EQ(b[5].gas, 12u);
    EXPECT_EQ(b[5].stack_growth, 32u);
    // JUMPDEST, POP, STOP: needs one item.
    EXPECT_EQ(b[9].gas, 1u + 2u);
    EXPECT_EQ(b[9].stack_min, 32u);
    // The implicit STOP past the end.
    EXPECT_EQ(b[code.size()].gas, 0u);
    // PUSH0 is undefined before Shanghai: the run from 0 stops there.
    const AnalyzedCode p(hex("6001" "5f" "01"));
    EXPECT_EQ(p.block_costs(Revision::paris)[0].gas, 3u);
    EXPECT_EQ(p.block_costs(Revision::shanghai)[0].gas, 3u + 2u + 3u);
}

TEST(InterpreterBlocks, GasSeesTheExactGasLeft) {
    // PUSH1 1, PUSH1 2, ADD, POP, GAS: 3+3+3+2 charged before GAS's own 2.
    const ExecResult r = run(ret_top("600160020150" "5a"), 1000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(uint256::from_be(r.output), uint256(1000 - 11 - 2));
    // After GAS a new run starts: the rest is charged exactly once.
    EXPECT_EQ(r.gas_left, 1000 - 11 - 2 - 15);  // ret_top: 4 pushes/stores of 3, one word of memory
}

TEST(InterpreterBlocks, RunsEnteredByJumpAndByFallthroughChargeOnce) {
    // PUSH1 4, JUMP, INVALID, JUMPDEST(4), PUSH1 1, PUSH1 11, JUMPI, STOP, JUMPDEST(11), STOP
    const std::string program = "600456fe5b6001600b57005b00";
    EXPECT_EQ(run(program, 100).gas_left, 100 - 3 - 8 - 1 - 3 - 3 - 10 - 1);
    // Falling into a JUMPDEST continues the run.
    EXPECT_EQ(run("60015b5b5b50", 100).gas_left, 100 - 3 - 1 - 1 - 1 - 2);
}

TEST(InterpreterBlocks, ARunWithoutEnoughGasFailsWholly) {
    const std::string program = "6001600201600301";  // 5 * 3 gas in one run
    EXPECT_EQ(run(program, 15).status, StatusCode::success);
    EXPECT_EQ(run(program, 15).gas_left, 0);
    const ExecResult r = run(program, 14);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(InterpreterBlocks, StackBoundsOfARun) {
    EXPECT_EQ(run("01").status, StatusCode::stack_underflow);
    EXPECT_EQ(run("600101").status, StatusCode::stack_underflow);
    std::string pushes;
    for (int i = 0; i < 1024; ++i) pushes += "5f";
    EXPECT_EQ(run(pushes).status, StatusCode::success);
    EXPECT_EQ(run(pushes + "5f").status, StatusCode::stack_overflow);
    // The rise is measured from the run's entry: 1023 items, then a jump to
    // the JUMPDEST at 1027 (after PUSH2 0x0403, JUMP) and a run of two pushes.
    std::string deep;
    for (int i = 0; i < 1023; ++i) deep += "5f";
    const std::string jump = "610403" "56";
    EXPECT_EQ(run(deep + jump + "5b" "5f" "5f").status, StatusCode::stack_overflow);
    EXPECT_EQ(run(deep + jump + "5b" "5f" "50").status, StatusCode::success);
}

// Random programs from a mix of opcodes that keep running (arithmetic, stack,
// memory, storage, GAS, jumps to real JUMPDESTs, calls to a precompile-free
// empty account), run with varied gas in both modes.
Bytes random_program(std::mt19937_64& rng) {
    static const uint8_t ops[] = {
        OP_ADD, OP_MUL, OP_SUB, OP_DIV, OP_SDIV, OP_MOD, OP_EXP, OP_SIGNEXTEND, OP_LT, OP_SLT, OP_EQ,
        OP_ISZERO, OP_AND, OP_NOT, OP_BYTE, OP_SHL, OP_SAR, OP_KECCAK256, OP_CALLDATALOAD, OP_POP,
        OP_MLOAD, OP_MSTORE, OP_MSTORE8, OP_SLOAD, OP_SSTORE, OP_PC, OP_MSIZE, OP_GAS, OP_JUMPDEST,
        OP_TLOAD, OP_TSTORE, OP_MCOPY, OP_PUSH0, OP_DUP1, OP_DUP3, OP_SWAP1, OP_SWAP2, OP_LOG0,
        OP_RETURN, OP_REVERT, OP_STOP, OP_CALL, OP_STATICCALL, OP_CREATE, 0x0c /* undefined */,
    };
    const size_t n = 8 + rng() % 120;
    Bytes code;
    std::vector<size_t> jump_slots;  // positions of PUSH1 immediates to point at JUMPDESTs
    std::vector<uint8_t> dests;
    int height = 0;  // along the straight-line path, so that most instructions have their inputs
    for (size_t i = 0; i < n; ++i) {
        const unsigned pick = unsigned(rng() % 100);
        const uint8_t op = ops[rng() % std::size(ops)];
        const bool mostly_valid = rng() % 8 != 0;
        if (pick < 25 || (mostly_valid && pick >= 40 && height < opcode_traits[op].stack_required)) {
            code.push_back(OP_PUSH1);  // small pushes keep offsets and sizes sane
            code.push_back(uint8_t(rng() % 3 == 0 ? rng() : rng() % 64));
            ++height;
        } else if (pick < 31) {
            code.push_back(OP_PUSH1);
            jump_slots.push_back(code.size());
            code.push_back(0);
            const bool conditional = rng() % 2;
            code.push_back(conditional ? OP_JUMPI : OP_JUMP);
            height -= conditional ? 1 : 0;
        } else if (pick < 40) {
            if (code.size() < 256) dests.push_back(uint8_t(code.size()));
            code.push_back(OP_JUMPDEST);
        } else {
            code.push_back(op);
            height += opcode_traits[op].stack_change;
        }
        height = std::max(height, 0);
    }
    for (size_t slot : jump_slots)
        code[slot] = dests.empty() ? uint8_t(rng()) : dests[rng() % dests.size()];
    return code;
}

TEST(InterpreterBlocks, SameResultsAsStepwiseOnRandomPrograms) {
    std::mt19937_64 rng(20261125);
    NullTracer null_tracer;
    int compared_success = 0;
    for (int i = 0; i < 4000; ++i) {
        const Bytes code = random_program(rng);
        const int64_t gas = int64_t(rng() % 3 == 0 ? rng() % 200 : 1000 + rng() % 100000);
        const uint8_t data[4] = {uint8_t(rng()), 0x80, 0, 7};
        ExecResult results[2];
        for (int stepwise = 0; stepwise < 2; ++stepwise) {
            MockHost host(Revision::cancun);
            host.accounts[contract_addr].code = code;
            host.tracer = stepwise ? &null_tracer : nullptr;
            results[stepwise] = execute(host, host.rev, call_msg(gas, BytesView(data, 4)), code, host.tracer);
        }
        const ExecResult& block = results[0];
        const ExecResult& step = results[1];
        const bool step_ok = step.status == StatusCode::success || step.status == StatusCode::revert;
        const bool block_ok = block.status == StatusCode::success || block.status == StatusCode::revert;
        ASSERT_EQ(step_ok, block_ok) << "program " << to_hex(code) << " gas " << gas << ": stepwise "
                                     << status_name(step.status) << ", blocks " << status_name(block.status);
        if (!step_ok) continue;  // both failed: all gas gone, which kind of failure is not observable
        ++compared_success;
        EXPECT_EQ(step.status, block.status) << to_hex(code);
        EXPECT_EQ(step.gas_left, block.gas_left) << to_hex(code) << " gas " << gas;
        EXPECT_EQ(step.gas_refund, block.gas_refund) << to_hex(code);
        EXPECT_EQ(step.output, block.output) << to_hex(code);
    }
    EXPECT_GT(compared_success, 800);  // the mix must reach successful ends often
}

}  // namespace
}  // namespace suture::evm::testing
