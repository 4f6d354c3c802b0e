// Interpreter semantics: arithmetic, control flow, stack limits, errors,
// return/revert data and tracing, via small bytecode programs on a mock host.
#include <cstdio>
#include <sstream>

#include "evm/interpreter_test_util.hpp"
#include "evm/opcodes.hpp"

namespace suture::evm::testing {
namespace {

struct ArithCase {
    const char* name;
    const char* program;   // pushes operands and applies one opcode
    const char* expected;  // 32-byte result word, hex
};

const ArithCase arith_cases[] = {
    {"add", "6003600201", "0000000000000000000000000000000000000000000000000000000000000005"},
    {"add_wraps", "60027fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff01", "0000000000000000000000000000000000000000000000000000000000000001"},
    {"mul", "6006600702", "000000000000000000000000000000000000000000000000000000000000002a"},
    {"mul_wraps", "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff02", "0000000000000000000000000000000000000000000000000000000000000001"},
    {"sub_wraps", "6003600203", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
    {"div", "6007606404", "000000000000000000000000000000000000000000000000000000000000000e"},
    {"div_by_zero", "5f606404", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"sdiv_min_by_minus_one", "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f800000000000000000000000000000000000000000000000000000000000000005", "8000000000000000000000000000000000000000000000000000000000000000"},
    {"sdiv_neg", "60027ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff905", "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd"},
    {"mod", "6007606406", "0000000000000000000000000000000000000000000000000000000000000002"},
    {"mod_by_zero", "5f606406", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"smod_neg_dividend", "60037ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff907", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
    {"smod_neg_divisor", "7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd600707", "0000000000000000000000000000000000000000000000000000000000000001"},
    {"addmod_overflow", "7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff08", "0000000000000000000000000000000000000000000000000000000000000004"},
    {"addmod_zero_mod", "5f6002600108", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"mulmod_512", "7ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffd7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff09", "0000000000000000000000000000000000000000000000000000000000000004"},
    {"mulmod_zero_mod", "5f6004600309", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"exp", "600560030a", "00000000000000000000000000000000000000000000000000000000000000f3"},
    {"exp_wraps", "61010060020a", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"exp_zero_zero", "5f5f0a", "0000000000000000000000000000000000000000000000000000000000000001"},
    {"signextend_neg", "60ff5f0b", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
    {"signextend_pos", "607f5f0b", "000000000000000000000000000000000000000000000000000000000000007f"},
    {"signextend_31", "7f8000000000000000000000000000000000000000000000000000000000000005601f0b", "8000000000000000000000000000000000000000000000000000000000000005"},
    {"lt", "6002600110", "0000000000000000000000000000000000000000000000000000000000000001"},
    {"gt", "6002600111", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"slt", "5f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff12", "0000000000000000000000000000000000000000000000000000000000000001"},
    {"sgt", "5f7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff13", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"eq", "6005600514", "0000000000000000000000000000000000000000000000000000000000000001"},
    {"iszero", "5f15", "0000000000000000000000000000000000000000000000000000000000000001"},
    {"and", "603c60f016", "0000000000000000000000000000000000000000000000000000000000000030"},
    {"or", "600f60f017", "00000000000000000000000000000000000000000000000000000000000000ff"},
    {"xor", "600f60ff18", "00000000000000000000000000000000000000000000000000000000000000f0"},
    {"not", "5f19", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},
    {"byte", "611234601f1a", "0000000000000000000000000000000000000000000000000000000000000034"},
    {"byte_out_of_range", "61123460201a", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"shl", "600160041b", "0000000000000000000000000000000000000000000000000000000000000010"},
    {"shl_256", "60016101001b", "0000000000000000000000000000000000000000000000000000000000000000"},
    {"shr", "61010060041c", "0000000000000000000000000000000000000000000000000000000000000010"},
    {"sar_neg", "7fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe060041d", "fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffe"},
    {"sar_huge", "7f80000000000000000000000000000000000000000000000000000000000000007fffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff1d", "ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"},};

TEST(InterpreterArithmetic, Table) {
    for (const auto& c : arith_cases) {
        const auto r = run(ret_top(c.program));
        EXPECT_EQ(r.status, StatusCode::success) << c.name;
        EXPECT_EQ(word(r), c.expected) << c.name;
    }
}

TEST(InterpreterArithmetic, GasOfSimpleProgram) {
    // PUSH1 PUSH1 ADD PUSH1 MSTORE(3 + 3 memory) PUSH1 PUSH1 RETURN
    const auto r = run(ret_top("6002600301"), 1000);
    EXPECT_EQ(r.gas_left, 1000 - 24);
}

TEST(InterpreterArithmetic, ExpChargesPerExponentByte) {
    // EXP(2, 0x0100): 10 + 50 * 2 bytes; plus two PUSHes (3 + 3).
    EXPECT_EQ(run("61010060020a", 1000).gas_left, 1000 - 6 - 110);
    EXPECT_EQ(run("61010060020a", 1000, Revision::homestead).gas_left, 1000 - 6 - 30);  // 10 per byte before EIP-160
}

TEST(InterpreterControl, JumpToJumpdest) {
    // 0: PUSH1 4, 2: JUMP, 3: INVALID, 4: JUMPDEST, 5: STOP
    EXPECT_EQ(run("600456fe5b00").status, StatusCode::success);
}

TEST(InterpreterControl, JumpIntoPushDataFails) {
    // 0: PUSH1 4, 2: JUMP, 3: PUSH1 0x5b (the 0x5b at 4 is data), 5: STOP
    const auto r = run("600456605b00", 1000);
    EXPECT_EQ(r.status, StatusCode::bad_jump_destination);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(InterpreterControl, JumpBeyondCodeAndHugeDestination) {
    EXPECT_EQ(run("606456").status, StatusCode::bad_jump_destination);
    EXPECT_EQ(run("7f" + std::string(64, 'f') + "56").status, StatusCode::bad_jump_destination);
}

TEST(InterpreterControl, JumpiTakenAndNotTaken) {
    // 0: PUSH1 cond, 2: PUSH1 10, 4: JUMPI, 5: PUSH1 1, 7: PUSH1 13, 9: JUMP,
    // 10: JUMPDEST, 11: PUSH1 2, 13: JUMPDEST, 14: return the top.
    const std::string tail = "600a57" "6001600d56" "5b6002" "5b60005260206000f3";
    EXPECT_EQ(word(run("6001" + tail)), std::string(63, '0') + "2");
    EXPECT_EQ(word(run("6000" + tail)), std::string(63, '0') + "1");
    // A false condition ignores an invalid destination.
    EXPECT_EQ(run("600060ff5700").status, StatusCode::success);
    EXPECT_EQ(run("600160ff5700").status, StatusCode::bad_jump_destination);
}

TEST(InterpreterControl, PcGasMsize) {
    EXPECT_EQ(word(run(ret_top("5b5b58"))), std::string(63, '0') + "2");
    EXPECT_EQ(word(run(ret_top("5a"), 100)), std::string(62, '0') + "62");  // GAS: 100 - 2
    EXPECT_EQ(word(run(ret_top("600051" "59"))), std::string(62, '0') + "20");
}

TEST(InterpreterControl, RunningOffTheEndStops) {
    EXPECT_EQ(run("6001").status, StatusCode::success);
    EXPECT_EQ(run("").status, StatusCode::success);
    // PUSH32 truncated by the end of code reads zeros.
    EXPECT_EQ(word(run("7fff")), "");
}

TEST(InterpreterStack, OverflowAndUnderflow) {
    std::string full;
    for (int i = 0; i < stack_limit; ++i) full += "5f";
    EXPECT_EQ(run(full).status, StatusCode::success);
    EXPECT_EQ(run(full + "5f").status, StatusCode::stack_overflow);
    EXPECT_EQ(run(full + "80").status, StatusCode::stack_overflow);  // DUP1 on a full stack
    EXPECT_EQ(run("01").status, StatusCode::stack_underflow);
    EXPECT_EQ(run("600101").status, StatusCode::stack_underflow);
    EXPECT_EQ(run("6001600191").status, StatusCode::stack_underflow);  // SWAP2 needs 3
    const auto r = run("01", 500);
    EXPECT_EQ(r.gas_left, 0);
}

TEST(InterpreterStack, DupAndSwap) {
    // PUSH 1..16 then DUP16 -> 1; SWAP16 puts 1 on top from the bottom.
    std::string p;
    char buf[8];
    for (int i = 1; i <= 16; ++i) {
        std::snprintf(buf, sizeof buf, "60%02x", i);
        p += buf;
    }
    EXPECT_EQ(word(run(ret_top(p + "8f"))), std::string(63, '0') + "1");
    EXPECT_EQ(word(run(ret_top(p + "6011" "9f"))), std::string(63, '0') + "1");
}

TEST(InterpreterErrors, InvalidAndUndefined) {
    auto r = run("fe", 1000);
    EXPECT_EQ(r.status, StatusCode::invalid_instruction);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(run("0c").status, StatusCode::undefined_instruction);
    EXPECT_EQ(run("5f", 1000, Revision::london).status, StatusCode::undefined_instruction);  // PUSH0 is Shanghai
    EXPECT_EQ(run("5f", 1000, Revision::shanghai).status, StatusCode::success);
    EXPECT_EQ(run("60015c", 1000, Revision::shanghai).status, StatusCode::undefined_instruction);  // TLOAD is Cancun
    EXPECT_EQ(run("60011e", 1000, Revision::cancun).status, StatusCode::undefined_instruction);    // CLZ is Osaka
    EXPECT_EQ(word(run(ret_top("60011e"), 1000, Revision::osaka)), std::string(62, '0') + "ff");
}

// EIP-7939 CLZ (Osaka): leading zero bits of the top word, 256 for zero; 5 gas.
TEST(InterpreterArithmetic, ClzCountsLeadingZeroBits) {
    const std::string zeros(62, '0');
    struct Case {
        std::string push;
        int expected;
    };
    const Case cases[] = {
        {"5f", 256},
        {"6001", 255},
        {"60ff", 248},
        {"7f8" + zeros + "0", 0},                       // 1 << 255
        {"7f" + std::string(64, 'f'), 0},
        {"7f4" + zeros + "0", 1},
        {"7f00000000000000000000000000000001" + std::string(32, '0'), 127},  // 1 << 128
        {"7f0" + zeros + "1", 255},
    };
    for (const auto& c : cases) {
        char expected[65];
        std::snprintf(expected, sizeof expected, "%064x", c.expected);
        EXPECT_EQ(word(run(ret_top(c.push + "1e"), 1000, Revision::osaka)), expected) << c.push;
    }
    // PUSH0 (2) + CLZ (5).
    EXPECT_EQ(run("5f1e00", 7, Revision::osaka).status, StatusCode::success);
    EXPECT_EQ(run("5f1e00", 6, Revision::osaka).status, StatusCode::out_of_gas);
    EXPECT_EQ(run("5f1e00", 7, Revision::prague).status, StatusCode::undefined_instruction);
}

TEST(InterpreterErrors, OutOfGasConsumesAll) {
    const auto r = run("600160020100", 8);
    EXPECT_EQ(r.status, StatusCode::out_of_gas);
    EXPECT_EQ(r.gas_left, 0);
    EXPECT_EQ(run("600160020100", 9).status, StatusCode::success);
}

TEST(InterpreterReturn, RevertKeepsDataAndGas) {
    // MSTORE 0x2a at 0, REVERT(0, 32)
    const auto r = run("602a60005260206000fd", 1000);
    EXPECT_EQ(r.status, StatusCode::revert);
    EXPECT_EQ(word(r), std::string(62, '0') + "2a");
    EXPECT_EQ(r.gas_left, 1000 - 3 - 3 - 6 - 3 - 3);
}

TEST(InterpreterReturn, ReturnWithZeroSizeIgnoresHugeOffset) {
    const auto r = run("5f7f" + std::string(64, 'f') + "f3", 1000);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_TRUE(r.output.empty());
}

TEST(InterpreterReturn, CalldataLoadAndCopy) {
    MockHost host;
    const Bytes input = hex("0102030405");
    auto r = run(host, ret_top("600135"), 1000, input);  // CALLDATALOAD(1): 02030405 then zeros
    EXPECT_EQ(word(r), "02030405" + std::string(56, '0'));
    // CALLDATACOPY(dest 0, offset 3, size 4) then RETURN(0, 4): 04 05 00 00
    r = run(host, "6004600360003760046000f3", 1000, input);
    EXPECT_EQ(to_hex(r.output, false), "04050000");
    r = run(host, ret_top("36"), 1000, input);
    EXPECT_EQ(word(r), std::string(63, '0') + "5");
}

TEST(InterpreterReturn, CodeCopyPadsWithZeros) {
    // CODECOPY(0, 0, 16) of a 12-byte program, RETURN(0, 16)
    const auto r = run("60106000600039" "60106000f3");
    EXPECT_EQ(to_hex(r.output, false), "60106000600039" "60106000f3" "00000000");
}

TEST(InterpreterTrace, Eip3155Lines) {
    MockHost host;
    std::ostringstream out;
    Eip3155Tracer tracer(out);
    host.tracer = &tracer;
    run(host, "600201", 100);
    EXPECT_EQ(out.str(),
              "{\"pc\":0,\"op\":96,\"gas\":\"0x64\",\"gasCost\":\"0x3\",\"memSize\":0,\"stack\":[],\"depth\":1,"
              "\"refund\":0,\"opName\":\"PUSH1\"}\n"
              "{\"pc\":2,\"op\":1,\"gas\":\"0x61\",\"gasCost\":\"0x3\",\"memSize\":0,\"stack\":[\"0x2\"],\"depth\":1,"
              "\"refund\":0,\"opName\":\"ADD\"}\n");
}

}  // namespace
}  // namespace suture::evm::testing
