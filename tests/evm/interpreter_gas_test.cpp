// Interpreter gas rules: memory expansion, EIP-2200/2929/3529 SSTORE, cold
// access, and the dynamic parts of KECCAK256, LOG and copies.
#include "evm/interpreter_test_util.hpp"

namespace suture::evm::testing {
namespace {

TEST(InterpreterGas, MemoryExpansionIsQuadratic) {
    // PUSH1 0, PUSH2 0x03e0, MSTORE: memory grows to 32 words = 3*32 + 32*32/512.
    EXPECT_EQ(run("60006103e052", 1000).gas_left, 1000 - 3 - 3 - 3 - 98);
    // To 2048 words: 3*2048 + 2048^2/512 = 14336.
    EXPECT_EQ(run("600061ffe052", 100000).gas_left, 100000 - 9 - 14336);
    // A second store inside the same words costs no expansion.
    EXPECT_EQ(run("60006103e052" "60006103c052", 1000).gas_left, 1000 - 9 - 98 - 9);
    // MSTORE8 at 31 needs one word.
    EXPECT_EQ(run("6001601f53", 1000).gas_left, 1000 - 9 - 3);
    // An offset past 4 GiB is out of gas, not an allocation.
    EXPECT_EQ(run("64010000000051", 1'000'000'000).status, StatusCode::out_of_gas);
    EXPECT_EQ(run("7f" + std::string(64, 'f') + "51", 1'000'000'000).status, StatusCode::out_of_gas);
}

struct SstoreCase {
    const char* code;
    int64_t used;
    int64_t refund;
    uint64_t original;
};

// EIP-3529's table (London+), slot already warm.
const SstoreCase eip3529_cases[] = {
    {"60006000556000600055", 212, 0, 0},      {"60006000556001600055", 20112, 0, 0},
    {"60016000556000600055", 20112, 19900, 0}, {"60016000556002600055", 20112, 0, 0},
    {"60016000556001600055", 20112, 0, 0},    {"60006000556000600055", 3012, 4800, 1},
    {"60006000556001600055", 3012, 2800, 1},  {"60006000556002600055", 3012, 0, 1},
    {"60026000556000600055", 3012, 4800, 1},  {"60026000556003600055", 3012, 0, 1},
    {"60026000556001600055", 3012, 2800, 1},  {"60026000556002600055", 3012, 0, 1},
    {"60016000556000600055", 3012, 4800, 1},  {"60016000556002600055", 3012, 0, 1},
    {"60016000556001600055", 212, 0, 1},      {"600160005560006000556001600055", 40118, 19900, 0},
    {"600060005560016000556000600055", 5918, 7600, 1},
};

// EIP-2200's table (Istanbul).
const SstoreCase eip2200_cases[] = {
    {"60006000556000600055", 1612, 0, 0},      {"60006000556001600055", 20812, 0, 0},
    {"60016000556000600055", 20812, 19200, 0}, {"60016000556002600055", 20812, 0, 0},
    {"60016000556001600055", 20812, 0, 0},     {"60006000556000600055", 5812, 15000, 1},
    {"60006000556001600055", 5812, 4200, 1},   {"60006000556002600055", 5812, 0, 1},
    {"60026000556000600055", 5812, 15000, 1},  {"60026000556003600055", 5812, 0, 1},
    {"60026000556001600055", 5812, 4200, 1},   {"60026000556002600055", 5812, 0, 1},
    {"60016000556000600055", 5812, 15000, 1},  {"60016000556002600055", 5812, 0, 1},
    {"60016000556001600055", 1612, 0, 1},      {"600160005560006000556001600055", 40818, 19200, 0},
    {"600060005560016000556000600055", 10818, 19200, 1},
};

void check_sstore_table(Revision rev, const SstoreCase* cases, size_t n) {
    for (size_t i = 0; i < n; ++i) {
        const auto& c = cases[i];
        MockHost host(rev);
        host.warm_slots.insert(0);
        if (c.original) host.accounts[contract_addr].storage[0] = c.original;
        const int64_t gas = 100000;
        const auto r = run(host, c.code, gas);
        ASSERT_EQ(r.status, StatusCode::success) << c.code;
        EXPECT_EQ(gas - r.gas_left, c.used) << c.code << " original " << c.original;
        EXPECT_EQ(r.gas_refund, c.refund) << c.code << " original " << c.original;
    }
}

TEST(InterpreterGas, SstoreEip3529Table) {
    check_sstore_table(Revision::london, eip3529_cases, std::size(eip3529_cases));
    check_sstore_table(Revision::cancun, eip3529_cases, std::size(eip3529_cases));
}

TEST(InterpreterGas, SstoreEip2200Table) { check_sstore_table(Revision::istanbul, eip2200_cases, std::size(eip2200_cases)); }

TEST(InterpreterGas, SstoreColdSlotAndSentry) {
    MockHost host;
    EXPECT_EQ(run(host, "6001600055", 100000).gas_left, 100000 - 6 - 22100);  // EIP-2929: +2100 cold
    // EIP-2200: with 2300 or less left, SSTORE fails even if it would be cheap.
    MockHost warm;
    warm.warm_slots.insert(0);
    EXPECT_EQ(run(warm, "6000600055", 6 + 2300).status, StatusCode::out_of_gas);
    const auto r = run(warm, "6000600055", 6 + 2301);
    EXPECT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 2201);
}

TEST(InterpreterGas, SloadColdThenWarm) {
    EXPECT_EQ(run("60005460005400", 10000).gas_left, 10000 - 3 - 2100 - 3 - 100);
    EXPECT_EQ(run("60005400", 10000, Revision::istanbul).gas_left, 10000 - 3 - 800);
    EXPECT_EQ(run("60005400", 10000, Revision::frontier).gas_left, 10000 - 3 - 50);
}

TEST(InterpreterGas, AccountAccessColdThenWarm) {
    // BALANCE(ADDRESS) twice: the frame's own address is cold in the mock.
    EXPECT_EQ(run("3031" "3031" "00", 10000).gas_left, 10000 - 2 - 2600 - 2 - 100);
    EXPECT_EQ(run("303b00", 10000).gas_left, 10000 - 2 - 2600);   // EXTCODESIZE
    EXPECT_EQ(run("303f00", 10000).gas_left, 10000 - 2 - 2600);   // EXTCODEHASH
    EXPECT_EQ(run("303100", 10000, Revision::istanbul).gas_left, 10000 - 2 - 700);
}

TEST(InterpreterGas, Keccak256) {
    // KECCAK256(0, 0): 30 gas, the empty-input hash.
    const auto r = run(ret_top("60006000" "20"), 1000);
    EXPECT_EQ(word(r), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    // KECCAK256(0, 33): 30 + 6*2 words + 2 words of memory (6).
    EXPECT_EQ(run("60216000" "20" "00", 1000).gas_left, 1000 - 6 - 30 - 12 - 6);
}

TEST(InterpreterGas, CopyChargesPerWord) {
    // CALLDATACOPY(0, 0, 33): 3 + 3*2 words + memory 2 words (6).
    EXPECT_EQ(run("60216000600037" "00", 1000).gas_left, 1000 - 9 - 3 - 6 - 6);
    // MCOPY(dest 64, src 0, 32): memory to 3 words (9) + 3 + 3 per word.
    EXPECT_EQ(run("602060006040" "5e" "00", 1000).gas_left, 1000 - 9 - 3 - 3 - 9);
}

TEST(InterpreterGas, LogCostsAndData) {
    MockHost host;
    // MSTORE8(0, 0xab); LOG2(offset 0, size 1, topic 0x11, topic 0x22)
    const auto r = run(host, "60ab600053" "6022" "6011" "6001" "6000" "a2", 10000);
    ASSERT_EQ(r.status, StatusCode::success);
    EXPECT_EQ(r.gas_left, 10000 - 9 - 3 - 12 - (375 + 2 * 375 + 8));
    ASSERT_EQ(host.logs.size(), 1u);
    EXPECT_EQ(host.logs[0].addr, contract_addr);
    EXPECT_EQ(to_hex(host.logs[0].data, false), "ab");
    ASSERT_EQ(host.logs[0].topics.size(), 2u);
    EXPECT_EQ(uint256::from_bytes32(host.logs[0].topics[0]), uint256(0x11));
    EXPECT_EQ(uint256::from_bytes32(host.logs[0].topics[1]), uint256(0x22));
}

TEST(InterpreterGas, TransientStorage) {
    MockHost host;
    // TSTORE(1, 0x42); TLOAD(1): 100 each (EIP-1153), no cold surcharge.
    const auto r = run(host, ret_top("60426001" "5d" "6001" "5c"), 10000);
    EXPECT_EQ(word(r), std::string(62, '0') + "42");
    EXPECT_EQ(r.gas_left, 10000 - 6 - 100 - 3 - 100 - 15);  // ret_top costs 15
}

TEST(InterpreterGas, BlockContext) {
    MockHost host;
    host.context.number = 1000;
    host.context.chain_id = 5;
    host.context.blob_hashes.push_back(uint256(0x77).to_bytes32());
    EXPECT_EQ(word(run(host, ret_top("46"))), std::string(63, '0') + "5");
    EXPECT_EQ(word(run(host, ret_top("6000" "49"))), std::string(62, '0') + "77");
    EXPECT_EQ(word(run(host, ret_top("6001" "49"))), std::string(64, '0'));
    // BLOCKHASH: only the 256 previous blocks are visible.
    EXPECT_EQ(word(run(host, ret_top("6103e7" "40"))).substr(0, 2), "bb");  // 999
    EXPECT_EQ(word(run(host, ret_top("6102e8" "40"))).substr(0, 2), "bb");  // 744 = 1000 - 256
    EXPECT_EQ(word(run(host, ret_top("6102e7" "40"))), std::string(64, '0'));  // 743
    EXPECT_EQ(word(run(host, ret_top("6103e8" "40"))), std::string(64, '0'));  // current
}

}  // namespace
}  // namespace suture::evm::testing
