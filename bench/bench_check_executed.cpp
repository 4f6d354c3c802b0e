// What the executed checks of `suture check` add per pair: check_upgrade with
// and without them on fixture pairs already loaded (so only the checks are
// timed), for a plain storage pair, a many-getter pair and an OpenZeppelin
// UUPS pair (deploy, initializers, proxy, populate, upgrade twice).
#include <benchmark/benchmark.h>

#include <string>

#include "solidity/load.hpp"
#include "upgrade/check.hpp"

namespace {

using namespace suture;

const solidity::BuildSet* pairs() {
    static auto set = solidity::load_build(std::string(SUTURE_BINARY_DIR) + "/fixtures/check/pairs.solc.json");
    return set.ok() ? &*set : nullptr;
}

void run_pair(benchmark::State& state, const char* pair, bool execute) {
    const auto* set = pairs();
    if (!set) {
        state.SkipWithError("fixtures/check/pairs.solc.json missing: build the check_pairs_solc target");
        return;
    }
    std::string src = std::string("pairs/") + pair + ".sol";
    auto o = solidity::find_contract(*set, src + ":V1");
    auto n = solidity::find_contract(*set, src + ":V2");
    if (!o.ok() || !n.ok()) {
        state.SkipWithError("pair not found");
        return;
    }
    upgrade::CheckOptions opt;
    opt.execute = execute;
    for (auto _ : state) {
        auto r = upgrade::check_upgrade(*o, *n, opt);
        benchmark::DoNotOptimize(r);
    }
}

void BM_Check(benchmark::State& state, const char* pair) { run_pair(state, pair, false); }
void BM_CheckExecuted(benchmark::State& state, const char* pair) { run_pair(state, pair, true); }

BENCHMARK_CAPTURE(BM_Check, layout_swap, "exec_storage_swap")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckExecuted, layout_swap, "exec_storage_swap")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Check, many_getters, "exec_storage_append")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckExecuted, many_getters, "exec_storage_append")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Check, oz_uups, "uups_ok")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckExecuted, oz_uups, "uups_ok")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Check, oz_access_control_uups, "exec_uups_access_control")->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_CheckExecuted, oz_access_control_uups, "exec_uups_access_control")->Unit(benchmark::kMillisecond);

}  // namespace

BENCHMARK_MAIN();
