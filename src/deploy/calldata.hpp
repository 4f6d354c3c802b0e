// Call data from a Solidity signature written as text, for the fixed set of
// admin functions the routes call ("upgradeToAndCall(address,bytes)", ...).
#pragma once

#include <string_view>
#include <vector>

#include "core/abi_value.hpp"
#include "core/bytes.hpp"
#include "core/result.hpp"

namespace suture::deploy {

// selector(signature) ++ abi.encode(args); an error names the signature.
Result<Bytes> calldata(std::string_view signature, const std::vector<abi::AbiValue>& args);

// A bytes32 as an ABI value.
abi::AbiValue word_value(const Bytes32& w);

}  // namespace suture::deploy
