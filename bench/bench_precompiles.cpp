// Precompile throughput: one call per iteration through run_precompile(),
// with the published EIP-196/197/198/152/4844/2537/7951 inputs. Reports gas/s so the cost
// per unit of gas can be compared across precompiles.
#include <benchmark/benchmark.h>

#include <string>

#include "core/hex.hpp"
#include "evm/blake2b.hpp"
#include "evm/precompiles.hpp"

namespace {

using namespace suture;
using namespace suture::evm;

const char* kG1Gen = "0000000000000000000000000000000000000000000000000000000000000001"
                     "0000000000000000000000000000000000000000000000000000000000000002";
const char* kG2Gen = "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
                     "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
                     "090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975b"
                     "12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daa";
const char* kG2Neg = "198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2"
                     "1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6ed"
                     "275dc4a288d1afb3cbb1ac09187524c7db36395df7be3b99e673b13a075a65ec"
                     "1d9befcd05a5323e6da4d435f3b617cdb3af83285c2df711ef39c01571827f9d";

void run(benchmark::State& state, int address, const std::string& hex, Revision rev = Revision::cancun) {
    const Bytes input = *from_hex(hex);
    Address addr;
    addr.bytes[18] = uint8_t(address >> 8);
    addr.bytes[19] = uint8_t(address);
    const int64_t gas = 100'000'000;
    int64_t used = 0;
    for (auto _ : state) {
        auto r = run_precompile(rev, addr, input, gas);
        if (!r || r->status != StatusCode::success || r->output.empty()) {
            state.SkipWithError("precompile failed");
            return;
        }
        used = gas - r->gas_left;
        benchmark::DoNotOptimize(r->output.data());
    }
    state.counters["gas/s"] = benchmark::Counter(double(used), benchmark::Counter::kIsIterationInvariantRate);
}

void BM_ecrecover(benchmark::State& s) {
    run(s, 1,
        "18c547e4f7b0f325ad1e56f57e26c745b09a3e503d86e00e5255ff7f715d3d1c"
        "000000000000000000000000000000000000000000000000000000000000001c"
        "73b1693892219d736caba55bdb67216e485557ea6b6af75f37096c9aa6a5a75f"
        "eeb940b1d03b21e36b0e47e79769f095fe2ab855bd91e3a38756b7d75a9c4549");
}
void BM_sha256_1k(benchmark::State& s) { run(s, 2, std::string(2048, 'a')); }
void BM_modexp_2048_f4(benchmark::State& s) {
    // 256-byte base and modulus, exponent 0x10001.
    run(s, 5, "0000000000000000000000000000000000000000000000000000000000000100"
              "0000000000000000000000000000000000000000000000000000000000000003"
              "0000000000000000000000000000000000000000000000000000000000000100" +
              std::string(512, 'c') + "010001" + std::string(511, 'e') + "d");
}
void BM_bn254_add(benchmark::State& s) {
    run(s, 6, "18b18acfb4c2c30276db5411368e7185b311dd124691610c5d3b74034e093dc9063c909c4720840cb5134cb9f59fa749755796819658d32efc0d288198f37266"
              "07c2b7f58a84bd6145f00c9c2bc0bb1a187f20ff2c92963a88019e7c6a014eed06614e20c147e940f2d70da3f74c9a17df361706a4485c742bd6788478fa17d7");
}
void BM_bn254_mul(benchmark::State& s) {
    run(s, 7, "1a87b0584ce92f4593d161480614f2989035225609f08058ccfa3d0f940febe31a2f3c951f6dadcc7ee9007dff81504b0fcd6d7cf59996efdc33d92bf7f9f8f6"
              "30644e72e131a029b85045b68181585d2833e84879b9709143e1f593f0000000");
}
void BM_bn254_pairing_2(benchmark::State& s) {
    run(s, 8, std::string(kG1Gen) + kG2Gen + kG1Gen + kG2Neg);
}
void BM_blake2f_12_rounds(benchmark::State& s) {
    run(s, 9, "0000000c48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6bbd41fbabd9831f79217e1319cde05b"
              "6162630000000000000000000000000000000000000000000000000000000000"
              "0000000000000000000000000000000000000000000000000000000000000000"
              "0000000000000000000000000000000000000000000000000000000000000000"
              "0000000000000000000000000000000000000000000000000000000000000000"
              "0300000000000000000000000000000001");
}
// EIP-4844 point evaluation on the consensus-spec vector
// verify_kzg_proof_case_correct_proof_1ce8e4f69d5df899 (two subgroup checks,
// two scalar multiplications and a two-pair pairing check).
void BM_point_evaluation(benchmark::State& s) {
    run(s, 0x0a, "01ad7666ef9d8f53b5adf54f029b13b6f171b1d0bd346a2ede315d3e243484ef"
                 "73eda753299d7d483339d80809a1d80553bda402fffe5bfeffffffff00000000"
                 "0000000000000000000000000000000000000000000000000000000000000000"
                 "93efc82d2017e9c57834a1246463e64774e56183bb247c8fc9dd98c56817e878d97b05f5c8d900acf1fbbbca6f146556"
                 "92c51ff81dd71dab71cefecd79e8274b4b7ba36a0f40e2dc086bc4061c7f63249877db23297212991fd63e07b7ebc348");
}

// EIP-2537 (Prague) on the EIP's points: the gas/s counter compares the
// schedule (which assumes about 30 Mgas/s) with our speed. MSM checks every
// point's subgroup, then sums the products.
const std::string kPad(32, '0');
const std::string kBlsG1 =
    kPad + "17f1d3a73197d7942695638c4fa9ac0fc3688c4f9774b905a14e3a3f171bac586c55e83ff97a1aeffb3af00adb22c6bb" +
    kPad + "08b3f481e3aaa0f1a09e30ed741d8ae4fcf5e095d5d00af600db18cb2c04b3edd03cc744a2888ae40caa232946c5e7e1";
const std::string kBlsP1 =
    kPad + "112b98340eee2777cc3c14163dea3ec97977ac3dc5c70da32e6e87578f44912e902ccef9efe28d4a78b8999dfbca9426" +
    kPad + "186b28d92356c4dfec4b5201ad099dbdede3781f8998ddf929b4cd7756192185ca7b8f4ef7088f813270ac3d48868a21";
const std::string kBlsG2X =
    kPad + "024aa2b2f08f0a91260805272dc51051c6e47ad4fa403b02b4510b647ae3d1770bac0326a805bbefd48056c8c121bdb8" +
    kPad + "13e02b6052719f607dacd3a088274f65596bd0d09920b61ab5da61bbdc7f5049334cf11213945d57e5ac7d055d042b7e";
const std::string kBlsG2 =
    kBlsG2X + kPad + "0ce5d527727d6e118cc9cdc6da2e351aadfd9baa8cbdd3a76d429a695160d12c923ac9cc3baca289e193548608b82801" +
    kPad + "0606c4a02ea734cc32acd2b02bc28b99cb3e287e85a763af267492ab572e99ab3f370d275cec1da1aaa9075ff05f79be";
const std::string kBlsG2Neg =
    kBlsG2X + kPad + "0d1b3cc2c7027888be51d9ef691d77bcb679afda66c73f17f9ee3837a55024f78c71363275a75d75d86bab79f74782aa" +
    kPad + "13fa4d4a0ad8b1ce186ed5061789213d993923066dddaf1040bc3ff59f825c78df74f2d75467e25e0f55f8a00fa030ed";
const std::string kBlsScalar = "9a2b64cc58f8992cb21237914262ca9ada6cb13dc7b7d3f11c278fe0462040e4";

std::string repeat(const std::string& s, int n) {
    std::string r;
    for (int i = 0; i < n; ++i) r += s;
    return r;
}

void BM_bls12_g1add(benchmark::State& s) { run(s, 0x0b, kBlsG1 + kBlsP1, Revision::prague); }
void BM_bls12_g2add(benchmark::State& s) { run(s, 0x0d, kBlsG2 + kBlsG2, Revision::prague); }
void BM_bls12_g1msm(benchmark::State& s) {
    run(s, 0x0c, repeat(kBlsG1 + kBlsScalar + kBlsP1 + kBlsScalar, int(s.range(0)) / 2 + 1).substr(0, 320 * s.range(0)),
        Revision::prague);
}
void BM_bls12_g2msm(benchmark::State& s) { run(s, 0x0e, repeat(kBlsG2 + kBlsScalar, int(s.range(0))), Revision::prague); }
void BM_bls12_pairing(benchmark::State& s) {
    run(s, 0x0f, repeat(kBlsG1 + kBlsG2 + kBlsG1 + kBlsG2Neg, int(s.range(0)) / 2), Revision::prague);
}
void BM_bls12_map_fp_to_g1(benchmark::State& s) {
    run(s, 0x10, kPad + "147e1ed29f06e4c5079b9d14fc89d2820d32419b990c1c7bb7dbea2a36a045124b31ffbde7c99329c05c559af1c6cc82",
        Revision::prague);
}
void BM_bls12_map_fp2_to_g2(benchmark::State& s) {
    run(s, 0x11, kPad + "07355d25caf6e7f2f0cb2812ca0e513bd026ed09dda65b177500fa31714e09ea0ded3a078b526bed3307f804d4b93b04" +
        kPad + "02829ce3c021339ccb5caf3e187f6370e1e2a311dec9b75363117063ab2015603ff52c3d3b98f19c2f65575e99e8b78c",
        Revision::prague);
}
// EIP-7951 (Osaka) on the RIP-7212 example signature.
void BM_p256verify(benchmark::State& s) {
    run(s, 0x100, "4cee90eb86eaa050036147a12d49004b6b9c72bd725d39d4785011fe190f0b4d"
                  "a73bd4903f0ce3b639bbbf6e8e80d16931ff4bcf5993d58468e8fb19086e8cac"
                  "36dbcd03009df8c59286b162af3bd7fcc0450c9aa81be5d10d312af6c66b1d60"
                  "4aebd3099c618202fcfe16ae7770b0c49ab5eadf74b754204a3bb6060e44eff3"
                  "7618b065f9832de4ca6ca971a7a1adc826d0f7c00181a5fb2ddf79ae00b4e10e",
        Revision::osaka);
}

// BLAKE2b's F alone on one path, 10,000 rounds a call: the rate that bounds
// a long blake2f call (EIP-152 allows 2^32-1 rounds, ethereum/tests'
// CALLBlake2f_MaxRounds makes one). Reports rounds/s.
void BM_blake2b_rounds(benchmark::State& state, precompile::Blake2bPath path) {
    if (!precompile::blake2b_path_supported(path)) {
        state.SkipWithError("not supported by this CPU");
        return;
    }
    constexpr uint32_t kRounds = 10'000;
    uint64_t h[8], m[16], t[2] = {128, 0};
    for (int i = 0; i < 8; ++i) h[i] = precompile::kBlake2bIV[i] + uint64_t(i);
    for (int i = 0; i < 16; ++i) m[i] = 0x0101010101010101 * uint64_t(i);
    for (auto _ : state) {
        precompile::blake2b_compress_on(path, h, m, t, true, kRounds);
        benchmark::DoNotOptimize(h);
    }
    state.counters["rounds/s"] = benchmark::Counter(double(kRounds), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK_CAPTURE(BM_blake2b_rounds, scalar, precompile::Blake2bPath::scalar);
BENCHMARK_CAPTURE(BM_blake2b_rounds, avx2, precompile::Blake2bPath::avx2);
BENCHMARK_CAPTURE(BM_blake2b_rounds, avx512, precompile::Blake2bPath::avx512);

BENCHMARK(BM_ecrecover);
BENCHMARK(BM_sha256_1k);
BENCHMARK(BM_modexp_2048_f4);
BENCHMARK(BM_bn254_add);
BENCHMARK(BM_bn254_mul);
BENCHMARK(BM_bn254_pairing_2);
BENCHMARK(BM_blake2f_12_rounds);
BENCHMARK(BM_point_evaluation);
BENCHMARK(BM_bls12_g1add);
BENCHMARK(BM_bls12_g2add);
BENCHMARK(BM_bls12_g1msm)->Arg(1)->Arg(8)->Arg(64);
BENCHMARK(BM_bls12_g2msm)->Arg(1)->Arg(8)->Arg(64);
BENCHMARK(BM_bls12_pairing)->Arg(2)->Arg(4);
BENCHMARK(BM_bls12_map_fp_to_g1);
BENCHMARK(BM_bls12_map_fp2_to_g2);
BENCHMARK(BM_p256verify);

}  // namespace

BENCHMARK_MAIN();
