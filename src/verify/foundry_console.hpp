// What a Foundry test prints: console.log calls (to the console address, any
// of forge-std's overloads) and DSTest's log_* events, as forge renders them.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "core/bytes.hpp"
#include "evm/state.hpp"

namespace suture::verify::foundry {

// The line one console.log call prints, decoded by its selector (forge-std's
// and Hardhat's `uint`/`int` spellings); a first string argument is a format
// string (%s %d %i %x %%). nullopt for calldata that is no console.log overload.
std::optional<std::string> format_console_call(BytesView calldata);

// The line a DSTest event prints (log, log_string, log_named_uint,
// log_named_decimal_uint, log_array, ...); nullopt for any other event.
std::optional<std::string> format_ds_log(const evm::Log& log);

// A console.log line as forge records it among a test's logs: a
// `log(string)` event of the console address.
evm::Log console_log_event(const std::string& text);

// "1.500000000000000000": an integer with `decimals` digits after the point
// (two's complement `value` printed signed when `is_signed`).
std::string format_decimal(const uint256& value, unsigned decimals, bool is_signed);

}  // namespace suture::verify::foundry
