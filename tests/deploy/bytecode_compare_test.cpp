#include "deploy/bytecode_compare.hpp"

#include <gtest/gtest.h>

#include "core/hex.hpp"
#include "deploy/fixture_artifacts.hpp"

namespace suture::deploy {
namespace {

using test::fixture_evm;

struct Runtime {
    Bytes code;
    std::vector<ImmutableReference> immutables;
};

Runtime runtime_of(const std::string& name) {
    const auto& d = fixture_evm("Box.sol", name)["deployedBytecode"];
    Runtime r;
    r.code = *from_hex(d["object"].get<std::string>());
    r.immutables = *parse_immutable_references(d["immutableReferences"], name);
    return r;
}

// What deployment makes of the artifact: immutables written (each id its own
// value) and, optionally, different metadata (another source path, say).
Bytes as_deployed(const Runtime& r, bool other_metadata) {
    Bytes code = r.code;
    for (const auto& ref : r.immutables)
        for (size_t i = 0; i < ref.length; ++i) code[ref.start + i] = uint8_t(ref.id.size() + i);
    if (other_metadata) {
        size_t meta = metadata_length(code);
        EXPECT_GT(meta, 0u);
        code[code.size() - meta + 10] ^= 0xff;  // inside the ipfs hash
    }
    return code;
}

TEST(BytecodeCompare, SolcMetadataIsFound) {
    auto r = runtime_of("UupsBoxV2");
    size_t meta = metadata_length(r.code);
    ASSERT_GT(meta, 40u);
    EXPECT_EQ(r.code[r.code.size() - meta], 0xa2);  // {"ipfs": ..., "solc": ...}
    EXPECT_EQ(metadata_length(*from_hex("0x6001")), 0u);
}

TEST(BytecodeCompare, EqualWithImmutablesFilledAndMetadataIgnored) {
    auto r = runtime_of("UupsBoxV2");
    ASSERT_EQ(r.immutables.size(), 5u);
    auto m = compare_runtime_code(as_deployed(r, true), r.code, r.immutables);
    EXPECT_TRUE(m.equal) << m.detail;
    EXPECT_TRUE(m.metadata_differs);
    auto same = compare_runtime_code(as_deployed(r, false), r.code, r.immutables);
    EXPECT_TRUE(same.equal) << same.detail;
    EXPECT_FALSE(same.metadata_differs);
}

TEST(BytecodeCompare, AnImmutableMustHoldOneValue) {
    auto r = runtime_of("UupsBoxV2");
    Bytes chain = as_deployed(r, false);
    chain[r.immutables[1].start + 31] ^= 1;  // second position of the first immutable
    auto m = compare_runtime_code(chain, r.code, r.immutables);
    EXPECT_FALSE(m.equal);
    EXPECT_NE(m.detail.find("immutable"), std::string::npos) << m.detail;
}

TEST(BytecodeCompare, OtherCodeDiffersAtTheRightByte) {
    auto v2 = runtime_of("UupsBoxV2");
    Bytes chain = as_deployed(v2, false);
    chain[100] ^= 0x01;
    auto m = compare_runtime_code(chain, v2.code, v2.immutables);
    EXPECT_FALSE(m.equal);
    ASSERT_TRUE(m.first_difference.has_value());
    EXPECT_EQ(*m.first_difference, 100u);

    auto v1 = runtime_of("UupsBoxV1");
    auto w = compare_runtime_code(as_deployed(v1, false), v2.code, v2.immutables);
    EXPECT_FALSE(w.equal);
    EXPECT_FALSE(compare_runtime_code({}, v2.code, v2.immutables).equal);
}

TEST(BytecodeCompare, LibraryCallProtectionAddress) {
    const auto& d = fixture_evm("Box.sol", "Tripler")["deployedBytecode"];
    Bytes art = *from_hex(d["object"].get<std::string>());
    Address at;
    at.bytes.fill(0x42);
    Bytes chain = art;
    std::copy(at.bytes.begin(), at.bytes.end(), chain.begin() + 1);
    EXPECT_TRUE(compare_runtime_code(chain, art, {}, at).equal);
    EXPECT_FALSE(compare_runtime_code(chain, art, {}).equal);
}

}  // namespace
}  // namespace suture::deploy
