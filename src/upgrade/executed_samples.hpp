// The values the executed checks pass to functions and use as mapping keys.
//
// Populating storage and reading it back must agree on keys: a getter called
// with `balanceOf(caller)` only sees what was stored under the key `caller`.
// So one SampleSet gives, per elementary ABI type, the few key values used for
// both. Arguments of calls the checks make without a better idea (initializers,
// constructors) are zero values, except addresses, which are the test caller
// (so `initialize(owner)` makes the caller the owner, and `require(x != 0)`
// checks on addresses pass).
#pragma once

#include <cstdint>
#include <vector>

#include "core/abi_type.hpp"
#include "core/abi_value.hpp"
#include "core/address.hpp"

namespace suture::upgrade {

struct SampleSet {
    Address caller;  // the scratch chain's test caller
    Address other;   // a second account, without code
    // bytes32 values read from the contracts' constant getters (role ids such as
    // UPGRADER_ROLE), used as extra bytes32 keys so AccessControl roles get granted.
    std::vector<Bytes32> words;
};

SampleSet make_samples(const Address& caller);

// The n-th (n >= 1) distinct address value stored into a variable for the
// storage read-back: 0xa0, eleven zero bytes, then n as 8 big-endian bytes
// (0xA000000000000000000000000000000000000001, ...). Recognisable in messages,
// never zero, never a precompile (those sit below 2^16), never the test caller
// or `other` (0x5c...), and not a scratch contract: a CREATE address is a
// keccak256 output, which matches this fixed 12-byte prefix with probability 2^-96.
Address distinct_address(uint64_t n);

// Zero value of `t`, with `caller` for every address (element-wise in arrays and tuples).
abi::AbiValue default_arg(const abi::AbiType& t, const Address& caller);
std::vector<abi::AbiValue> default_args(const std::vector<abi::AbiType>& types, const Address& caller);

// Key values for an elementary type (uintN, intN, address, bool, bytesN,
// string, bytes); one default value for any other type.
std::vector<abi::AbiValue> key_samples(const abi::AbiType& t, const SampleSet& s);

// Every combination of key samples for `inputs`, at most `limit` of them.
std::vector<std::vector<abi::AbiValue>> sample_argument_lists(const std::vector<abi::AbiType>& inputs,
                                                              const SampleSet& s, size_t limit);

}  // namespace suture::upgrade
