// Interpreter call rules: 63/64 gas forwarding, stipend, value and new-account
// costs, depth limit, static mode, return data, creates and self-destruct.
#include "evm/interpreter_test_util.hpp"

namespace suture::evm::testing {
namespace {

const Address callee_addr = addr(0xbb);
const std::string callee_hex = "00000000000000000000000000000000000000bb";
// Returns GAS as a word: "GAS PUSH1 0 MSTORE PUSH1 32 PUSH1 0 RETURN" (17 gas).
const std::string return_gas_code = ret_top("5a");

// CALL(gas, callee, value, 0, 0, 0, 32) then RETURN(0, 32).
std::string call_callee(const std::string& gas_push, const std::string& value_push, const std::string& op = "f1") {
    const bool has_value = op == "f1" || op == "f2";
    return "6020" "5f" "5f" "5f" + (has_value ? value_push : "") + "73" + callee_hex + gas_push + op + "60206000f3";
}
const std::string all_gas = "7f" + std::string(64, 'f');

TEST(InterpreterCalls, ForwardsAllButOne64th) {
    MockHost host;
    host.accounts[callee_addr].code = hex(return_gas_code);
    const int64_t gas = 100000;
    const auto r = run(host, call_callee(all_gas, "5f"), gas);
    ASSERT_EQ(r.status, StatusCode::success);
    // Before CALL: PUSH1 + 4 PUSH0 + PUSH20 + PUSH32 = 3 + 8 + 3 + 3; CALL: 100 + 2500 cold + 3 memory.
    const int64_t before_call = gas - 17 - 2603;
    const int64_t forwarded = before_call - before_call / 64;  // EIP-150
    EXPECT_EQ(uint256::from_be(r.output), uint256(uint64_t(forwarded - 2)));
    EXPECT_EQ(r.gas_left, before_call - 17 - 6);  // callee used 17, the final RETURN 6
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].gas, forwarded);
    EXPECT_EQ(host.calls[0].depth, 1);
    EXPECT_EQ(host.calls[0].sender, contract_addr);
    EXPECT_EQ(host.calls[0].recipient, callee_addr);
}

TEST(InterpreterCalls, ExplicitGasBelowCapIsPassedAsIs) {
    MockHost host2;
    host2.accounts[callee_addr].code = hex(return_gas_code);
    const auto r2 = run(host2, call_callee("6064", "5f"), 100000);
    ASSERT_EQ(host2.calls.size(), 1u);
    EXPECT_EQ(host2.calls[0].gas, 100);
    EXPECT_EQ(uint256::from_be(r2.output), uint256(98));
}

TEST(InterpreterCalls, ValueTransferToNewAccount) {
    MockHost host;
    host.accounts[contract_addr].balance = 10;
    const int64_t gas = 100000;
    // CALL(gas 0, new account, value 1): 100 + 2500 cold + 9000 value + 25000 new account + 3 memory;
    // the callee has no code and returns the 2300 stipend.
    const auto r = run(host, call_callee("5f", "6001"), gas);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(uint256::from_be(r.output), uint256(0));  // callee returned nothing: memory stays zero
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].gas, 2300);
    EXPECT_EQ(host.calls[0].value, uint256(1));
    EXPECT_EQ(r.gas_left, gas - (3 + 6 + 3 + 3 + 2) - (2600 + 9000 + 25000 + 3) + 2300 - 6);
}

TEST(InterpreterCalls, InsufficientBalanceFailsWithoutCalling) {
    MockHost host;
    host.accounts[callee_addr].code = hex(return_gas_code);
    // Value 1 with a zero balance: push 0, the stipend comes back, nothing is called.
    const auto r = run(host, "6000" "5f5f5f" "6001" "73" + callee_hex + "5f" "f1" + "60005260206000f3", 100000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_TRUE(host.calls.empty());
    EXPECT_EQ(uint256::from_be(r.output), uint256(0));
    EXPECT_EQ(r.gas_left, 100000 - 17 - (2600 + 9000) + 2300 - 15);
}

TEST(InterpreterCalls, DepthLimit) {
    MockHost host;
    host.accounts[callee_addr].code = hex(return_gas_code);
    const Bytes code = hex("5f5f5f5f5f" "73" + callee_hex + "5a" "f1" "60005260206000f3");
    Message m = call_msg(100000);
    m.depth = 1024;
    const auto r = execute(host, Revision::cancun, m, code);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_TRUE(host.calls.empty());
    EXPECT_EQ(uint256::from_be(r.output), uint256(0));
    m.depth = 1023;
    const auto r2 = execute(host, Revision::cancun, m, code);
    EXPECT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(uint256::from_be(r2.output), uint256(1));
}

TEST(InterpreterCalls, StaticModeViolations) {
    const char* forbidden[] = {
        "60016000" "55",                                   // SSTORE
        "60006000" "a0",                                   // LOG0
        "60016000" "5d",                                   // TSTORE
        "600060006000" "f0",                               // CREATE
        "6000600060006000" "f5",                           // CREATE2
        "6000" "ff",                                       // SELFDESTRUCT
        "5f5f5f5f" "6001" "6000" "5f" "f1",                // CALL with value
    };
    for (const char* p : forbidden) {
        MockHost host;
        host.accounts[contract_addr].balance = 100;
        const Bytes code = hex(p);
        Message m = call_msg(100000);
        m.is_static = true;
        const auto r = execute(host, Revision::cancun, m, code);
        EXPECT_EQ(r.status, StatusCode::static_mode_violation) << p;
        EXPECT_EQ(r.gas_left, 0) << p;
    }
    // A call without value, SLOAD and TLOAD are allowed.
    MockHost host;
    Message m = call_msg(100000);
    m.is_static = true;
    const Bytes ok = hex("5f5f5f5f5f6000" "5f" "f1" "600054" "60005c" "00");
    EXPECT_EQ(execute(host, Revision::cancun, m, ok).status, StatusCode::success);
}

TEST(InterpreterCalls, StaticcallPropagatesStaticMode) {
    MockHost host;
    host.accounts[callee_addr].code = hex("6001600055");  // SSTORE
    const auto r = run(host, ret_top("5f5f5f5f" "73" + callee_hex + "5a" "fa"), 100000);
    ASSERT_EQ(r.status, StatusCode::success) << status_name(r.status);
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_TRUE(host.calls[0].is_static);
    EXPECT_EQ(uint256::from_be(r.output), uint256(0));  // the callee failed
}

TEST(InterpreterCalls, DelegatecallKeepsContext) {
    MockHost host;
    host.accounts[callee_addr].code = hex(ret_top("33"));  // CALLER
    Message m = call_msg(100000);
    const Bytes code = hex("6020" "5f5f5f" "73" + callee_hex + "5a" "f4" "60206000f3");
    m.value = 7;
    const auto r = execute(host, Revision::cancun, m, code);
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].kind, CallKind::delegatecall);
    EXPECT_EQ(host.calls[0].recipient, contract_addr);
    EXPECT_EQ(host.calls[0].code_address, callee_addr);
    EXPECT_EQ(host.calls[0].value, uint256(7));
    EXPECT_EQ(to_address(uint256::from_be(r.output)), caller_addr);
}

