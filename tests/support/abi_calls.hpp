// Calldata and constructor arguments for tests that deploy fixtures into an
// in-process state (encoding errors fail the test at the call).
#pragma once

#include <gtest/gtest.h>

#include <string>
#include <string_view>
#include <vector>

#include "core/abi_encode.hpp"

namespace suture::testing {

inline Bytes concat(Bytes a, const Bytes& b) {
    a.insert(a.end(), b.begin(), b.end());
    return a;
}

// encode_call of a signature such as "deposit(uint256)".
inline Bytes call_data(std::string_view sig, const std::vector<abi::AbiValue>& args = {}) {
    auto s = abi::parse_signature(sig);
    EXPECT_TRUE(s.ok()) << sig;
    if (!s) return {};
    auto d = abi::encode_call(s.value(), args);
    EXPECT_TRUE(d.ok()) << sig;
    return d ? d.value() : Bytes{};
}

// abi.encode of values of the given types (constructor arguments).
inline Bytes encode_args(const std::vector<std::string>& types, const std::vector<abi::AbiValue>& values) {
    std::vector<abi::AbiType> ts;
    for (const auto& t : types) ts.push_back(abi::parse_type(t).value());
    auto e = abi::encode(ts, values);
    EXPECT_TRUE(e.ok());
    return e ? e.value() : Bytes{};
}

}  // namespace suture::testing
