// Inputs for Foundry fuzz tests (test functions with parameters): random ABI
// values with a bias towards edge cases (0, 1, the type's maximum, small
// numbers), deterministic for a given seed.
#pragma once

#include <cstdint>
#include <random>
#include <vector>

#include "core/abi_type.hpp"
#include "core/abi_value.hpp"

namespace suture::verify::foundry {

class FuzzInputs {
public:
    explicit FuzzInputs(uint64_t seed) : rng_(seed) {}
    abi::AbiValue value(const abi::AbiType& type, int depth = 0);
    std::vector<abi::AbiValue> values(const std::vector<abi::AbiType>& types);

private:
    uint256 integer(unsigned bits, bool is_signed);
    uint64_t below(uint64_t n) { return n ? rng_() % n : 0; }
    std::mt19937_64 rng_;
};

}  // namespace suture::verify::foundry
