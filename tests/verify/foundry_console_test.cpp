// console.log and DSTest log_* rendering as forge prints them.
#include <gtest/gtest.h>

#include "core/abi_encode.hpp"
#include "verify/foundry_addresses.hpp"
#include "verify/foundry_console.hpp"

namespace suture::verify::foundry {
namespace {

Bytes call(std::string_view sig, const std::vector<abi::AbiValue>& args) {
    auto s = abi::parse_signature(sig);
    EXPECT_TRUE(s.ok());
    auto d = abi::encode_call(*s, args);
    EXPECT_TRUE(d.ok());
    return *d;
}

evm::Log event(std::string_view sig, const std::vector<abi::AbiValue>& args) {
    auto s = abi::parse_signature(sig);
    EXPECT_TRUE(s.ok());
    auto d = abi::encode(s->input_types(), args);
    EXPECT_TRUE(d.ok()) << sig << ": " << (d.ok() ? "" : d.error().message);
    return evm::Log{Address{}, {abi::event_topic(sig)}, *d};
}

TEST(FoundryConsole, JoinsArgumentsWithSpaces) {
    Address a;
    a.bytes[19] = 0x2a;
    EXPECT_EQ(format_console_call(call("log(string,uint256)", {"balance", uint256(5)})), "balance 5");
    EXPECT_EQ(format_console_call(call("log(string,address)", {"who", a})),
              "who 0x000000000000000000000000000000000000002A");
    EXPECT_EQ(format_console_call(call("log(string,int256)", {"delta", abi::AbiValue::from_int(-3)})), "delta -3");
}

TEST(FoundryConsole, FormatSpecifiers) {
    EXPECT_EQ(format_console_call(call("log(string,uint256,uint256)", {"%d of %s", uint256(1), uint256(2)})),
              "1 of 2");
    EXPECT_EQ(format_console_call(call("log(string,uint256)", {"100%% %x", uint256(255)})), "100% 0xff");
}

TEST(FoundryConsole, HardhatUintSelectors) {
    // Hardhat's console.sol hashes "log(uint)" for the same encoding.
    Bytes data = call("log(uint256)", {uint256(7)});
    const auto sel = abi::selector("log(uint)");
    std::copy(sel.begin(), sel.end(), data.begin());
    EXPECT_EQ(format_console_call(data), "7");
}

TEST(FoundryConsole, UnknownSelectorIsNoLine) {
    EXPECT_FALSE(format_console_call(call("notALog(uint256)", {uint256(1)})));
    EXPECT_FALSE(format_console_call(Bytes{0x01}));
}

TEST(FoundryConsole, DsTestEvents) {
    EXPECT_EQ(format_ds_log(event("log_named_uint(string,uint256)", {"x", uint256(1)})), "x: 1");
    EXPECT_EQ(format_ds_log(event("log(string)", {"hello"})), "hello");
    EXPECT_EQ(format_ds_log(event("log_named_decimal_uint(string,uint256,uint256)",
                                  {"amount", uint256(1500000000000000000ull), uint256(18)})),
              "amount: 1.500000000000000000");
    EXPECT_EQ(format_ds_log(event("log_array(int256[])",
                                  {abi::AbiValue(abi::AbiValue::List{abi::AbiValue::from_int(-1), abi::AbiValue::from_int(2)})})),
              "[-1, 2]");
    EXPECT_FALSE(format_ds_log(event("Transfer(address,address,uint256)", {Address{}, Address{}, uint256(1)})));
}

TEST(FoundryConsole, Decimals) {
    EXPECT_EQ(format_decimal(uint256(5), 3, false), "0.005");
    EXPECT_EQ(format_decimal(-uint256(1500), 3, true), "-1.500");
    EXPECT_EQ(format_decimal(uint256(42), 0, false), "42");
}

TEST(FoundryConsole, LineAsForgeLogEvent) {
    const evm::Log l = console_log_event("hi");
    EXPECT_EQ(l.address, kConsoleAddress);
    ASSERT_EQ(l.topics.size(), 1u);
    EXPECT_EQ(l.topics[0], abi::event_topic("log(string)"));
}

}  // namespace
}  // namespace suture::verify::foundry
