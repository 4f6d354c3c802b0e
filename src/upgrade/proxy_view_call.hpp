// Typed static calls through a ChainView, for inspection.
//
// Inspection asks many contracts questions they may not understand (owner()
// on a contract without an owner, facets() on a non-diamond). Such a call
// reverts, returns nothing, or returns bytes that do not decode: all of these
// mean "no answer" (nullopt). Only a failure to reach the chain is an error.
#pragma once

#include <optional>
#include <string_view>
#include <vector>

#include "core/abi_value.hpp"
#include "core/result.hpp"
#include "upgrade/proxy_chain_view.hpp"

namespace suture::upgrade {

// `signature` is human-readable with outputs, e.g. "owner()(address)" or
// "hasRole(bytes32,address)(bool)".
Result<std::optional<std::vector<abi::AbiValue>>> view_call(ChainView& view, const Address& to,
                                                            std::string_view signature,
                                                            const std::vector<abi::AbiValue>& args = {});

// Single-output conveniences.
Result<std::optional<Address>> view_address(ChainView& view, const Address& to, std::string_view signature,
                                            const std::vector<abi::AbiValue>& args = {});
Result<std::optional<uint256>> view_uint(ChainView& view, const Address& to, std::string_view signature,
                                         const std::vector<abi::AbiValue>& args = {});
Result<std::optional<bool>> view_bool(ChainView& view, const Address& to, std::string_view signature,
                                      const std::vector<abi::AbiValue>& args = {});
Result<std::optional<std::string>> view_string(ChainView& view, const Address& to, std::string_view signature,
                                               const std::vector<abi::AbiValue>& args = {});

}  // namespace suture::upgrade
