#include "core/keccak.hpp"

#include <gtest/gtest.h>

#include <string>

#include "core/hex.hpp"

namespace suture {
namespace {

std::string hash_hex(BytesView data) { return to_hex(keccak256(data), false); }

struct Vector {
    const char* name;
    std::string input;
    const char* digest;
};

// Empty and "abc" are the values every Ethereum library publishes; the block
// boundary and 1 MiB vectors were computed with js-sha3 (node_modules), an
// independent implementation.
TEST(Keccak256, PublishedAndBoundaryVectors) {
    const Vector vectors[] = {
        {"empty", "", "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470"},
        {"abc", "abc", "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45"},
        {"fox", "The quick brown fox jumps over the lazy dog",
         "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15"},
        {"135 bytes (rate - 1: padding bytes 0x01 and 0x80 coincide)", std::string(135, 'a'),
         "34367dc248bbd832f4e3e69dfaac2f92638bd0bbd18f2912ba4ef454919cf446"},
        {"136 bytes (exactly one block: padding needs a second block)", std::string(136, 'a'),
         "a6c4d403279fe3e0af03729caada8374b5ca54d8065329a3ebcaeb4b60aa386e"},
        {"137 bytes", std::string(137, 'a'),
         "d869f639c7046b4929fc92a4d988a8b22c55fbadb802c0c66ebcd484f1915f39"},
        {"272 bytes (two blocks)", std::string(272, 'a'),
         "cf7fcd4f705ee749930d19ca84561a9bf62516bd90a471545fa2f49fdc7e63c8"},
        {"1 MiB of 'a'", std::string(1 << 20, 'a'),
         "f5f3e54ad3d703f8e9edfd7ce79341b1d9286a692fa6c13ff13ee6ea94dbf97d"},
    };
    for (const auto& v : vectors) EXPECT_EQ(hash_hex(as_view(v.input)), v.digest) << v.name;
}

TEST(Keccak256, OneMebibyteOfVaryingBytes) {
    Bytes data(1 << 20);
    for (size_t i = 0; i < data.size(); ++i) data[i] = static_cast<uint8_t>(i % 251);
    EXPECT_EQ(hash_hex(data), "2fd6b833d9e25ae8d7dda1c3ed07af04df131ce89010c888534d4e825e40e875");
}

TEST(Keccak256, StringOverloadMatchesBytes) {
    EXPECT_EQ(keccak256(std::string_view("transfer(address,uint256)")),
              keccak256(as_view("transfer(address,uint256)")));
    // ERC-20 transfer selector a9059cbb is the first four bytes.
    EXPECT_EQ(hash_hex(as_view("transfer(address,uint256)")).substr(0, 8), "a9059cbb");
}

// Keccak reference (KeccakF-1600-IntermediateValues.txt): the permutation of
// the all-zero state.
TEST(KeccakF1600, PermutationOfZeroState) {
    uint64_t state[25] = {};
    keccakf1600(state);
    EXPECT_EQ(state[0], 0xF1258F7940E1DDE7ull);
    EXPECT_EQ(state[1], 0x84D5CCF933C0478Aull);
    EXPECT_EQ(state[24], 0xEAF1FF7B5CECA249ull);
}

}  // namespace
}  // namespace suture
