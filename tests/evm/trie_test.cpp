// Merkle-Patricia trie roots against every root case of ethereum/tests
// TrieTests (plain and secure tries, inserts with deletions, any order).
#include <gtest/gtest.h>

#include <fstream>
#include <map>
#include <nlohmann/json.hpp>

#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "ethereum_tests_dir.hpp"
#include "evm/trie.hpp"

namespace suture::evm {
namespace {

using nlohmann::json;

// The fixtures write a key or value as "0x"-hex, or else as raw text.
Bytes fixture_bytes(const json& j) {
    if (j.is_null()) return {};
    const std::string s = j.get<std::string>();
    if (s.rfind("0x", 0) == 0) {
        auto b = from_hex(s);
        EXPECT_TRUE(b.ok()) << s;
        return b.ok() ? *b : Bytes{};
    }
    return Bytes(s.begin(), s.end());
}

// Applies the fixture's operations in order (a null or empty value deletes)
// and returns the root.
Bytes32 root_of(const json& in, bool secure) {
    std::map<Bytes, Bytes> trie;
    auto put = [&](const json& k, const json& v) {
        Bytes key = fixture_bytes(k);
        if (secure) {
            const Bytes32 h = keccak256(key);
            key.assign(h.begin(), h.end());
        }
        Bytes value = fixture_bytes(v);
        if (value.empty())
            trie.erase(key);
        else
            trie[key] = std::move(value);
    };
    if (in.is_array())
        for (const auto& op : in) put(op[0], op[1]);
    else
        for (const auto& [k, v] : in.items()) put(json(k), v);
    return trie_root({trie.begin(), trie.end()});
}

TEST(Trie, EmptyRoot) { EXPECT_EQ(trie_root({}), kEmptyTrieRoot); }

TEST(Trie, EveryRootCaseOfTrieTests) {
    const auto dir = test::ethereum_tests_dir() / "TrieTests";
    if (!std::filesystem::exists(dir)) GTEST_SKIP() << "fixtures not found at " << dir;
    int cases = 0;
    for (const char* file : {"trietest.json", "trieanyorder.json", "trietest_secureTrie.json",
                             "trieanyorder_secureTrie.json", "hex_encoded_securetrie_test.json"}) {
        const bool secure = std::string(file).find("ecure") != std::string::npos;
        std::ifstream f(dir / file);
        ASSERT_TRUE(f) << file;
        const json tests = json::parse(f);
        for (const auto& [name, t] : tests.items()) {
            EXPECT_EQ(to_hex(root_of(t["in"], secure)), t["root"].get<std::string>()) << file << " " << name;
            ++cases;
        }
    }
    EXPECT_GE(cases, 25);
}

}  // namespace
}  // namespace suture::evm
