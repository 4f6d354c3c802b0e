// Bytes of a run put into words through the ABIs of the user's build: revert
// data, the function a selector calls, return data, an event. Shared by the
// gates that report what a call did (exploit, replay).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "core/abi_encode.hpp"
#include "core/abi_json.hpp"
#include "core/bytes.hpp"

namespace suture::verify {

using AbiList = std::vector<const abi::ContractAbi*>;

// The revert data decoded with the first ABI that declares its selector
// (Error(string), Panic(uint256), a custom error), else as far as it goes.
std::string describe_revert_data(BytesView data, const AbiList& abis);

// The first ABI's function with this selector.
const abi::AbiEntry* function_entry(const abi::Selector& selector, const AbiList& abis);
// Its canonical signature ("withdraw(uint256)"); empty when no ABI has it.
std::string function_of(const Bytes& selector, const AbiList& abis);
// The selector of calldata; nullopt when it is shorter than four bytes.
std::optional<abi::Selector> selector_of(BytesView calldata);

// Return data as the function's outputs ("100", "(1, 0xab..)"); hex when the
// function is unknown or the data does not decode; "nothing" when empty.
std::string describe_return_data(BytesView data, const abi::AbiEntry* function);

// A log as its event ("Transfer(0xab.., 0xcd.., 100)" from the first ABI
// declaring its topic), else its address, topics and data in hex.
std::string describe_log(const Address& address, const std::vector<Bytes32>& topics, BytesView data,
                         const AbiList& abis);

}  // namespace suture::verify
