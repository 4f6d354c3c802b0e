#include "deploy/bytecode_link.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "deploy/fixture_artifacts.hpp"

namespace suture::deploy {
namespace {

using test::fixture_evm;

Address lib_addr() {
    Address a;
    for (size_t i = 0; i < 20; ++i) a.bytes[i] = uint8_t(0xa0 + i);
    return a;
}

TEST(BytecodeLink, WritesTheLibraryAddressAtEachReference) {
    const auto& evm = fixture_evm("Box.sol", "LinkedBoxV2");
    auto refs = parse_link_references(evm["bytecode"]["linkReferences"], "LinkedBoxV2.bytecode");
    ASSERT_TRUE(refs.ok()) << refs.error().message;
    ASSERT_EQ(refs->size(), 1u);
    EXPECT_EQ((*refs)[0].qualified(), "Box.sol:Tripler");

    for (std::string key : {"Box.sol:Tripler", "Tripler"}) {
        auto code = link_bytecode(evm["bytecode"]["object"].get<std::string>(), *refs, {{key, lib_addr()}});
        ASSERT_TRUE(code.ok()) << code.error().message;
        size_t at = (*refs)[0].start;
        const Address lib = lib_addr();
        EXPECT_TRUE(std::equal(lib.bytes.begin(), lib.bytes.end(), code->begin() + at));
        // PUSH20 precedes the address in the call sequence solc emits.
        EXPECT_EQ((*code)[at - 1], 0x73);
    }
}

TEST(BytecodeLink, RefusesAMissingLibraryNamingIt) {
    const auto& evm = fixture_evm("Box.sol", "LinkedBoxV2");
    auto refs = parse_link_references(evm["bytecode"]["linkReferences"], "LinkedBoxV2.bytecode");
    ASSERT_TRUE(refs.ok());
    auto code = link_bytecode(evm["bytecode"]["object"].get<std::string>(), *refs, {{"Other", lib_addr()}});
    ASSERT_FALSE(code.ok());
    EXPECT_NE(code.error().message.find("Box.sol:Tripler"), std::string::npos) << code.error().message;
}

TEST(BytecodeLink, RefusesPlaceholdersNoReferenceExplains) {
    const auto& evm = fixture_evm("Box.sol", "LinkedBoxV2");
    auto code = link_bytecode(evm["bytecode"]["object"].get<std::string>(), {}, {});
    ASSERT_FALSE(code.ok());
    EXPECT_NE(code.error().message.find("__$"), std::string::npos) << code.error().message;
}

TEST(BytecodeLink, UnlinkedCodePassesThrough) {
    const auto& evm = fixture_evm("Box.sol", "BoxV1");
    auto refs = parse_link_references(evm["bytecode"]["linkReferences"], "BoxV1.bytecode");
    ASSERT_TRUE(refs.ok());
    EXPECT_TRUE(refs->empty());
    auto code = link_bytecode(evm["bytecode"]["object"].get<std::string>(), *refs, {});
    ASSERT_TRUE(code.ok());
    EXPECT_EQ(to_hex(*code, false), evm["bytecode"]["object"].get<std::string>());
}

TEST(BytecodeLink, RejectsMalformedReferences) {
    auto j = nlohmann::json::parse(R"({"A.sol": {"L": [{"start": 3, "length": 19}]}})");
    auto r = parse_link_references(j, "A");
    ASSERT_FALSE(r.ok());
    EXPECT_NE(r.error().message.find("A.linkReferences[\"A.sol\"].L[0]"), std::string::npos) << r.error().message;
}

}  // namespace
}  // namespace suture::deploy
