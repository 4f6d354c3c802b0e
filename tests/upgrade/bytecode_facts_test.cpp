#include "upgrade/bytecode_facts.hpp"

#include <gtest/gtest.h>

#include <set>

#include "check_fixture.hpp"
#include "core/hex.hpp"
#include "solidity/load.hpp"
#include "upgrade/proxy_slots.hpp"

namespace suture::upgrade {
namespace {

Bytes asm_hex(const std::string& h) {
    auto b = from_hex(h);
    EXPECT_TRUE(b.ok()) << h;
    return b.ok() ? *b : Bytes{};
}

std::string slot_hex(const Bytes32& s) { return to_hex(s, false); }

// "kind@pc" for each fact, in pc order.
std::vector<std::string> summary(const BytecodeFacts& f) {
    static const char* names[] = {"selfdestruct", "delegatecall", "callcode", "eip1967"};
    std::vector<std::string> out;
    for (const auto& x : f.facts)
        out.push_back(std::string(names[int(x.kind)]) + (x.slot.empty() ? "" : ":" + x.slot) + "@" +
                      std::to_string(x.pc));
    return out;
}

struct HandCase {
    const char* name;
    std::string code;
    std::vector<std::string> facts;
    bool unresolved;
};

class HandAssembled : public ::testing::TestWithParam<HandCase> {};

TEST_P(HandAssembled, FindsReachableFacts) {
    const auto& c = GetParam();
    auto facts = analyze_bytecode(asm_hex(c.code));
    EXPECT_EQ(summary(facts), c.facts);
    EXPECT_EQ(facts.unresolved_jumps, c.unresolved);
}

// Opcodes: 00 STOP, 33 CALLER, 35 CALLDATALOAD, 55 SSTORE, 56 JUMP, 57 JUMPI,
// 5b JUMPDEST, 5f PUSH0, 60 PUSH1, 7f PUSH32, 81 DUP2, 90 SWAP1, f2 CALLCODE,
// f4 DELEGATECALL, fe INVALID, ff SELFDESTRUCT.
INSTANTIATE_TEST_SUITE_P(
    Bytecode, HandAssembled,
    ::testing::Values(
        HandCase{"selfdestruct_at_entry", "6000ff", {"selfdestruct@2"}, false},
        HandCase{"dead_after_stop", "006000ff", {}, false},
        HandCase{"ff_inside_push_data_is_data", "60ff00", {}, false},
        HandCase{"dead_after_invalid_even_with_jumpdest_when_no_jump_is_unresolved", "fe5b6000ff", {}, false},
        // PUSH1 5 JUMP | JUMPDEST SELFDESTRUCT (never targeted) | JUMPDEST PUSH0 x6 DELEGATECALL STOP
        HandCase{"resolved_jump_reaches_only_its_target", "600556" "5bff" "5b5f5f5f5f5f5ff400", {"delegatecall@12"},
                 false},
        // JUMPI: both the target and the fall-through are reachable.
        HandCase{"jumpi_takes_both_ways", "600035600f57" "5f5f5f5f5f5f5ff200" "5bff", {"callcode@13", "selfdestruct@16"},
                 false},
        // The destination comes from calldata: any JUMPDEST may run.
        HandCase{"unresolved_jump_reaches_every_jumpdest", "60003556" "5bff", {"selfdestruct@5"}, true},
        // PUSH1 4 JUMP | PUSH1 0x5b SELFDESTRUCT: byte 4 is PUSH data, not a JUMPDEST.
        HandCase{"jump_into_push_data_fails", "600456" "605bff", {}, false},
        // An internal call: the return address is pushed by the caller and used by the callee's JUMP.
        HandCase{"return_address_through_the_stack", "6007" "6009" "56" "5bff" "5b00" "5b56", {}, false},
        HandCase{"sstore_implementation_slot_after_swap",
                 "7f" + slot_hex(eip1967_implementation_slot()) + "339055" "00", {"eip1967:implementation@35"}, false},
        HandCase{"sstore_admin_slot_after_dup", "7f" + slot_hex(eip1967_admin_slot()) + "338155" "00",
                 {"eip1967:admin@35"}, false},
        // The slot is pushed in one block and stored in the block the jump leads to.
        HandCase{"sstore_beacon_slot_across_a_jump", "7f" + slot_hex(eip1967_beacon_slot()) + "602456" "5b339055" "00",
                 {"eip1967:beacon@39"}, false},
        // solc's `shl(0, slot)` cleanup folds back to the slot.
        HandCase{"sstore_slot_after_constant_folding", "7f" + slot_hex(eip1967_implementation_slot()) + "5f1b339055" "00",
                 {"eip1967:implementation@37"}, false},
        HandCase{"sstore_value_equal_to_the_slot_is_not_a_slot_write",
                 "7f" + slot_hex(eip1967_implementation_slot()) + "6000" "55" "00", {}, false},
        HandCase{"sstore_other_slot", "60003390" "5500", {}, false},
        // Unresolved jump, then STOP, then a metadata trailer holding JUMPDEST SELFDESTRUCT bytes
        // (CBOR {"abc": h'5bff'}, length 8): the trailer is not code.
        HandCase{"metadata_trailer_is_not_code", "6000355600" "a163616263425bff0008", {}, true},
        HandCase{"empty_code", "", {}, false}),
    [](const auto& info) { return std::string(info.param.name); });

TEST(BytecodeFacts, CountsBlocksAndStripsMetadata) {
    auto f = analyze_bytecode(asm_hex("6007600956" "5bff" "5b00" "5b56" "a163616263425bff0008"));
    EXPECT_EQ(f.code_size, 11u);
    EXPECT_EQ(f.blocks, 4u);
    EXPECT_EQ(f.reachable_blocks, 3u);
}

TEST(BytecodeFacts, FindingsHaveCodesAndPcs) {
    auto f = analyze_bytecode(asm_hex("7f" + slot_hex(eip1967_implementation_slot()) + "339055" "5f5f5f5f5f5ff4" "6000ff"));
    auto fs = bytecode_findings(f, "0xabc");
    ASSERT_EQ(fs.size(), 3u);
    EXPECT_EQ(fs[0].code, "deployed-eip1967-write");
    EXPECT_EQ(fs[0].severity, Severity::info);
    EXPECT_EQ(fs[0].location.other, "0xabc pc 35");
    EXPECT_EQ(fs[1].code, "deployed-delegatecall");
    EXPECT_EQ(fs[1].severity, Severity::warning);
    EXPECT_EQ(fs[2].code, "deployed-selfdestruct");
    EXPECT_NE(fs[2].message.find("pc 45"), std::string::npos) << fs[2].message;
}

// Real compiled code: the check fixture pairs and the vault example.
struct CompiledCase {
    std::string contract;  // "source:Name" in the pairs build
    std::set<BytecodeFactKind> kinds;
};

std::set<BytecodeFactKind> kinds_of(const solidity::BuildSet& set, const std::string& name) {
    auto ref = solidity::find_contract(set, name);
    EXPECT_TRUE(ref.ok()) << (ref.ok() ? "" : ref.error().message);
    if (!ref.ok()) return {};
    auto code = from_hex(ref->contract->deployed_bytecode);
    EXPECT_TRUE(code.ok()) << name;
    std::set<BytecodeFactKind> out;
    for (const auto& f : analyze_bytecode(*code).facts) out.insert(f.kind);
    return out;
}

TEST(BytecodeFacts, CompiledFixturePairs) {
    using K = BytecodeFactKind;
    const std::vector<CompiledCase> cases = {
        {"pairs/selfdestruct.sol:V1", {}},
        {"pairs/selfdestruct.sol:V2", {K::selfdestruct}},
        {"pairs/selfdestruct_assembly.sol:V2", {K::selfdestruct}},
        {"pairs/delegatecall.sol:V1", {}},
        {"pairs/delegatecall.sol:V2", {K::delegatecall}},
        {"pairs/delegatecall_assembly.sol:V2", {K::delegatecall}},
        {"pairs/layout_append.sol:V1", {}},
        // OpenZeppelin UUPS: upgradeToAndCall writes the implementation slot and
        // delegatecalls the initialization data.
        {"pairs/uups_ok.sol:V1", {K::delegatecall, K::eip1967_write}},
    };
    for (const auto& c : cases) EXPECT_EQ(kinds_of(test::pairs_solc(), c.contract), c.kinds) << c.contract;
}

TEST(BytecodeFacts, CompiledVaultExample) {
    auto set = solidity::load_build(std::string(SUTURE_BINARY_DIR) + "/examples/vault.json");
    ASSERT_TRUE(set.ok()) << set.error().message;
    auto ref = solidity::find_contract(*set, "VaultV1");
    ASSERT_TRUE(ref.ok()) << ref.error().message;
    auto facts = analyze_bytecode(*from_hex(ref->contract->deployed_bytecode));
    std::vector<std::string> slots;
    for (const auto& f : facts.facts)
        if (f.kind == BytecodeFactKind::eip1967_write) slots.push_back(f.slot);
    EXPECT_EQ(slots, std::vector<std::string>{"implementation"});
    EXPECT_LT(facts.reachable_blocks, facts.blocks);  // the metadata and dead code stay out
}

}  // namespace
}  // namespace suture::upgrade
