// 0x0100 P256VERIFY (EIP-7951, Osaka) on vectors from the EIP's
// assets/eip-7951/test-vectors.json (Wycheproof ecdsa_secp256r1_sha256_p1363)
// and the RIP-7212 example, plus the input checks the EIP lists. Random
// signatures against @noble/curves run in the p256_oracle test.
#include <string>

#include "precompile_test_util.hpp"

namespace suture::evm::test {
namespace {

constexpr int kP256Verify = 0x100;
constexpr int64_t kGas = 6900;

#define VALID "0000000000000000000000000000000000000000000000000000000000000001"
#define INVALID ""
// Wycheproof's message hash and public key shared by the vectors below.
#define WP_HASH "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605023"
#define WP_KEY "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838" \
               "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513e"
#define WP_R "2ba3a8be6b94d5ec80a6d9d1190a436effe50d85a1eee859b8cc6af9bd5c2e18"
#define WP_S "4cd60b855d442f5b3c7b11eb6c4e0ae7525fe710fab9aa7c77a67f79e6fadd76"
#define N "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632551"
#define P "ffffffff00000001000000000000000000000000ffffffffffffffffffffffff"
#define ZERO "0000000000000000000000000000000000000000000000000000000000000000"
#define ONE "0000000000000000000000000000000000000000000000000000000000000001"

// An invalid signature is a successful call with empty output at the full
// price: check_vector's "expected" is the output, "" for invalid.
TEST(PrecompileP256Verify, EipVectors) {
    const Vector v[] = {
        {"wycheproof #1: signature malleability (high s is valid)", WP_HASH WP_R WP_S WP_KEY, VALID, kGas},
        {"wycheproof #3: r modified by the order",
         WP_HASH "d45c5740946b2a147f59262ee6f5bc90bd01ed280528b62b3aed5fc93f06f739"
                 "b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db" WP_KEY,
         INVALID, kGas},
        {"wycheproof #5: r and s modified",
         WP_HASH "d45c5741946b2a137f59262ee6f5bc91001af27a5e1117a64733950642a3d1e8"
                 "b329f479a2bbd0a5c384ee1493b1f5186a87139cac5df4087c134b49156847db" WP_KEY,
         INVALID, kGas},
        {"wycheproof #8: s modified by the order",
         WP_HASH WP_R "4cd60b865d442f5a3c7b11eb6c4e0ae79578ec6353a20bf783ecb4b6ea97b825" WP_KEY, INVALID, kGas},
        {"wycheproof #9: r = s = 0", WP_HASH ZERO ZERO WP_KEY, INVALID, kGas},
        {"wycheproof #12: r = 0, s = n - 1",
         WP_HASH ZERO "ffffffff00000000ffffffffffffffffbce6faada7179e84f3b9cac2fc632550" WP_KEY, INVALID, kGas},
        {"wycheproof #17: r = s = 1", WP_HASH ONE ONE WP_KEY, INVALID, kGas},
        {"wycheproof #18: s = n", WP_HASH ONE N WP_KEY, INVALID, kGas},
        {"wycheproof #23: r = n, s = 0", WP_HASH N ZERO WP_KEY, INVALID, kGas},
        {"rip-7212 example",
         "4cee90eb86eaa050036147a12d49004b6b9c72bd725d39d4785011fe190f0b4d"
         "a73bd4903f0ce3b639bbbf6e8e80d16931ff4bcf5993d58468e8fb19086e8cac"
         "36dbcd03009df8c59286b162af3bd7fcc0450c9aa81be5d10d312af6c66b1d60"
         "4aebd3099c618202fcfe16ae7770b0c49ab5eadf74b754204a3bb6060e44eff3"
         "7618b065f9832de4ca6ca971a7a1adc826d0f7c00181a5fb2ddf79ae00b4e10e",
         VALID, kGas},
        // The EIP's input checks.
        {"input one byte short", WP_HASH WP_R WP_S "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
                                                   "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e734151",
         INVALID, kGas},
        {"input one byte long", WP_HASH WP_R WP_S WP_KEY "00", INVALID, kGas},
        {"empty input", "", INVALID, kGas},
        {"public key at infinity (0, 0)", WP_HASH WP_R WP_S ZERO ZERO, INVALID, kGas},
        {"public key not on the curve",
         WP_HASH WP_R WP_S "2927b10512bae3eddcfe467828128bad2903269919f7086069c8c4df6c732838"
                           "c7787964eaac00e5921fb1498a60f4606766b3d9685001558d1a974e7341513f",
         INVALID, kGas},
        {"qx = p", WP_HASH WP_R WP_S P ONE, INVALID, kGas},
        {"another hash", "bb5a52f42f9c9261ed4361f59422a1e30036e7c32b270c8807a419feca605024" WP_R WP_S WP_KEY,
         INVALID, kGas},
    };
    check_vectors(Revision::osaka, kP256Verify, v);
}

}  // namespace
}  // namespace suture::evm::test
