// modexp (0x05): EIP-198/EIP-2565 vectors, edge cases of the input format,
// and the gas rules of Byzantium, Berlin and Osaka.
#include <gtest/gtest.h>

#include <cstdio>
#include <cstring>
#include <string>

#include "precompile_test_util.hpp"

namespace suture::evm::test {
namespace {

#define W(n) "00000000000000000000000000000000000000000000000000000000000000" n  // one-byte length word
#define HDR(b, e, m) W(b) W(e) W(m)
#define EIP_EXAMPLE1 HDR("01", "20", "20") "03" \
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e" \
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"
#define EIP_EXAMPLE2 HDR("00", "20", "20") \
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e" \
    "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f"
#define NAGY1_BASE "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ede6710a6b7ac27078a06d90ef1c72e5c85fb5"
#define NAGY1_MOD "fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bce98f3553768f392a80ce22bf5c4f4a248c6b"
#define NAGY1_SQUARE HDR("40", "01", "40") NAGY1_BASE "02" NAGY1_MOD
#define NAGY1_QUBE HDR("40", "01", "40") NAGY1_BASE "03" NAGY1_MOD
#define NAGY1_F4 HDR("40", "03", "40") NAGY1_BASE "010001" NAGY1_MOD
#define NAGY1_SQUARE_OUT "60008f1614cc01dcfb6bfb09c625cf90b47d4468db81b5f8b7a39d42f332eab9b2da8f2d95311648a8f243f4bb13cfb3d8f7f2a3c014122ebb3ed41b02783adc"
#define NAGY1_QUBE_OUT "4834a46ba565db27903b1c720c9d593e84e4cbd6ad2e64b31885d944f68cd801f92225a8961c952ddf2797fa4701b330c85c4b363798100b921a1a22a46a7fec"
#define NAGY1_F4_OUT "c36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b8409128a5573e416d0ebe38f5f736766d9dc27143e4da981dfa4d67f7dc474cbee6d2"
#define ONE32 "0000000000000000000000000000000000000000000000000000000000000001"
#define ZERO32 "0000000000000000000000000000000000000000000000000000000000000000"
// A length word of 2^255 and one of 2^64.
#define HUGE "8000000000000000000000000000000000000000000000000000000000000000"
#define BIG64 "0000000000000000000000000000000000000000000000010000000000000000"

// Gas values: EIP-2565 (Berlin) from the published vectors; EIP-198
// (Byzantium) computed by its formula, e.g. example 1: 32^2 · 255 / 20 = 13056.
TEST(PrecompileModexp, BerlinVectors) {
    const Vector v[] = {
        {"eip_example1", EIP_EXAMPLE1, ONE32, 1360},
        {"eip_example2", EIP_EXAMPLE2, ZERO32, 1360},
        {"nagydani_1_square", NAGY1_SQUARE, NAGY1_SQUARE_OUT, 200},
        {"nagydani_1_qube", NAGY1_QUBE, NAGY1_QUBE_OUT, 200},
        {"nagydani_1_pow0x10001", NAGY1_F4, NAGY1_F4_OUT, 341},
    };
    check_vectors(Revision::berlin, 5, v);
    check_vectors(Revision::cancun, 5, v);
}

TEST(PrecompileModexp, ByzantiumGas) {
    const Vector v[] = {
        {"eip_example1", EIP_EXAMPLE1, ONE32, 13056},
        {"nagydani_1_square", NAGY1_SQUARE, NAGY1_SQUARE_OUT, 204},        // 64^2 · 1 / 20
        {"nagydani_1_pow0x10001", NAGY1_F4, NAGY1_F4_OUT, 3276},          // 64^2 · 16 / 20
        {"all_empty", "", "", 0},
    };
    check_vectors(Revision::byzantium, 5, v);
    check_vectors(Revision::istanbul, 5, v);
}

// EIP-7883 (Osaka): max(500, complexity · iterations), complexity 16 up to 32 bytes.
TEST(PrecompileModexp, OsakaGasAndBounds) {
    check_vector(Revision::osaka, 5, {"eip_example1", EIP_EXAMPLE1, ONE32, 4080});      // 16 · 255
    check_vector(Revision::osaka, 5, {"nagydani_1_square", NAGY1_SQUARE, NAGY1_SQUARE_OUT, 500});  // 2·8^2 = 128
    check_vector(Revision::osaka, 5, {"nagydani_1_pow0x10001", NAGY1_F4, NAGY1_F4_OUT, 2048});     // 128 · 16
    // EIP-7823: a length above 1024 bytes is invalid.
    const Bytes too_long = hex_bytes("0000000000000000000000000000000000000000000000000000000000000401" ZERO32 ONE32);
    EXPECT_EQ(run(Revision::osaka, 5, too_long, 10'000'000).status, StatusCode::out_of_gas);
    EXPECT_EQ(run(Revision::cancun, 5, too_long, 10'000'000).status, StatusCode::success);
}

// EIP-7883's published gas for the nagydani shapes (base and modulus of 64,
// 128, 256 and 512 bytes; exponent 2 or 0x10001): 2·words^2 · iterations.
// The gas depends only on the lengths and the exponent's head, so the
// operands here are zeros of those lengths.
TEST(PrecompileModexp, OsakaGasOfTheEip7883Vectors) {
    struct Case {
        int len;
        const char* exponent;
        int64_t gas;
    };
    const Case cases[] = {{64, "02", 500},    {64, "010001", 2048},  {128, "02", 512},    {128, "010001", 8192},
                          {256, "02", 2048},  {256, "010001", 32768}, {512, "02", 8192},  {512, "010001", 131072},
                          {1024, "02", 32768}};
    for (const auto& c : cases) {
        char header[3 * 64 + 1];
        const size_t exp_len = std::strlen(c.exponent) / 2;
        std::snprintf(header, sizeof header, "%064x%064zx%064x", c.len, exp_len, c.len);
        const Bytes input = hex_bytes((std::string(header) + std::string(2 * c.len, '1') + c.exponent +
                                       std::string(2 * c.len - 1, '0') + "7").c_str());
        SCOPED_TRACE(std::to_string(c.len) + " bytes, exponent " + c.exponent);
        EXPECT_EQ(run(Revision::osaka, 5, input, c.gas).status, StatusCode::success);
        EXPECT_EQ(run(Revision::osaka, 5, input, c.gas - 1).status, StatusCode::out_of_gas);
    }
}

TEST(PrecompileModexp, EdgeCases) {
    const Vector v[] = {
        // A zero modulus gives zeros of the modulus length.
        {"zero_modulus", HDR("01", "01", "01") "020300", "00", 200},
        {"modulus_one", HDR("01", "01", "01") "020301", "00", 200},
        {"zero_to_the_zero", HDR("01", "01", "01") "000005", "01", 200},
        {"zero_exponent_length", HDR("01", "00", "01") "0305", "01", 200},
        // Past the end of the input everything reads as zero: exponent 0, modulus 0.
        {"truncated_input", HDR("01", "01", "01") "02", "00", 200},
        // A two-byte exponent: 3^0x0100 mod 7 = 4.
        {"two_byte_exponent", HDR("01", "02", "01") "030100" "07", "04", 200},
        // The exponent's missing low byte reads as zero: 3^0x0100 mod 0 = 0 (modulus also missing).
        {"truncated_exponent", HDR("01", "02", "01") "0301", "00", 200},
        {"output_left_padded", HDR("01", "01", "04") "0202" "00000100", "00000004", 200},
        {"base_longer_than_modulus", HDR("04", "01", "01") "01000001" "01" "05", "02", 200},
        // Zero base and modulus lengths with a huge exponent length: nothing to
        // compute, EIP-2565 minimum price.
        {"huge_exponent_length_empty_modulus", W("00") HUGE W("00"), "", 200},
    };
    check_vectors(Revision::cancun, 5, v);
    // A huge base length is unaffordable whatever the gas (and allocates nothing).
    for (const char* input : {HUGE W("00") W("00"), BIG64 W("01") W("01"), W("01") W("01") BIG64,
                              W("01") HUGE W("01") "02"}) {
        for (Revision rev : {Revision::byzantium, Revision::berlin, Revision::osaka}) {
            const ExecResult r = run(rev, 5, hex_bytes(input), INT64_MAX);
            EXPECT_EQ(r.status, StatusCode::out_of_gas) << input;
            EXPECT_EQ(r.gas_left, 0);
        }
    }
    // EIP-198: the empty-modulus case with a huge exponent costs nothing before Berlin.
    check_vector(Revision::byzantium, 5, {"huge_exponent_length_empty_modulus", W("00") HUGE W("00"), "", 0});
}

// Exponents longer than 32 bytes: 8 iterations per extra byte plus the bit
// length of the first 32 bytes.
TEST(PrecompileModexp, LongExponentGas) {
    // Base 2, exponent 2^256 (33 bytes: 0x01 then zeros, so the first 32
    // bytes have bit 248 set), modulus 5: 2^(2^256) mod 5 = 1.
    const char* input = HDR("01", "21", "01") "02" "01" ZERO32 "05";
    // Berlin: words 1, iterations 8·1 + 248 = 256, max(200, 256/3) = 200.
    check_vector(Revision::berlin, 5, {"long_exp_berlin", input, "01", 200});
    // Byzantium: 1 · 256 / 20 = 12.
    check_vector(Revision::byzantium, 5, {"long_exp_byzantium", input, "01", 12});
    // Osaka: 16 · (16·1 + 248) = 4224.
    check_vector(Revision::osaka, 5, {"long_exp_osaka", input, "01", 4224});
    // Byzantium with a 64-byte modulus: 64^2 · 256 / 20 = 52428.
    check_vector(Revision::byzantium, 5, {"long_exp_64_byte_modulus",
        HDR("01", "21", "40") "02" "01" ZERO32 ZERO32 "0000000000000000000000000000000000000000000000000000000000000005",
        ZERO32 "0000000000000000000000000000000000000000000000000000000000000001", 52428});
}

}  // namespace
}  // namespace suture::evm::test
