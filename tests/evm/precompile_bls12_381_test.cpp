// EIP-2537 BLS12-381 precompiles 0x0b..0x11 (Prague) on the EIP's own test
// vectors (ethereum/EIPs assets/eip-2537: add_G1_bls, msm_G1_bls,
// pairing_check_bls, map_fp_to_G1_bls, map_fp2_to_G2_bls), with the final
// gas schedule, and the input checks the EIP lists. Random valid and invalid
// inputs against @noble/curves run in the bls12_381_oracle test.
#include <string>

#include "precompile_test_util.hpp"

namespace suture::evm::test {
namespace {

constexpr int kG1Add = 0x0b, kG1Msm = 0x0c, kG2Add = 0x0d, kG2Msm = 0x0e, kPairing = 0x0f, kMapG1 = 0x10,
              kMapG2 = 0x11;

#define PAD "00000000000000000000000000000000"  // the 16 zero bytes above each 48-byte field element
#define BADPAD "00000000000000000000000000000001"  // a non-zero byte in them
// The generators and a second G1 point p1 of the EIP's vectors.
#define G1_X PAD "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb"
#define G1_Y PAD "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1"
#define G1_NEG_Y PAD "114d1d6855d545a8aa7d76c8cf2e21f267816aef1db507c96655b9d5caac42364e6f38ba0ecb751bad54dcd6b939c2ca"
#define G1 G1_X G1_Y
#define G1_NEG G1_X G1_NEG_Y
#define P1 PAD "112b98340eee2777cc3c14163dea3ec97977ac3dc5c70da32e6e87578f44912e902ccef9efe28d4a78b8999dfbca9426" \
           PAD "186b28d92356c4dfec4b5201ad099dbdede3781f8998ddf929b4cd7756192185ca7b8f4ef7088f813270ac3d48868a21"
#define G1_PLUS_P1 PAD "0a40300ce2dec9888b60690e9a41d3004fda4886854573974fab73b046d3147ba5b7a5bde85279ffede1b45b3918d82d" \
                   PAD "06d3d887e9f53b9ec4eb6cedf5607226754b07c01ace7834f57f3e7315faefb739e59018e22c492006190fba4a870025"
#define G1_TIMES_2 PAD "0572cbea904d67468808c8eb50a9450c9721db309128012543902d0ac358a62ae28f75bb8f1c7c42c39a8c5529bf0f4e" \
                   PAD "166a9d8cabc673a322fda673779d8e3822ba3ecb8670e461f73bb9021d5fd76a4c56d9d4cd16bd1bba86881979749d28"
#define G2_X PAD "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8" \
             PAD "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e"
#define G2_Y PAD "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801" \
             PAD "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be"
#define G2_NEG_Y PAD "0d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71363275a75d75d86bab79f74782aa" \
                 PAD "13fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74f2d75467e25e0f55f8a00fa030ed"
#define G2 G2_X G2_Y
#define G2_NEG G2_X G2_NEG_Y
#define ZERO32 "0000000000000000000000000000000000000000000000000000000000000000"
#define INF_G1 ZERO32 ZERO32 ZERO32 ZERO32
#define INF_G2 INF_G1 INF_G1
#define SCALAR(hex) "00000000000000000000000000000000000000000000000000000000000000" hex
#define TRUE32 "0000000000000000000000000000000000000000000000000000000000000001"
#define FALSE32 ZERO32
// The EIP's map_fp_to_G1 vectors (RFC 9380 appendix J.9.1 field elements) and their images.
#define MAP1_IN PAD "147e1ed29f06e4c5079b9d14fc89d2820d32419b990c1c7bb7dbea2a36a045124b31ffbde7c99329c05c559af1c6cc82"
#define MAP1_OUT PAD "009769f3ab59bfd551d53a5f846b9984c59b97d6842b20a2c565baa167945e3d026a3755b6345df8ec7e6acb6868ae6d" \
                 PAD "1532c00cf61aa3d0ce3e5aa20c3b531a2abd2c770a790a2613818303c6b830ffc0ecf6c357af3317b9575c567f11cd2c"
#define MAP2_IN PAD "156c8a6a2c184569d69a76be144b5cdc5141d2d2ca4fe341f011e25e3969c55ad9e9b9ce2eb833c81a908e5fa4ac5f03"
#define MAP2_OUT PAD "184bb665c37ff561a89ec2122dd343f20e0f4cbcaec84e3c3052ea81d1834e192c426074b02ed3dca4e7676ce4ce48ba" \
                 PAD "04407b8d35af4dacc809927071fc0405218f1401a6d15af775810e4e460064bcc9468beeba82fdc751be70476c888bf3"
#define MAP3_IN PAD "04090815ad598a06897dd89bcda860f25837d54e897298ce31e6947378134d3761dc59a572154963e8c954919ecfa82d"
#define MAP3_OUT PAD "1974dbb8e6b5d20b84df7e625e2fbfecb2cdb5f77d5eae5fb2955e5ce7313cae8364bc2fff520a6c25619739c6bdcb6a" \
                 PAD "15f9897e11c6441eaa676de141c8d83c37aab8667173cbe1dfd6de74d11861b961dccebcd9d289ac633455dfcc7013a3"
#define MAP4_IN PAD "08dccd088ca55b8bfbc96fb50bb25c592faa867a8bb78d4e94a8cc2c92306190244532e91feba2b7fed977e3c3bb5a1f"
#define MAP4_OUT PAD "0a7a047c4a8397b3446450642c2ac64d7239b61872c9ae7a59707a8f4f950f101e766afe58223b3bff3a19a7f754027c" \
                 PAD "1383aebba1e4327ccff7cf9912bda0dbc77de048b71ef8c8a81111d71dc33c5e3aa6edee9cf6f5fe525d50cc50b77cc9"
#define MAP5_IN PAD "0dd824886d2123a96447f6c56e3a3fa992fbfefdba17b6673f9f630ff19e4d326529db37e1c1be43f905bf9202e0278d"
#define MAP5_OUT PAD "0e7a16a975904f131682edbb03d9560d3e48214c9986bd50417a77108d13dc957500edf96462a3d01e62dc6cd468ef11" \
                 PAD "0ae89e677711d05c30a48d6d75e76ca9fb70fe06c6dd6ff988683d89ccde29ac7d46c53bb97a59b1901abf1db66052db"
// p and p - 1 as padded field elements.
#define FP_P PAD "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaab"
#define FP_P_MINUS_1 PAD "1a0111ea397fe69a4b1ba7b6434bacd764774b84f38512bf6730d2a0f6b0f6241eabfffeb153ffffb9feffffffffaaaa"
// (0, 2) is on G1's curve y^2 = x^3 + 4 but not in the order-r subgroup.
#define G1_OFF_SUBGROUP ZERO32 ZERO32 ZERO32 SCALAR("02")

// The same G1 vectors hold for every fork from Prague on.
constexpr Revision kForks[] = {Revision::prague, Revision::osaka};

TEST(PrecompileBls12381, G1AddVectors) {
    const Vector v[] = {
        {"bls_g1add_g1+p1", G1 P1, G1_PLUS_P1, 375},
        {"bls_g1add_p1+g1", P1 G1, G1_PLUS_P1, 375},
        {"bls_g1add_(g1+0=g1)", G1 INF_G1, G1, 375},
        {"bls_g1add_(g1-g1=0)", G1 G1_NEG, INF_G1, 375},
        {"bls_g1add_(g1+g1=2*g1)", G1 G1, G1_TIMES_2, 375},
        {"inf+inf", INF_G1 INF_G1, INF_G1, 375},
        // ADD checks the curve, not the subgroup: (0, 2) + (0, 2) is fine.
        {"off_subgroup_accepted", G1_OFF_SUBGROUP INF_G1, G1_OFF_SUBGROUP, 375},
        {"short_input", G1 G1_X, nullptr, 375},
        {"long_input", G1 G1 "00", nullptr, 375},
        {"not_on_curve", G1_X G1_X G1, nullptr, 375},
        {"top_padding_not_zero", BADPAD "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb" G1_Y G1, nullptr, 375},
        {"x_equal_to_p", FP_P G1_Y G1, nullptr, 375},
    };
    for (Revision r : kForks) check_vectors(r, kG1Add, v);
}

TEST(PrecompileBls12381, G2AddVectors) {
    const Vector v[] = {
        {"g2+0", G2 INF_G2, G2, 600},
        {"0+g2", INF_G2 G2, G2, 600},
        {"g2-g2", G2 G2_NEG, INF_G2, 600},
        {"not_on_curve", G2_X G2_X G2, nullptr, 600},
        {"short_input", G2, nullptr, 600},
    };
    for (Revision r : kForks) check_vectors(r, kG2Add, v);
}

TEST(PrecompileBls12381, G1MsmVectors) {
    const Vector v[] = {
        {"bls_g1msm_(g1+g1=2*g1)", G1 SCALAR("02"), G1_TIMES_2, 12000},
        {"bls_g1msm_(1*g1=g1)", G1 SCALAR("01"), G1, 12000},
        {"bls_g1msm_(0*g1=inf)", G1 SCALAR("00"), INF_G1, 12000},
        {"bls_g1msm_(x*inf=inf)", INF_G1 SCALAR("11"), INF_G1, 12000},
        {"bls_g1msm_(2g1+inf)", G1 SCALAR("02") G1 SCALAR("00"), G1_TIMES_2, 22776},
        {"bls_g1msm_(2g1+2p1)", G1 SCALAR("02") P1 SCALAR("02"),
         PAD "148f92dced907361b4782ab542a75281d4b6f71f65c8abf94a5a9082388c64662d30fd6a01ced724feef3e284752038c"
         PAD "15c3634c3b67bc18e19150e12bfd8a1769306ed010f59be645a0823acb5b38f39e8e0d86e59b6353fdafc59ca971b769",
         22776},
        {"bls_g1msm_random*g1_unnormalized_scalar",
         G1 "9a2b64cc58f8992cb21237914262ca9ada6cb13dc7b7d3f11c278fe0462040e4",
         PAD "0491d1b0ecd9bb917989f0e74f0dea0422eac4a873e5e2644f368dffb9a6e20fd6e10c1b77654d067c0618f6e5a7f79a"
         PAD "17cd7061575d3e8034fcea62adaa1a3bc38dca4b50e4c5c01d04dd78037c9cee914e17944ea99e7ad84278e5d49f36c4",
         12000},
        {"bls_g1msm_multiple",
         G1 "263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e3"
         P1 "47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665138"
         MAP2_OUT "328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d216"
         MAP1_OUT "263dbd792f5b1be47ed85f8938c0f29586af0d3ac7b977f21c278fe1462040e2"
         MAP3_OUT "47b8192d77bf871b62e87859d653922725724a5c031afeabc60bcef5ff665131"
         MAP4_OUT "328388aff0d4a5b7dc9205abd374e7e98f3cd9f3418edb4eafda5fb16473d211"
         MAP5_OUT "55b53c4669f19f0fc7431929bc0363d7d8fb432435fcde2635fdba334424e9f5",
         PAD "053fbdb09b6b5faa08bfe7b7069454247ad4d8bd57e90e2d2ebaa04003dcf110aa83072c07f480ab2107cca2ccff6091"
         PAD "1654537b7c96fe64d13906066679c3d45808cb666452b55d1b909c230cc4b423c3f932c58754b9b762dc49fcc825522c",
         // 7 pairs: 7 · 12000 · 738 / 1000.
         61992},
        // EIP-2537: MSM requires the subgroup, unlike ADD.
        {"off_subgroup", G1_OFF_SUBGROUP SCALAR("01"), nullptr, 12000},
        {"empty", "", nullptr, 0},
        {"not_a_multiple_of_160", G1 SCALAR("01") "00", nullptr, 12000},
    };
    for (Revision r : kForks) check_vectors(r, kG1Msm, v);
}

TEST(PrecompileBls12381, G2MsmVectors) {
    const Vector v[] = {
        {"1*g2", G2 SCALAR("01"), G2, 22500},
        {"0*g2", G2 SCALAR("00"), INF_G2, 22500},
        {"g2+(-g2)", G2 SCALAR("05") G2_NEG SCALAR("05"), INF_G2, 45000},  // discount 1000 for k = 2
        {"not_on_curve", G2_X G2_X SCALAR("01"), nullptr, 22500},
        {"empty", "", nullptr, 0},
    };
    for (Revision r : kForks) check_vectors(r, kG2Msm, v);
}

TEST(PrecompileBls12381, PairingVectors) {
    const Vector v[] = {
        {"bls_pairing_e(0,0)", INF_G1 INF_G2, TRUE32, 70300},
        {"bls_pairing_e(0,G2)", INF_G1 G2, TRUE32, 70300},
        {"bls_pairing_e(G1,0)", G1 INF_G2, TRUE32, 70300},
        {"bls_pairing_non-degeneracy", G1 G2, FALSE32, 70300},
        {"bls_pairing_e(G1,-G2)=e(-G1,G2)", G1 G2 G1 G2_NEG, TRUE32, 102900},
        {"bls_pairing_e(G1,0)!=e(-G1,G2)", G1 INF_G2 G1 G2_NEG, FALSE32, 102900},
        {"bls_pairing_bilinearity", G1 G2 P1 G2 G1_PLUS_P1 G2_NEG, TRUE32, 135500},
        {"empty", "", nullptr, 37700},
        {"g1_off_subgroup", G1_OFF_SUBGROUP G2, nullptr, 70300},
        {"g2_not_on_curve", G1 G2_X G2_X, nullptr, 70300},
        {"not_a_multiple_of_384", G1 G2 "00", nullptr, 70300},
    };
    for (Revision r : kForks) check_vectors(r, kPairing, v);
}

TEST(PrecompileBls12381, MapFpToG1Vectors) {
    const Vector v[] = {
        {"bls_g1map_", MAP2_IN, MAP2_OUT, 5500},
        {"bls_g1map_616263", MAP1_IN, MAP1_OUT, 5500},
        {"bls_g1map_6162636465663031", MAP3_IN, MAP3_OUT, 5500},
        {"bls_g1map_713132385f717171", MAP4_IN, MAP4_OUT, 5500},
        {"bls_g1map_613531325f616161", MAP5_IN, MAP5_OUT, 5500},
        {"equal_to_p", FP_P, nullptr, 5500},
        {"top_padding_not_zero", BADPAD "147e1ed29f06e4c5079b9d14fc89d2820d32419b990c1c7bb7dbea2a36a045124b31ffbde7c99329c05c559af1c6cc82", nullptr, 5500},
        {"fp2_sized_input", MAP1_IN MAP1_IN, nullptr, 5500},
        {"empty", "", nullptr, 5500},
    };
    for (Revision r : kForks) check_vectors(r, kMapG1, v);
    // p - 1, the largest valid element, maps to a point.
    EXPECT_EQ(run(Revision::prague, kMapG1, hex_bytes(FP_P_MINUS_1), 5500).status, StatusCode::success);
}

TEST(PrecompileBls12381, MapFp2ToG2Vectors) {
    const Vector v[] = {
        {"bls_g2map_",
         PAD "07355d25caf6e7f2f0cb2812ca0e513bd026ed09dda65b177500fa31714e09ea0ded3a078b526bed3307f804d4b93b04"
         PAD "02829ce3c021339ccb5caf3e187f6370e1e2a311dec9b75363117063ab2015603ff52c3d3b98f19c2f65575e99e8b78c",
         PAD "00e7f4568a82b4b7dc1f14c6aaa055edf51502319c723c4dc2688c7fe5944c213f510328082396515734b6612c4e7bb7"
         PAD "126b855e9e69b1f691f816e48ac6977664d24d99f8724868a184186469ddfd4617367e94527d4b74fc86413483afb35b"
         PAD "0caead0fd7b6176c01436833c79d305c78be307da5f6af6c133c47311def6ff1e0babf57a0fb5539fce7ee12407b0a42"
         PAD "1498aadcf7ae2b345243e281ae076df6de84455d766ab6fcdaad71fab60abb2e8b980a440043cd305db09d283c895e3d",
         23800},
        {"bls_g2map_616263",
         PAD "138879a9559e24cecee8697b8b4ad32cced053138ab913b99872772dc753a2967ed50aabc907937aefb2439ba06cc50c"
         PAD "0a1ae7999ea9bab1dcc9ef8887a6cb6e8f1e22566015428d220b7eec90ffa70ad1f624018a9ad11e78d588bd3617f9f2",
         PAD "108ed59fd9fae381abfd1d6bce2fd2fa220990f0f837fa30e0f27914ed6e1454db0d1ee957b219f61da6ff8be0d6441f"
         PAD "0296238ea82c6d4adb3c838ee3cb2346049c90b96d602d7bb1b469b905c9228be25c627bffee872def773d5b2a2eb57d"
         PAD "033f90f6057aadacae7963b0a0b379dd46750c1c94a6357c99b65f63b79e321ff50fe3053330911c56b6ceea08fee656"
         PAD "153606c417e59fb331b7ae6bce4fbf7c5190c33ce9402b5ebe2b70e44fca614f3f1382a3625ed5493843d0b0a652fc3f",
         23800},
        {"bls_g2map_713132385f717171",
         PAD "08d4a0997b9d52fecf99427abb721f0fa779479963315fe21c6445250de7183e3f63bfdf86570da8929489e421d4ee95"
         PAD "16cb4ccad91ec95aab070f22043916cd6a59c4ca94097f7f510043d48515526dc8eaaea27e586f09151ae613688d5a89",
         PAD "0c5ae723be00e6c3f0efe184fdc0702b64588fe77dda152ab13099a3bacd3876767fa7bbad6d6fd90b3642e902b208f9"
         PAD "12c8c05c1d5fc7bfa847f4d7d81e294e66b9a78bc9953990c358945e1f042eedafce608b67fdd3ab0cb2e6e263b9b1ad"
         PAD "04e77ddb3ede41b5ec4396b7421dd916efc68a358a0d7425bddd253547f2fb4830522358491827265dfc5bcc1928a569"
         PAD "11c624c56dbe154d759d021eec60fab3d8b852395a89de497e48504366feedd4662d023af447d66926a28076813dd646",
         23800},
        {"c1_equal_to_p", MAP1_IN FP_P, nullptr, 23800},
        {"fp_sized_input", MAP1_IN, nullptr, 23800},
    };
    for (Revision r : kForks) check_vectors(r, kMapG2, v);
}

// Prague adds 0x0b..0x11: before it they are plain accounts.
TEST(PrecompileBls12381, AvailableFromPrague) {
    for (int a = kG1Add; a <= kMapG2; ++a) {
        EXPECT_FALSE(is_precompile(Revision::cancun, precompile_address(a))) << a;
        EXPECT_TRUE(is_precompile(Revision::prague, precompile_address(a))) << a;
        EXPECT_TRUE(is_precompile(Revision::osaka, precompile_address(a))) << a;
    }
    EXPECT_FALSE(is_precompile(Revision::osaka, precompile_address(0x12)));
    EXPECT_FALSE(run_precompile(Revision::cancun, precompile_address(kG1Add), hex_bytes(G1 G1), 1000));
}

// EIP-2537's discount table: k = 1, 2, 128 and beyond (the last entry stays).
TEST(PrecompileBls12381, MsmGasFollowsTheDiscountTable) {
    const auto gas = [](int addr, size_t pairs, size_t pair_size) {
        // Infinity points with zero scalars: valid, so the exact cost is what is charged.
        const Bytes in(pairs * pair_size, 0);
        const ExecResult r = run(Revision::prague, addr, in, 100'000'000);
        EXPECT_EQ(r.status, StatusCode::success);
        return 100'000'000 - r.gas_left;
    };
    EXPECT_EQ(gas(kG1Msm, 1, 160), 12000);
    EXPECT_EQ(gas(kG1Msm, 2, 160), 2 * 12000 * 949 / 1000);
    EXPECT_EQ(gas(kG1Msm, 128, 160), 128 * 12000 * 519 / 1000);
    EXPECT_EQ(gas(kG1Msm, 200, 160), 200 * 12000 * 519 / 1000);
    EXPECT_EQ(gas(kG2Msm, 1, 288), 22500);
    EXPECT_EQ(gas(kG2Msm, 3, 288), 3 * 22500 * 923 / 1000);
    EXPECT_EQ(gas(kG2Msm, 128, 288), 128 * 22500 * 524 / 1000);
    EXPECT_EQ(gas(kG2Msm, 129, 288), 129 * 22500 * 524 / 1000);
    EXPECT_EQ(gas(kPairing, 3, 384), 37700 + 3 * 32600);
}

}  // namespace
}  // namespace suture::evm::test
