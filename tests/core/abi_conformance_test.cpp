// ABI encoding against ethereum/tests ABITests (every case), read at run time.
#include <gtest/gtest.h>

#include <fstream>
#include <nlohmann/json.hpp>

#include "core/abi_decode.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "shared_dir.hpp"

namespace suture::abi {
namespace {

TEST(AbiTests, EveryCaseEncodesAndDecodes) {
    const auto file = test::shared_dir() / "ethereum-tests" / "ABITests" / "basic_abi_tests.json";
    if (!std::filesystem::exists(file))
        GTEST_SKIP() << "ABITests not found at " << file << " (set SUTURE_SHARED to the shared fixtures folder)";
    std::ifstream in(file);
    const nlohmann::json cases = nlohmann::json::parse(in);
    ASSERT_GE(cases.size(), 3u);
    for (const auto& [name, c] : cases.items()) {
        std::vector<AbiType> types;
        std::vector<AbiValue> values;
        for (size_t i = 0; i < c["types"].size(); ++i) {
            auto t = parse_type(c["types"][i].get<std::string>());
            ASSERT_TRUE(t.ok()) << name << ": " << t.error().message;
            auto v = value_from_json(*t, c["args"][i]);
            ASSERT_TRUE(v.ok()) << name << ": " << v.error().message;
            types.push_back(std::move(*t));
            values.push_back(std::move(*v));
        }
        auto enc = encode(types, values);
        ASSERT_TRUE(enc.ok()) << name << ": " << enc.error().message;
        EXPECT_EQ(to_hex(*enc, false), c["result"].get<std::string>()) << name;
        auto dec = decode(types, *enc);
        ASSERT_TRUE(dec.ok()) << name << ": " << dec.error().message;
        EXPECT_EQ(*dec, values) << name;
    }
}

}  // namespace
}  // namespace suture::abi
