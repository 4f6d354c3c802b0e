// Helpers for the precompile test tables: run a published vector through
// run_precompile() and check output and gas exactly.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/hex.hpp"
#include "evm/precompiles.hpp"

namespace suture::evm::test {

struct Vector {
    const char* name;
    const char* input;     // hex, no prefix
    const char* expected;  // hex output; nullptr for an input the precompile must reject
    int64_t gas;           // exact cost
};

inline Address precompile_address(int n) {
    Address a;
    a.bytes[18] = uint8_t(n >> 8);
    a.bytes[19] = uint8_t(n);
    return a;
}

inline Bytes hex_bytes(const char* hex) {
    auto r = from_hex(hex);
    EXPECT_TRUE(r.ok()) << hex;
    return r.ok() ? *r : Bytes{};
}

inline ExecResult run(Revision rev, int addr, const Bytes& input, int64_t gas) {
    auto r = run_precompile(rev, precompile_address(addr), input, gas);
    EXPECT_TRUE(r.has_value());
    return r ? *r : ExecResult{};
}

// With exactly the cost: success (or failure), nothing left. With one gas
// less: out of gas. With spare gas: the spare comes back.
inline void check_vector(Revision rev, int addr, const Vector& v) {
    SCOPED_TRACE(v.name);
    const Bytes input = hex_bytes(v.input);
    const ExecResult exact = run(rev, addr, input, v.gas);
    if (v.expected == nullptr) {
        EXPECT_EQ(exact.status, StatusCode::precompile_failure);
        EXPECT_EQ(exact.gas_left, 0);
        EXPECT_TRUE(exact.output.empty());
    } else {
        EXPECT_EQ(exact.status, StatusCode::success);
        EXPECT_EQ(exact.gas_left, 0);
        EXPECT_EQ(to_hex(exact.output, false), std::string(v.expected));
        if (v.gas > 1'000'000) return;  // slow vectors: one run is enough
        const ExecResult spare = run(rev, addr, input, v.gas + 1000);
        EXPECT_EQ(spare.status, StatusCode::success);
        EXPECT_EQ(spare.gas_left, 1000);
    }
    if (v.gas > 0) {
        const ExecResult short_gas = run(rev, addr, input, v.gas - 1);
        EXPECT_EQ(short_gas.status, StatusCode::out_of_gas);
        EXPECT_EQ(short_gas.gas_left, 0);
    }
}

template <size_t N>
void check_vectors(Revision rev, int addr, const Vector (&table)[N]) {
    for (const auto& v : table) check_vector(rev, addr, v);
}

}  // namespace suture::evm::test
