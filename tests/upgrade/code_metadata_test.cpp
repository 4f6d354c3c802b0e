#include "upgrade/code_metadata.hpp"

#include <gtest/gtest.h>

#include "check_fixture.hpp"
#include "core/hex.hpp"

namespace suture::upgrade {
namespace {

Bytes hex(const std::string& h) { return *from_hex(h); }

TEST(CodeMetadata, SolcDefaultTrailer) {
    auto ref = solidity::find_contract(test::pairs_solc(), "pairs/layout_append.sol:V1");
    ASSERT_TRUE(ref.ok()) << ref.error().message;
    Bytes code = *from_hex(ref->contract->deployed_bytecode);
    auto m = parse_code_metadata(code);
    ASSERT_TRUE(m.has_value());
    // {"ipfs": <34-byte multihash>, "solc": 0x00081c}: 0x33 bytes of CBOR plus 2.
    EXPECT_EQ(m->length, 0x33u + 2);
    EXPECT_EQ(m->hash_kind, "ipfs");
    EXPECT_EQ(m->hash.size(), 34u);
    EXPECT_EQ(m->solc, "0.8.28");
    EXPECT_FALSE(m->experimental);
    EXPECT_EQ(metadata_length(code), m->length);
}

TEST(CodeMetadata, SolcOnlyAndExperimental) {
    // {"solc": 0x00081c} (bytecodeHash: none)
    auto solc_only = parse_code_metadata(hex("6001" "a164736f6c634300081c" "000a"));
    ASSERT_TRUE(solc_only.has_value());
    EXPECT_EQ(solc_only->length, 12u);
    EXPECT_EQ(solc_only->solc, "0.8.28");
    EXPECT_EQ(solc_only->hash_kind, "");
    // {"ipfs": h'abcd', "experimental": true}
    auto exp = parse_code_metadata(hex("00" "a2646970667342abcd6c6578706572696d656e74616cf5" "0017"));
    ASSERT_TRUE(exp.has_value());
    EXPECT_TRUE(exp->experimental);
    EXPECT_EQ(to_hex(exp->hash, false), "abcd");
    // Unknown keys with nested values are skipped: {"x": [1, {"y": 2}], "solc": "0.8.29-nightly"}
    auto nested = parse_code_metadata(hex("a261788201a1617902" "64736f6c636e302e382e32392d6e696768746c79" "001d"));
    ASSERT_TRUE(nested.has_value());
    EXPECT_EQ(nested->solc, "0.8.29-nightly");
}

TEST(CodeMetadata, RejectsWhatIsNotOneWellFormedMap) {
    const char* cases[] = {
        "",                        // no code
        "60",                      // one byte
        "6001",                    // length 0x6001 beyond the code
        "600160020000",            // length 0
        "81000002",                // an array, not a map
        "a00001",                  // an empty map
        "a163616263425bff000009",  // the map ends one byte before the declared length
        "a101020003",              // a key that is not text
        "bfff0002",                // indefinite length
        "a16361626345" "5bff0008",  // a byte string longer than what is left
        "a1636162637c0006",        // additional info 28 (reserved)
        "a16361626381818181818181818181000010",  // nesting deeper than any metadata
    };
    for (const char* c : cases) {
        EXPECT_FALSE(parse_code_metadata(hex(c)).has_value()) << c;
        EXPECT_EQ(metadata_length(hex(c)), 0u) << c;
    }
}

}  // namespace
}  // namespace suture::upgrade
