// The claim strategy's Merkle tree against OpenZeppelin's StandardMerkleTree:
// a vector computed with @openzeppelin/merkle-tree 1.0.8, and random
// snapshots of thousands of leaves compared root and proof by proof with the
// JS library itself (scripts/merkle-oracle.mjs; skipped without node or the
// package).
#include <gtest/gtest.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <random>

#include <unistd.h>

#include <nlohmann/json.hpp>

#include "core/abi_type.hpp"
#include "core/hex.hpp"
#include "verify/merkle_tree.hpp"

namespace suture::verify {
namespace {

std::vector<abi::AbiType> address_amount() {
    return {abi::parse_type("address").value(), abi::parse_type("uint256").value()};
}

Bytes32 leaf_of(const std::string& addr, uint256 amount) {
    auto types = address_amount();
    auto a = parse_address(addr).value();
    return standard_leaf_hash(types, {abi::AbiValue(a), abi::AbiValue(amount)}).value();
}

TEST(MerkleTree, MatchesOpenZeppelinVector) {
    // StandardMerkleTree.of([[0x11..11, "5"], [0x22..22, "2500000000000000000"]], ["address","uint256"])
    auto t = MerkleTree::build({leaf_of("0x1111111111111111111111111111111111111111", uint256(5)),
                                leaf_of("0x2222222222222222222222222222222222222222",
                                        uint256(2'500'000'000'000'000'000ULL))})
                 .value();
    EXPECT_EQ(to_hex(t.root()), "0x824f9cae78ade38afeba197a59efe4ce7c2e7fab8ad35fcb7a45966657f46616");
    ASSERT_EQ(t.proof(0).size(), 1u);
    EXPECT_EQ(to_hex(t.proof(0)[0]), "0xb92c48e9d7abe27fd8dfd6b5dfdbfb1c9a463f80c712b66f3a5180a090cccafc");
    EXPECT_TRUE(verify_proof(t.root(), t.leaf(0), t.proof(0)));
    EXPECT_TRUE(verify_proof(t.root(), t.leaf(1), t.proof(1)));
    EXPECT_FALSE(verify_proof(t.root(), t.leaf(1), t.proof(0)));
}

TEST(MerkleTree, OneLeafIsTheRootAndNoLeavesIsAnError) {
    auto l = leaf_of("0x1111111111111111111111111111111111111111", uint256(1));
    auto t = MerkleTree::build({l}).value();
    EXPECT_EQ(t.root(), l);
    EXPECT_TRUE(t.proof(0).empty());
    EXPECT_FALSE(MerkleTree::build({}).ok());
}

TEST(MerkleTree, RandomSnapshotsMatchTheJsLibrary) {
    const std::filesystem::path src = SUTURE_SOURCE_DIR;
    if (!std::filesystem::exists(src / "node_modules/@openzeppelin/merkle-tree"))
        GTEST_SKIP() << "@openzeppelin/merkle-tree not installed (npm ci)";
    const auto dir = std::filesystem::temp_directory_path() /
                     ("suture-merkle-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    std::mt19937_64 rng(16);
    // Sizes around powers of two (unbalanced last level) and thousands of leaves.
    for (size_t n : {2u, 3u, 7u, 8u, 9u, 1000u, 4097u}) {
        nlohmann::json in = {{"types", {"address", "uint256", "uint256"}}, {"values", nlohmann::json::array()}};
        std::vector<Bytes32> leaves;
        auto types = address_amount();
        types.push_back(types[1]);
        for (size_t i = 0; i < n; ++i) {
            Address a;
            for (auto& b : a.bytes) b = static_cast<uint8_t>(rng());
            uint256 amount = uint256(rng()) << 64 | uint256(rng());
            uint256 id(i % 5);  // repeated values: equal tuples differ only by the other fields
            in["values"].push_back({to_checksum(a), amount.to_dec(), id.to_dec()});
            leaves.push_back(standard_leaf_hash(types, {abi::AbiValue(a), abi::AbiValue(amount), abi::AbiValue(id)}).value());
        }
        std::ofstream(dir / "in.json") << in.dump();
        const std::string cmd = "node " + (src / "scripts/merkle-oracle.mjs").string() + " " +
                                (dir / "in.json").string() + " " + (dir / "out.json").string();
        ASSERT_EQ(std::system(cmd.c_str()), 0) << cmd;
        auto out = nlohmann::json::parse(std::ifstream(dir / "out.json"));
        auto t = MerkleTree::build(leaves).value();
        ASSERT_EQ(to_hex(t.root()), out["root"].get<std::string>()) << n << " leaves";
        for (size_t i = 0; i < n; ++i) {
            auto p = t.proof(i);
            const auto& want = out["proofs"][i];
            ASSERT_EQ(p.size(), want.size()) << "leaf " << i << " of " << n;
            for (size_t k = 0; k < p.size(); ++k) ASSERT_EQ(to_hex(p[k]), want[k].get<std::string>()) << "leaf " << i;
            ASSERT_TRUE(verify_proof(t.root(), t.leaf(i), p));
        }
    }
    std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace suture::verify
