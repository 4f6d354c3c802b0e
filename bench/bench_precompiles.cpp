// Precompile throughput: one call per iteration through run_precompile(),
// with the published EIP-196/197/198/152 inputs. Reports gas/s so the cost
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

void run(benchmark::State& state, int address, const std::string& hex) {
    const Bytes input = *from_hex(hex);
    Address addr;
    addr.bytes[19] = uint8_t(address);
    const int64_t gas = 100'000'000;
    int64_t used = 0;
    for (auto _ : state) {
        auto r = run_precompile(Revision::cancun, addr, input, gas);
        if (!r || r->status != StatusCode::success) {
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

}  // namespace

BENCHMARK_MAIN();
