// The route rules as functions (pipeline/route_rules.hpp), case by case: the
// reinitializers an upgrade must call (Ronin), timelock operations that belong
// together (Sonne), and initializer writes that zero what the old version set
// (Nomad). The simulated upgrades that trigger them on compiled fixtures are
// in tests/pipeline_cli.sh.
#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "pipeline/route_rules.hpp"

namespace suture::pipeline {
namespace {

upgrade::InitializerVersion reinit(const char* fn, const char* selector, uint64_t v) {
    return {fn, selector, true, v};
}

Bytes call(const char* selector_hex) { return *from_hex(std::string("0x") + selector_hex); }

std::vector<std::string> codes(const Findings& fs) {
    std::vector<std::string> out;
    for (const auto& f : fs) out.push_back(f.code);
    return out;
}

TEST(RouteRules, ReinitializersAboveTheVersionMustBeTheUpgradeCall) {
    const std::vector<upgrade::InitializerVersion> inits = {{"B.initialize(address)", "c4d66de8", false, 1},
                                                            reinit("B.initializeV3(uint256)", "11111111", 3),
                                                            reinit("B.initializeV4()", "22222222", 4)};
    struct Case {
        const char* name;
        uint64_t current;
        Bytes init;
        std::vector<std::string> flagged;  // functions named by the findings
    } cases[] = {
        {"V4 called, V3 locked out (Ronin)", 2, call("22222222"), {"B.initializeV3(uint256)"}},
        {"V3 called, V4 left open", 2, call("11111111"), {"B.initializeV4()"}},
        {"nothing called", 2, {}, {"B.initializeV3(uint256)", "B.initializeV4()"}},
        {"both already run", 4, {}, {}},
        {"V3 run before, V4 called", 3, call("22222222"), {}},
    };
    for (const auto& c : cases) {
        auto fs = check_reinitializers(c.current, inits, c.init);
        ASSERT_EQ(fs.size(), c.flagged.size()) << c.name;
        for (size_t i = 0; i < fs.size(); ++i) {
            EXPECT_EQ(fs[i].code, "reinitializer-not-called") << c.name;
            EXPECT_NE(fs[i].message.find(c.flagged[i]), std::string::npos) << c.name << ": " << fs[i].message;
            EXPECT_EQ(fs[i].severity, Severity::error);
        }
    }
    auto locked = check_reinitializers(2, inits, call("22222222"));
    EXPECT_NE(locked[0].message.find("can never run"), std::string::npos) << locked[0].message;
}

TEST(RouteRules, TimelockCallsOfOneUpgradeAreOneOperation) {
    const Address proxy = *parse_address("0x00000000000000000000000000000000000000aa");
    const Address oracle = *parse_address("0x00000000000000000000000000000000000000bb");
    const deploy::TimelockCall upgrade{proxy, uint256(0), call("4f1ef286")};
    const deploy::TimelockCall configure{oracle, uint256(0), call("12345678")};
    const std::vector<deploy::TimelockCall> calls = {upgrade, configure};

    deploy::TimelockOperation batch;
    batch.calls = calls;
    EXPECT_TRUE(check_timelock_batching({batch}, calls).empty());

    deploy::TimelockOperation first, second;
    first.calls = {upgrade};
    second.calls = {configure};
    second.salt[31] = 1;
    auto split = check_timelock_batching({first, second}, calls);  // Sonne: either may execute first
    ASSERT_EQ(codes(split), std::vector<std::string>{"timelock-operations-split"});
    EXPECT_NE(split[0].message.find("predecessor"), std::string::npos);

    second.predecessor = *deploy::timelock_operation_id(first);  // chained: the order is enforced
    EXPECT_TRUE(check_timelock_batching({first, second}, calls).empty());

    auto missing = check_timelock_batching({first}, calls);
    ASSERT_EQ(codes(missing), std::vector<std::string>{"timelock-operations-split"});
    EXPECT_NE(missing[0].message.find("in no scheduled timelock operation"), std::string::npos);

    EXPECT_TRUE(check_timelock_batching({first}, {upgrade}).empty());  // one call: nothing to keep together
}

TEST(RouteRules, WritesThatZeroWhatWasSet) {
    // A layout with a packed slot 0 (uint64 at offset 0, address at offset 8) and a bytes32 at slot 1.
    solidity::ContractStorage layout;
    auto type = [&](const char* id, const char* label, uint64_t bytes) {
        solidity::StorageType t;
        t.id = id;
        t.label = label;
        t.bytes = solidity::Wide::of(bytes);
        layout.types[id] = t;
    };
    type("t_uint64", "uint64", 8);
    type("t_address", "address", 20);
    type("t_bytes32", "bytes32", 32);
    auto item = [&](const char* label, const char* t, uint64_t slot, uint32_t offset) {
        solidity::StorageItem i;
        i.label = label;
        i.contract = "R";
        i.type = t;
        i.slot = solidity::Wide::of(slot);
        i.offset = offset;
        layout.main.items.push_back(i);
    };
    item("nonce", "t_uint64", 0, 0);
    item("owner", "t_address", 0, 8);
    item("committedRoot", "t_bytes32", 1, 0);
    const Address proxy = *parse_address("0x00000000000000000000000000000000000000aa");
    const uint256 owner_bits = uint256(0xabcd) << 64;

    auto root_zeroed = check_initializer_writes(proxy, {{uint256(1), uint256(0xab), uint256(0)}}, layout);
    ASSERT_EQ(codes(root_zeroed), std::vector<std::string>{"initializer-zeroes-state"});
    EXPECT_NE(root_zeroed[0].message.find("`committedRoot`"), std::string::npos);

    // The owner half of the packed slot zeroed while the nonce changes: only the owner is named.
    auto owner_zeroed = check_initializer_writes(proxy, {{uint256(0), owner_bits | uint256(5), uint256(6)}}, layout);
    ASSERT_EQ(owner_zeroed.size(), 1u);
    EXPECT_NE(owner_zeroed[0].message.find("`owner`"), std::string::npos);

    EXPECT_TRUE(check_initializer_writes(proxy, {{uint256(1), uint256(0xab), uint256(0xcd)}}, layout).empty());
    EXPECT_TRUE(check_initializer_writes(proxy, {{uint256(1), uint256(0), uint256(0xcd)}}, layout).empty());

    // A slot no variable describes (a mapping entry) is judged whole.
    auto entry = check_initializer_writes(proxy, {{uint256(777), uint256(1), uint256(0)}}, layout);
    ASSERT_EQ(codes(entry), std::vector<std::string>{"initializer-zeroes-state"});
    EXPECT_NE(entry[0].message.find("slot 0x309"), std::string::npos) << entry[0].message;
}

}  // namespace
}  // namespace suture::pipeline
