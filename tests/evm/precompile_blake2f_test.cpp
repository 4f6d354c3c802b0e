// blake2f (0x09): the EIP-152 test vectors, input-format failures and gas.
#include <gtest/gtest.h>

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

}  // namespace
}  // namespace suture::evm::test
