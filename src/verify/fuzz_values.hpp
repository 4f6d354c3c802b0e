// Arguments for the differential fuzzer (fuzz_run.hpp): values harvested from
// the code and the storage under test, mixed with foundry::FuzzInputs' random
// and boundary values, and the "simplest" value of a type for minimizing a
// reproducer. Deterministic for a seed.
#pragma once

#include <cstdint>
#include <random>
#include <unordered_set>
#include <vector>

#include "core/abi_type.hpp"
#include "core/abi_value.hpp"
#include "core/address.hpp"
#include "core/bytes.hpp"
#include "verify/foundry_fuzz.hpp"

namespace suture::verify {

// Constants worth trying: PUSH1..PUSH32 immediates of some code, storage
// words, arguments of historical calls, addresses (senders, the target,
// values that look like addresses).
struct ValuePool {
    std::vector<uint256> words;
    std::vector<Address> addresses;

    // Every PUSHn immediate of `code` (n >= 1), and each one plus and minus one
    // (the two sides of a boundary the code compares against). Skips
    // duplicates; stops at `limit` words.
    void harvest_code(BytesView code, size_t limit = 4096);
    // A storage word: as a number, and as an address when it fits in 160 bits.
    void add_word(const uint256& w);
    // A word as a number only (an amount: never an address).
    void add_number(const uint256& w);
    void add_address(const Address& a);
    // The 32-byte argument words of a call's calldata (after its selector; a
    // short last word is padded with zeros on the right, as CALLDATALOAD
    // reads it). A word that fits in 160 bits and has bits above 128 (an
    // address, not an amount) is an address too. Skips duplicates; stops at
    // `limit` words.
    void harvest_calldata(BytesView calldata, size_t limit = 8192);

private:
    std::unordered_set<uint256, Uint256Hash> seen_;
};

class FuzzValues {
public:
    FuzzValues(uint64_t seed, const ValuePool& pool) : random_(seed), rng_(seed ^ 0x9e3779b97f4a7c15ull), pool_(pool) {}

    abi::AbiValue value(const abi::AbiType& type);
    std::vector<abi::AbiValue> values(const std::vector<abi::AbiType>& types);
    uint64_t below(uint64_t n) { return n ? rng_() % n : 0; }

private:
    foundry::FuzzInputs random_;
    std::mt19937_64 rng_;
    const ValuePool& pool_;
};

// The simplest value of a type (0, false, the zero address, empty, arrays of
// simplest elements); what a minimized reproducer tries first.
abi::AbiValue simplest_value(const abi::AbiType& type);

}  // namespace suture::verify
