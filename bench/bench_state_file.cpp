// Loading and saving a local state file of 10,000 accounts (issue 12: "loaded
// in well under 100 ms for 10,000 accounts"). Every tenth account is a
// contract (four distinct code blobs of ~2 KB, shared) with 20 slots; the
// rest are funded externally owned accounts. Load = read the file, check its
// keccak trailer, decode into a MemoryBackend.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <unistd.h>

#include "chain/state_file.hpp"

namespace {

using suture::Address;
using suture::Bytes;
using suture::uint256;

suture::chain::LocalState make_state(int accounts) {
    suture::chain::LocalState s;
    s.block.chain_id = 1337;
    s.block.number = 1;
    std::vector<Bytes> codes;
    for (int c = 0; c < 4; ++c) {
        Bytes code(2048);
        for (size_t i = 0; i < code.size(); ++i) code[i] = uint8_t(i * 7 + c);
        codes.push_back(std::move(code));
    }
    for (int i = 0; i < accounts; ++i) {
        Address a;
        for (int b = 0; b < 4; ++b) a.bytes[16 + b] = uint8_t(i >> (8 * (3 - b)));
        a.bytes[0] = 0xde;
        if (i % 10 == 0) {
            std::unordered_map<uint256, uint256, suture::Uint256Hash> slots;
            for (uint64_t k = 0; k < 20; ++k) slots.emplace(uint256(k), uint256(uint64_t(i) * 100 + k + 1));
            s.accounts.set_account(a, 1, uint256(0), codes[size_t(i / 10) % codes.size()], slots);
        } else {
            s.accounts.set_account(a, uint64_t(i % 7), uint256(uint64_t(i) + 1) * uint256(1'000'000'000ULL), {});
        }
    }
    return s;
}

std::string temp_path() {
    return (std::filesystem::temp_directory_path() / ("suture-bench-" + std::to_string(::getpid()) + ".state")).string();
}

void BM_StateFileLoad(benchmark::State& state) {
    const std::string path = temp_path();
    if (!suture::chain::save_state_file(path, make_state(int(state.range(0)))).ok()) {
        state.SkipWithError("save failed");
        return;
    }
    for (auto _ : state) {
        auto loaded = suture::chain::load_state_file(path);
        if (!loaded.ok()) {
            state.SkipWithError(loaded.error().message.c_str());
            break;
        }
        benchmark::DoNotOptimize(loaded->accounts.accounts().size());
    }
    state.counters["file_bytes"] = double(std::filesystem::file_size(path));
    std::filesystem::remove(path);
}
BENCHMARK(BM_StateFileLoad)->Arg(10000)->Unit(benchmark::kMillisecond);

void BM_StateFileSave(benchmark::State& state) {
    const std::string path = temp_path();
    const auto s = make_state(int(state.range(0)));
    for (auto _ : state) {
        if (!suture::chain::save_state_file(path, s).ok()) {
            state.SkipWithError("save failed");
            break;
        }
    }
    std::filesystem::remove(path);
}
BENCHMARK(BM_StateFileSave)->Arg(10000)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
