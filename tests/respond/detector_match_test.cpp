// Event and call filters of the monitor's detectors (respond/detector_match.hpp),
// on crafted logs and call data.
#include <gtest/gtest.h>

#include "core/abi_encode.hpp"
#include "respond/crafted_logs.hpp"
#include "respond/detector_match.hpp"

namespace suture::respond {
namespace {

using test::addr;
using test::transfer;

constexpr const char* kTransfer = "event Transfer(address indexed from, address indexed to, uint256 value)";

TEST(DetectorMatch, EventConditionsOnIndexedAndDataArguments) {
    const Address token = addr(0x70), vault = addr(0x11), thief = addr(0x22);
    struct Case {
        std::vector<std::string> conditions;
        std::optional<Address> emitter;
        chain::Log log;
        bool match;
    } cases[] = {
        {{}, std::nullopt, transfer(token, vault, thief, 5), true},
        {{"from == 0x" + std::string(40, '1')}, token, transfer(token, vault, thief, 5), true},
        {{"from == 0x" + std::string(40, '1')}, token, transfer(token, thief, vault, 5), false},
        {{"value > 1000"}, std::nullopt, transfer(token, vault, thief, 1000), false},
        {{"value >= 1000"}, std::nullopt, transfer(token, vault, thief, 1000), true},
        {{"2 >= 1000", "to != 0x" + std::string(40, '2')}, std::nullopt, transfer(token, vault, thief, 5000), false},
        {{"value < 10"}, std::nullopt, transfer(token, vault, thief, 9), true},
        {{}, addr(0x71), transfer(token, vault, thief, 5), false},  // another emitter
    };
    for (size_t i = 0; i < std::size(cases); ++i) {
        auto f = parse_event_filter(kTransfer, cases[i].conditions, cases[i].emitter);
        ASSERT_TRUE(f.ok()) << i << ": " << f.error().message;
        EXPECT_EQ(event_matches(*f, cases[i].log), cases[i].match) << "case " << i;
    }
    // Another event with the same emitter does not match.
    auto f = *parse_event_filter("event Approval(address indexed owner, address indexed spender, uint256 value)", {});
    EXPECT_FALSE(event_matches(f, transfer(token, vault, thief, 5)));
    // A truncated log does not decode, so it does not match.
    auto broken = transfer(token, vault, thief, 5);
    broken.data.resize(7);
    EXPECT_FALSE(event_matches(*parse_event_filter(kTransfer, {"value > 1"}), broken));
}

TEST(DetectorMatch, CallConditionsOnDecodedArguments) {
    const Address vault = addr(0x11);
    auto f = parse_call_filter("withdraw(uint256 amount, address to)", {"amount > 100"}, vault);
    ASSERT_TRUE(f.ok()) << f.error().message;
    auto sig = *abi::parse_signature("withdraw(uint256,address)");
    auto big = *abi::encode_call(sig, {uint256(101), addr(0x22)});
    auto small = *abi::encode_call(sig, {uint256(100), addr(0x22)});
    EXPECT_TRUE(call_matches(*f, vault, big));
    EXPECT_FALSE(call_matches(*f, vault, small));
    EXPECT_FALSE(call_matches(*f, addr(0x12), big));  // another contract
    auto other = *abi::encode_call(*abi::parse_signature("deposit(uint256,address)"), {uint256(101), addr(0x22)});
    EXPECT_FALSE(call_matches(*f, vault, other));  // another selector
}

TEST(DetectorMatch, BadConditionsAreNamed) {
    auto sig = *abi::parse_signature(kTransfer);
    struct Case {
        const char* text;
        const char* says;
    } cases[] = {
        {"amount > 1", "has no argument 'amount'"},
        {"from > 0x" "1111111111111111111111111111111111111111", "compares uintN arguments only"},
        {"value ~ 3", "expected ARG OP VALUE"},
        {"value == banana", "condition 'value == banana'"},
    };
    for (const auto& c : cases) {
        auto r = parse_condition(sig, c.text);
        ASSERT_FALSE(r.ok()) << c.text;
        EXPECT_NE(r.error().message.find(c.says), std::string::npos) << r.error().message;
    }
}

}  // namespace
}  // namespace suture::respond
