// 0x0a KZG point evaluation (EIP-4844) on the consensus-spec verify_kzg_proof
// vectors as ethereum/tests ships them
// (Pyspecs/cancun/eip4844_blobs/point_evaluation_precompile_external_vectors.json),
// plus the input checks the EIP lists. The whole vector set runs through
// the evm_statetest conformance test and scripts/bls12-381-oracle.mjs.
#include <string>

#include "precompile_test_util.hpp"

namespace suture::evm::test {
namespace {

constexpr int kPointEvaluation = 0x0a;
constexpr int64_t kGas = 50000;

// FIELD_ELEMENTS_PER_BLOB (4096) and BLS_MODULUS as 32-byte words.
constexpr const char* kSuccessOutput =
    "0000000000000000000000000000000000000000000000000000000000001000"
    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000001";

// verify_kzg_proof_case_correct_proof_1ce8e4f69d5df899: z = r - 1, y = 0.
constexpr const char* kCorrect1ce8 =
    "01ad7666ef9d8f53b5adf54f029b13b6f171b1d0bd346a2ede315d3e243484ef"
    "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "93efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878d97b05f5c8d900acf1fbbbca6f146556"
    "92c51ff81dd71dab71cefecd79e8274b4b7ba36a0f40e2dc086bc4061c7f63249877db23297212991fd63e07b7ebc348";
// verify_kzg_proof_case_correct_proof_26b753dec0560daa: z = 0.
constexpr const char* kCorrect26b7 =
    "01ad7666ef9d8f53b5adf54f029b13b6f171b1d0bd346a2ede315d3e243484ef"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "73e66878b46ae3705eb6a46a89213de7d3686828bfce5c19400fffff00100001"
    "93efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878d97b05f5c8d900acf1fbbbca6f146556"
    "b82ded761997f2c6f1bb3db1e1dada2ef06d936551667c82f659b75f99d2da2068b81340823ee4e829a93c9fbed7810d";
// verify_kzg_proof_case_correct_proof_02e696ada7d4631d: the zero polynomial
// (commitment and proof at infinity), z = 2, y = 0.
constexpr const char* kCorrectInfinity =
    "010657f37554c781402a22917dee2f75def7ab966d7b770905398eba3c444014"
    "0000000000000000000000000000000000000000000000000000000000000002"
    "0000000000000000000000000000000000000000000000000000000000000000"
    "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
    "c00000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000";

ExecResult call(const Bytes& input, int64_t gas = kGas) {
    return run(Revision::cancun, kPointEvaluation, input, gas);
}

TEST(PointEvaluation, CorrectProofsSucceedWithTheBlobConstants) {
    for (const char* v : {kCorrect1ce8, kCorrect26b7, kCorrectInfinity}) {
        const ExecResult r = call(hex_bytes(v), kGas + 7);
        EXPECT_EQ(r.status, StatusCode::success) << v;
        EXPECT_EQ(r.gas_left, 7);
        EXPECT_EQ(to_hex(r.output, false), kSuccessOutput);
    }
}

TEST(PointEvaluation, ExactlyTheGasCost) {
    EXPECT_EQ(call(hex_bytes(kCorrect1ce8), kGas).status, StatusCode::success);
    EXPECT_EQ(call(hex_bytes(kCorrect1ce8), kGas - 1).status, StatusCode::out_of_gas);
}

TEST(PointEvaluation, NotBeforeCancun) {
    EXPECT_FALSE(run_precompile(Revision::shanghai, precompile_address(kPointEvaluation), hex_bytes(kCorrect1ce8),
                                kGas)
                     .has_value());
}

TEST(PointEvaluation, InvalidInputsFail) {
    const Bytes good = hex_bytes(kCorrect1ce8);
    auto fails = [](const Bytes& input, const char* what) {
        const ExecResult r = call(input);
        EXPECT_EQ(r.status, StatusCode::precompile_failure) << what;
        EXPECT_EQ(r.gas_left, 0) << what;
        EXPECT_TRUE(r.output.empty()) << what;
    };
    Bytes b = good;
    b[95] = 1;  // y = 1: a wrong evaluation
    fails(b, "wrong y");
    b = good;
    b[0] = 0x02;  // versioned hash version
    fails(b, "version byte");
    b = good;
    b[31] ^= 1;
    fails(b, "versioned hash");
    b = good;
    b[63] = 0x01;  // z = r
    fails(b, "z = r");
    b = hex_bytes(kCorrect26b7);
    for (int i = 64; i < 96; ++i) b[i] = 0xff;  // y above r
    fails(b, "y >= r");
    b = good;
    b[144] &= 0x7f;  // proof without the compression flag
    fails(b, "uncompressed flag");
    b = good;
    b.push_back(0);
    fails(b, "193 bytes");
    b = good;
    b.pop_back();
    fails(b, "191 bytes");
    fails(Bytes(192, 0), "zeros");
    fails(Bytes{}, "empty");
}

}  // namespace
}  // namespace suture::evm::test
