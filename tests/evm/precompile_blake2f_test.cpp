// blake2f (0x09): the EIP-152 test vectors, input-format failures and gas;
// and BLAKE2b's compression function F on each path (scalar, AVX2, AVX-512)
// the CPU supports: the RFC 7693 and EIP-152 vectors, and agreement with the
// scalar path on pseudo-random inputs.
#include <gtest/gtest.h>

#include <random>

#include "evm/blake2b.hpp"
#include "evm/precompile_impl.hpp"
#include "precompile_test_util.hpp"

namespace suture::evm::test {
namespace {

// EIP-152 vector body after the 4-byte round count: h, m ("abc"), t = 3.
#define H_M_T "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b" \
    "6162630000000000000000000000000000000000000000000000000000000000" \
    "0000000000000000000000000000000000000000000000000000000000000000" \
    "0000000000000000000000000000000000000000000000000000000000000000" \
    "0000000000000000000000000000000000000000000000000000000000000000" \
    "03000000000000000000000000000000"

const Vector kVectors[] = {
    {"vector4_zero_rounds", "00000000" H_M_T "01",
     "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b9442be0454267ce079217e1319cde05b", 0},
    {"vector5_12_rounds", "0000000c" H_M_T "01",
     "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923", 12},
    {"vector6_not_final", "0000000c" H_M_T "00",
     "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e426ac4f2d3d666a610c2116fde4735", 12},
    {"vector7_one_round", "00000001" H_M_T "01",
     "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3d64fcc68c034e717b9293fed7a421", 1},
    {"vector8_8000000_rounds", "007a1200" H_M_T "01",
     "6d2ce9e534d50e18ff866ae92d70cceba79bbcd14c63819fe48752c8aca87a4bb7dcc230d22a4047f0486cfcfb50a17b24b2899eb8fca370f22240adb5170189", 8000000},
    // EIP-152 failure vectors: wrong length, bad final flag.
    {"empty_input", "", nullptr, 0},
    {"212_bytes", "0000000c" H_M_T, nullptr, 0},
    {"214_bytes", "0000000c" H_M_T "0100", nullptr, 0},
    {"final_flag_2", "0000000c" H_M_T "02", nullptr, 12},
};

TEST(PrecompileBlake2f, Vectors) {
    check_vectors(Revision::cancun, 9, kVectors);
}

TEST(PrecompileBlake2f, OnlyFromIstanbul) {
    EXPECT_FALSE(is_precompile(Revision::petersburg, precompile_address(9)));
    check_vector(Revision::istanbul, 9, kVectors[1]);
}

using precompile::Blake2bPath;

struct Compression {
    uint64_t h[8], m[16], t[2];
    bool final_block;
    uint32_t rounds;
};

uint64_t le64(const Bytes& b, size_t at) {
    uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | b[at + size_t(i)];
    return v;
}

// The F arguments of a 213-byte EIP-152 input.
Compression parse_input(const char* hex) {
    const Bytes in = hex_bytes(hex);
    EXPECT_EQ(in.size(), 213u);
    Compression c{};
    if (in.size() != 213) return c;
    c.rounds = uint32_t(le64(Bytes{in[3], in[2], in[1], in[0], 0, 0, 0, 0}, 0));
    for (size_t i = 0; i < 8; ++i) c.h[i] = le64(in, 4 + 8 * i);
    for (size_t i = 0; i < 16; ++i) c.m[i] = le64(in, 68 + 8 * i);
    for (size_t i = 0; i < 2; ++i) c.t[i] = le64(in, 196 + 8 * i);
    c.final_block = in[212] == 1;
    return c;
}

std::string h_hex(const uint64_t h[8]) {
    Bytes out;
    for (int i = 0; i < 8; ++i)
        for (int j = 0; j < 8; ++j) out.push_back(uint8_t(h[i] >> (8 * j)));
    return to_hex(out).substr(2);
}

class Blake2bPaths : public ::testing::TestWithParam<Blake2bPath> {
protected:
    void SetUp() override {
        if (!precompile::blake2b_path_supported(GetParam()))
            GTEST_SKIP() << "this CPU has no " << precompile::blake2b_path_name(GetParam());
    }
    void compress(Compression& c) const {
        precompile::blake2b_compress_on(GetParam(), c.h, c.m, c.t, c.final_block, c.rounds);
    }
};

// RFC 7693 appendix A: BLAKE2b-512("abc") is one final compression of the
// padded block with 12 rounds, from the IV with the parameter block
// (digest length 64, no key, fanout and depth 1) folded into h[0].
TEST_P(Blake2bPaths, Rfc7693Abc) {
    Compression c{};
    for (int i = 0; i < 8; ++i) c.h[i] = precompile::kBlake2bIV[i];
    c.h[0] ^= 0x01010040;
    c.m[0] = 0x636261;  // "abc", little-endian
    c.t[0] = 3;
    c.final_block = true;
    c.rounds = 12;
    compress(c);
    EXPECT_EQ(h_hex(c.h),
              "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d1"
              "7d87c5392aab792dc252d5de4533cc9518d38aa8dbf1925ab92386edd4009923");
}

// EIP-152 vectors 4-8 (0, 12, 12 not final, 1 and 8,000,000 rounds).
TEST_P(Blake2bPaths, Eip152Vectors) {
    for (const Vector& v : kVectors) {
        if (v.expected == nullptr) continue;
        SCOPED_TRACE(v.name);
        Compression c = parse_input(v.input);
        compress(c);
        EXPECT_EQ(h_hex(c.h), v.expected);
    }
}

// Every round count through two full schedule cycles (the vector paths
// gather the schedule per row and handle the rounds % 10 tail separately),
// and a few longer runs, on random state, message, counter and flag.
TEST_P(Blake2bPaths, AgreesWithScalar) {
    std::mt19937_64 rng(152);
    std::vector<uint32_t> counts;
    for (uint32_t r = 0; r <= 25; ++r) counts.push_back(r);
    for (uint32_t r : {99u, 100u, 101u, 1237u, 65536u}) counts.push_back(r);
    for (uint32_t rounds : counts) {
        SCOPED_TRACE("rounds " + std::to_string(rounds));
        Compression c{};
        for (auto& w : c.h) w = rng();
        for (auto& w : c.m) w = rng();
        for (auto& w : c.t) w = rng();
        c.final_block = rng() & 1;
        c.rounds = rounds;
        Compression expected = c;
        precompile::blake2b_compress_on(Blake2bPath::scalar, expected.h, expected.m, expected.t,
                                        expected.final_block, rounds);
        compress(c);
        EXPECT_EQ(h_hex(c.h), h_hex(expected.h));
    }
}

INSTANTIATE_TEST_SUITE_P(, Blake2bPaths,
                         ::testing::Values(Blake2bPath::scalar, Blake2bPath::avx2, Blake2bPath::avx512),
                         [](const auto& info) { return std::string(precompile::blake2b_path_name(info.param)); });

TEST(Blake2bBestPath, IsSupported) {
    EXPECT_TRUE(precompile::blake2b_path_supported(Blake2bPath::scalar));
    EXPECT_TRUE(precompile::blake2b_path_supported(precompile::blake2b_best_path()));
}

}  // namespace
}  // namespace suture::evm::test
