// The fixed addresses and values of a Foundry test run, as forge 1.7.1 sets
// them (measured with console.log in a test: see tests/verify/).
#pragma once

#include <string_view>

#include "core/address.hpp"
#include "core/hex.hpp"
#include "core/uint256.hpp"

namespace suture::verify::foundry {

// 40 hex digits (no 0x) known at compile time.
constexpr Address address_literal(std::string_view hex40) {
    Address a;
    for (size_t i = 0; i < 20; ++i)
        a.bytes[i] = uint8_t(hex_digit(hex40[2 * i]) * 16 + hex_digit(hex40[2 * i + 1]));
    return a;
}

// forge-std's Vm: address(uint160(uint256(keccak256("hevm cheat code")))).
inline constexpr Address kCheatcodeAddress = address_literal("7109709ECfa91a80626fF3989D68f67F5b1DD12D");
// Hardhat's console.log address, which forge-std's console also calls.
inline constexpr Address kConsoleAddress = address_literal("000000000000000000636F6e736F6c652e6c6f67");
// The account that deploys the test contract and calls setUp() and the tests.
inline constexpr Address kDefaultSender = address_literal("1804c8AB1F12E6bbf3894d4083f33e07309d1f38");
// Where the test contract lands: CREATE of the sender at nonce 1.
inline constexpr Address kTestAddress = address_literal("7FA9385bE102ac3EAc297483Dd6233D62b3e1496");
// Balance of the sender and of the test contract: 2^96 - 1.
inline const uint256 kInitialBalance = (uint256(1) << 96) - uint256(1);
// Block gas limit and the gas of each test call: 2^30.
inline constexpr int64_t kTestGasLimit = int64_t(1) << 30;
inline constexpr uint64_t kDefaultChainId = 31337;

}  // namespace suture::verify::foundry
