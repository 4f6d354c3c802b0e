// A test suite over one compiled fixture build: loaded once for the suite,
// its contracts found by name. `Path` is the build's file (a constexpr char
// array at namespace scope of the test).
#pragma once

#include <gtest/gtest.h>

#include <string_view>

#include "core/hex.hpp"
#include "solidity/load.hpp"

namespace suture::testing {

template <const char* Path>
class BuildSuite : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        auto set = solidity::load_build(Path);
        ASSERT_TRUE(set.ok()) << set.error().message;
        builds_ = new solidity::BuildSet(std::move(set.value()));
    }
    static void TearDownTestSuite() {
        delete builds_;
        builds_ = nullptr;
    }

    static const solidity::Contract& contract(std::string_view name) {
        auto c = solidity::find_contract(*builds_, name);
        EXPECT_TRUE(c.ok()) << name;
        return *c.value().contract;
    }
    static Bytes initcode(std::string_view name) { return from_hex(contract(name).bytecode).value(); }

    static inline solidity::BuildSet* builds_ = nullptr;
};

}  // namespace suture::testing
