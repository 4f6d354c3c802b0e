// Keccak-256 throughput (MB/s) of Suture's hand-written Keccak-f[1600]
// against OpenSSL's SHA3-256: the same permutation and rate (136 bytes) with
// different padding, so the two are directly comparable. OpenSSL 3.0 has no
// Keccak-256 with Ethereum's padding, which is why Suture carries its own.
#include <benchmark/benchmark.h>
#include <openssl/evp.h>

#include "core/keccak.hpp"

namespace {

using suture::Bytes;

Bytes input(size_t n) {
    Bytes b(n);
    for (size_t i = 0; i < n; ++i) b[i] = static_cast<uint8_t>(i * 31 + 7);
    return b;
}

void BM_Keccak256(benchmark::State& state) {
    const Bytes data = input(static_cast<size_t>(state.range(0)));
    for (auto _ : state) {
        auto h = suture::keccak256(data);
        benchmark::DoNotOptimize(h);
    }
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}

void BM_OpenSSL_SHA3_256(benchmark::State& state) {
    const Bytes data = input(static_cast<size_t>(state.range(0)));
    EVP_MD* md = EVP_MD_fetch(nullptr, "SHA3-256", nullptr);
    EVP_MD_CTX* ctx = EVP_MD_CTX_new();
    if (!md || !ctx) {
        state.SkipWithError("OpenSSL SHA3-256 unavailable");
        return;
    }
    unsigned char out[32];
    unsigned int len = 0;
    for (auto _ : state) {
        EVP_DigestInit_ex2(ctx, md, nullptr);
        EVP_DigestUpdate(ctx, data.data(), data.size());
        EVP_DigestFinal_ex(ctx, out, &len);
        benchmark::DoNotOptimize(out);
    }
    EVP_MD_CTX_free(ctx);
    EVP_MD_free(md);
    state.SetBytesProcessed(static_cast<int64_t>(state.iterations()) * state.range(0));
}

void BM_KeccakF1600(benchmark::State& state) {
    uint64_t lanes[25] = {};
    for (auto _ : state) {
        suture::keccakf1600(lanes);
        benchmark::DoNotOptimize(lanes);
    }
}

// 32 B: a storage key or address hash; 136 B: one rate block (absorbed plus a
// padding block); 4 KiB: typical contract code chunk; 1 MiB: bulk hashing.
BENCHMARK(BM_Keccak256)->Arg(32)->Arg(136)->Arg(4096)->Arg(1 << 20);
BENCHMARK(BM_OpenSSL_SHA3_256)->Arg(32)->Arg(136)->Arg(4096)->Arg(1 << 20);
BENCHMARK(BM_KeccakF1600);

}  // namespace

BENCHMARK_MAIN();
