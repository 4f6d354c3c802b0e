// `suture check` speed: one old/new pair end to end (load both builds, check),
// and a 50+-contract build (all of @openzeppelin/contracts-upgradeable compiled
// once into a build-info at build time): load it and validate every contract.
// Every benchmark includes the load (read, parse, index) unless named Loaded;
// bench/check-wall-time.sh times the `suture` process itself.
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <string>

#include "solidity/load.hpp"
#include "upgrade/check.hpp"
#include "upgrade/check_build.hpp"

namespace {

using namespace suture;

#ifndef SUTURE_BINARY_DIR_BENCH
#define SUTURE_BINARY_DIR_BENCH SUTURE_SOURCE_DIR "/build"
#endif

std::string binary_dir() {
    const char* env = std::getenv("SUTURE_BUILD_DIR");
    return env ? env : SUTURE_BINARY_DIR_BENCH;
}

// A small project build: the Foundry out/ fixture (8 pairs, one build-info).
const std::string kPairBuild = std::string(SUTURE_SOURCE_DIR) + "/tests/fixtures/check/foundry/out";

void BM_CheckOnePairEndToEnd(benchmark::State& state) {
    for (auto _ : state) {
        auto set = solidity::load_build(kPairBuild);
        if (!set.ok()) {
            state.SkipWithError(set.error().message.c_str());
            return;
        }
        auto old_ref = solidity::find_contract(*set, "pairs/layout_insert.sol:V1");
        auto new_ref = solidity::find_contract(*set, "pairs/layout_insert.sol:V2");
        auto r = upgrade::check_upgrade(*old_ref, *new_ref);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_CheckOnePairEndToEnd)->Unit(benchmark::kMillisecond);

void BM_CheckOnePairLoaded(benchmark::State& state) {
    auto set = solidity::load_build(kPairBuild);
    if (!set.ok()) {
        state.SkipWithError(set.error().message.c_str());
        return;
    }
    auto old_ref = solidity::find_contract(*set, "pairs/gap_shrink_wrong.sol:V1");
    auto new_ref = solidity::find_contract(*set, "pairs/gap_shrink_wrong.sol:V2");
    for (auto _ : state) {
        auto r = upgrade::check_upgrade(*old_ref, *new_ref);
        benchmark::DoNotOptimize(r);
    }
}
BENCHMARK(BM_CheckOnePairLoaded)->Unit(benchmark::kMicrosecond);

// Every contract (abstract ones included; not libraries or interfaces) of the
// OpenZeppelin build, checked as an upgrade of itself: layout, code rules, ABI.
void BM_CheckOzUpgradeableBuild(benchmark::State& state) {
    std::string path = binary_dir() + "/fixtures/check/oz-upgradeable.build-info.json";
    size_t contracts = 0;
    for (auto _ : state) {
        auto set = solidity::load_build(path);
        if (!set.ok()) {
            state.SkipWithError(set.error().message.c_str());
            return;
        }
        contracts = 0;
        for (const auto& b : set->builds)
            for (const auto& c : b.contracts) {
                if (!c.node || c.node->value("contractKind", "") != "contract")
                    continue;
                solidity::ContractRef ref{&b, &c};
                auto r = upgrade::check_upgrade(ref, ref);
                benchmark::DoNotOptimize(r);
                ++contracts;
            }
    }
    state.counters["contracts"] = static_cast<double>(contracts);
}
BENCHMARK(BM_CheckOzUpgradeableBuild)->Unit(benchmark::kMillisecond);

// What `suture check --new <build> [--all]` does: load, then check_build
// (OpenZeppelin validate's choice of upgradeable contracts, or every contract).
void BM_CheckOzBuildLikeCli(benchmark::State& state) {
    std::string path = binary_dir() + "/fixtures/check/oz-upgradeable.build-info.json";
    upgrade::BuildCheckOptions opt;
    opt.select = state.range(0) ? upgrade::BuildSelection::all : upgrade::BuildSelection::upgradeable;
    size_t contracts = 0;
    for (auto _ : state) {
        auto set = solidity::load_build(path);
        if (!set.ok()) {
            state.SkipWithError(set.error().message.c_str());
            return;
        }
        auto r = upgrade::check_build(*set, opt);
        if (!r.ok()) {
            state.SkipWithError(r.error().message.c_str());
            return;
        }
        contracts = r->size();
    }
    state.counters["contracts"] = static_cast<double>(contracts);
}
BENCHMARK(BM_CheckOzBuildLikeCli)->Arg(0)->Arg(1)->ArgName("all")->Unit(benchmark::kMillisecond);

// The load alone (read, parse, index the ASTs, read sources), to split the above.
void BM_LoadOzUpgradeableBuild(benchmark::State& state) {
    std::string path = binary_dir() + "/fixtures/check/oz-upgradeable.build-info.json";
    for (auto _ : state) {
        auto set = solidity::load_build(path);
        if (!set.ok()) {
            state.SkipWithError(set.error().message.c_str());
            return;
        }
        benchmark::DoNotOptimize(set);
    }
}
BENCHMARK(BM_LoadOzUpgradeableBuild)->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
