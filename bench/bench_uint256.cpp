// uint256 arithmetic throughput: the operations the EVM's hot opcodes lean on.
#include <benchmark/benchmark.h>

#include <random>
#include <vector>

#include "core/uint256.hpp"

using suture::uint256;

namespace {

std::vector<uint256> operands(size_t n, unsigned bits, uint64_t seed) {
    std::mt19937_64 rng(seed);
    std::vector<uint256> v(n);
    for (auto& x : v) x = uint256::from_words(rng(), rng(), rng(), rng()) >> (256 - bits);
    return v;
}

template <typename Op>
void run_binary(benchmark::State& state, Op op) {
    const unsigned bits = unsigned(state.range(0));
    const auto a = operands(256, 256, 1), b = operands(256, bits, 2);
    size_t i = 0;
    for (auto _ : state) {
        benchmark::DoNotOptimize(op(a[i & 255], b[i & 255]));
        ++i;
    }
    state.SetItemsProcessed(int64_t(state.iterations()));
}

void BM_mul(benchmark::State& s) { run_binary(s, [](const uint256& a, const uint256& b) { return a * b; }); }
void BM_div(benchmark::State& s) { run_binary(s, [](const uint256& a, const uint256& b) { return a / b; }); }
void BM_mod(benchmark::State& s) { run_binary(s, [](const uint256& a, const uint256& b) { return a % b; }); }
void BM_mulmod(benchmark::State& s) {
    run_binary(s, [](const uint256& a, const uint256& b) { return suture::mulmod(a, a, b); });
}
void BM_addmod(benchmark::State& s) {
    run_binary(s, [](const uint256& a, const uint256& b) { return suture::addmod(a, a, b); });
}
void BM_exp(benchmark::State& s) { run_binary(s, [](const uint256& a, const uint256& b) { return suture::exp(a, b); }); }

}  // namespace

// Argument: bit width of the second operand (divisor / modulus / exponent).
BENCHMARK(BM_mul)->Arg(256);
BENCHMARK(BM_div)->Arg(64)->Arg(128)->Arg(192)->Arg(256);
BENCHMARK(BM_mod)->Arg(64)->Arg(256);
BENCHMARK(BM_mulmod)->Arg(64)->Arg(128)->Arg(256);
BENCHMARK(BM_addmod)->Arg(256);
BENCHMARK(BM_exp)->Arg(8)->Arg(64)->Arg(256);
BENCHMARK_MAIN();