TEST(InterpreterCalls, ReturnDataFromRevert) {
    MockHost host;
    host.accounts[callee_addr].code = hex("602a60005260206000fd");  // REVERT with 0x2a
    // CALL(gas, callee, 0, 0, 0, 0, 0), then RETURNDATASIZE, RETURNDATACOPY(0, 0, size), RETURN(0, 32).
    const std::string call = "5f5f5f5f5f" "73" + callee_hex + "5a" "f1" "50";
    auto r = run(host, call + "3d" "5f" "5f" "3e" "60206000f3", 100000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(uint256::from_be(r.output), uint256(0x2a));
    // RETURNDATACOPY past the end of the return data is an exceptional halt.
    r = run(host, call + "6021" "5f" "5f" "3e" "00", 100000);
    EXPECT_EQ(r.status, StatusCode::invalid_memory_access);
    EXPECT_EQ(r.gas_left, 0);
    r = run(host, call + "6001" "6020" "5f" "3e" "00", 100000);  // offset 32, size 1
    EXPECT_EQ(r.status, StatusCode::invalid_memory_access);
    // Before any call the buffer is empty.
    EXPECT_EQ(word(run(host, ret_top("3d"))), std::string(64, '0'));
}

TEST(InterpreterCalls, CreateRunsInitcode) {
    MockHost host;
    // Initcode returning the single byte 0x00: "60006000 53 60016000f3" (MSTORE8 0 0; RETURN 0 1)
    // is stored in memory with PUSH32 + MSTORE, then CREATE(value 0, offset 0, size 10).
    const std::string initcode = "600060005360016000f3";
    const std::string padded = initcode + std::string(64 - initcode.size(), '0');
    const auto r = run(host, ret_top("7f" + padded + "5f52" "600a" "5f" "5f" "f0"), 1'000'000);
    ASSERT_EQ(r.status, StatusCode::success);
    ASSERT_EQ(host.calls.size(), 1u);
    EXPECT_EQ(host.calls[0].kind, CallKind::create);
    EXPECT_EQ(to_hex(host.call_inputs[0], false), initcode);
    const Address created = to_address(uint256::from_be(r.output));
    EXPECT_EQ(created.bytes[0], 0xcc);
    EXPECT_EQ(host.accounts[created].code, hex("00"));
}

TEST(InterpreterCalls, InitcodeSizeLimit) {
    // EIP-3860: CREATE with 49153 bytes of initcode halts; 49152 is charged 2 gas per word.
    MockHost host;
    EXPECT_EQ(run(host, "62" "00c001" "5f" "5f" "f0", 10'000'000).status, StatusCode::out_of_gas);
    MockHost host2;
    const auto r = run(host2, "62" "00c000" "5f" "5f" "f0" "00", 10'000'000);
    EXPECT_EQ(r.status, StatusCode::success);
    ASSERT_EQ(host2.calls.size(), 1u);
    const int64_t words = 49152 / 32;
    const int64_t before = 10'000'000 - 7 - 32000 - (3 * words + words * words / 512) - 2 * words;
    EXPECT_EQ(host2.calls[0].gas, before - before / 64);
    // Shanghai introduced the limit: London has neither limit nor word cost.
    MockHost host3(Revision::london);
    EXPECT_EQ(run(host3, "62" "00c001" "6000" "6000" "f0", 10'000'000).status, StatusCode::success);
}

TEST(InterpreterCalls, Selfdestruct) {
    MockHost host;
    host.accounts[contract_addr].balance = 5;
    const auto r = run(host, "73" + callee_hex + "ff", 100000);
    ASSERT_EQ(r.status, StatusCode::success);
    // 3 + 5000 + 2600 cold beneficiary + 25000 (the beneficiary does not exist and value moves).
    EXPECT_EQ(r.gas_left, 100000 - 3 - 5000 - 2600 - 25000);
    EXPECT_EQ(r.gas_refund, 0);  // EIP-3529 removed the refund
    ASSERT_EQ(host.selfdestructs.size(), 1u);
    EXPECT_EQ(host.accounts[callee_addr].balance, uint256(5));
}

}  // namespace
}  // namespace suture::evm::testing
