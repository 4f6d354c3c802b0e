// `suture migrate` throughput (issue 16: snapshot and verify >= 50,000
// entries/s on the embedded default for 100,000 entries). The fixture vault's
// layout (build/fixtures/migrate/contracts.json) over a MemoryBackend whose
// storage holds 100,000 depositors (deposits, positionCount) written at the
// layout's slots, and 100,000 Deposit logs. Snapshot = decode the logs, read
// every entry, the total, and scan all storage for coverage gaps; verify =
// read every entry back from a second contract holding the same storage and
// compare, totals and the pause flag. Gas per migrated entry: the push and
// claim plans of the first 1,000 accounts simulated against the fixture's
// MigrationVault (real code, paused by the plan) and its two replacements.
#include <benchmark/benchmark.h>

#include <filesystem>
#include <optional>

#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "evm/state_memory.hpp"
#include "solidity/build.hpp"
#include "pipeline/migrate_claim.hpp"
#include "pipeline/migrate_push.hpp"
#include "solidity/load.hpp"
#include "verify/migration_snapshot.hpp"
#include "verify/migration_verify.hpp"

namespace {

using namespace suture;

constexpr uint32_t kEntries = 100'000;

uint256 slot_of_var(const solidity::ContractStorage& l, std::string_view name) {
    for (const auto& i : l.main.items)
        if (i.label == name) return uint256::from_bytes32(i.slot.to_be32());
    return uint256(~0ULL);
}

uint256 mapping_slot(const Address& a, const uint256& slot) {
    uint8_t buf[64] = {};
    std::copy(a.bytes.begin(), a.bytes.end(), buf + 12);
    slot.to_be(buf + 32);
    return uint256::from_bytes32(keccak256(BytesView(buf, 64)));
}

struct World {
    std::optional<solidity::BuildSet> builds;
    solidity::ContractStorage layout;
    evm::MemoryBackend state;
    std::vector<evm::Log> logs;
    verify::MigrationSpec spec;
    Address old_c, new_c;
};

World* world() {
    static World* w = [] {
        auto* w = new World;
        const std::string path = std::string(SUTURE_BINARY_DIR) + "/fixtures/migrate/contracts.json";
        auto set = solidity::load_build(path);
        if (!set) return static_cast<World*>(nullptr);
        w->builds = std::move(*set);
        auto ref = solidity::find_contract(*w->builds, "MigrationVault");
        w->layout = solidity::load_storage(*ref->build, *ref->contract).value();
        w->old_c.bytes[19] = 0x01;
        w->new_c.bytes[19] = 0x02;
        const uint256 dep = slot_of_var(w->layout, "deposits"), cnt = slot_of_var(w->layout, "positionCount");
        std::unordered_map<uint256, uint256, Uint256Hash> storage;
        uint256 total;
        const Bytes32 topic = abi::event_topic("Deposit(address,uint256)");
        for (uint32_t i = 0; i < kEntries; ++i) {
            Address a;
            a.bytes[0] = 0xd0;
            for (int b = 0; b < 4; ++b) a.bytes[16 + b] = uint8_t(i >> (8 * (3 - b)));
            const uint256 amount = uint256(1'000'000) + uint256(i);
            storage[mapping_slot(a, dep)] = amount;
            if (i % 4) storage[mapping_slot(a, cnt)] = uint256(i % 4);
            total += amount;
            Bytes32 who{};
            std::copy(a.bytes.begin(), a.bytes.end(), who.begin() + 12);
            const Bytes32 data = amount.to_bytes32();
            w->logs.push_back({w->old_c, {topic, who}, Bytes(data.begin(), data.end())});
        }
        storage[slot_of_var(w->layout, "totalDeposits")] = total;
        auto old_storage = storage;
        old_storage[uint256(0)] = uint256(1) << 160;  // owner zero, paused = true
        Bytes code{0x00};
        w->state.set_account(w->old_c, 1, uint256(0), code, old_storage);
        w->state.set_account(w->new_c, 1, uint256(0), code, storage);
        w->spec.contract = w->old_c;
        w->spec.tables.push_back({"accounts", {"Deposit(address indexed account, uint256 amount)"}, {"account"},
                                  {"deposits", "positionCount"}, true});
        w->spec.totals.push_back({"totalDeposits", "accounts.deposits"});
        return w;
    }();
    return w;
}

verify::MigrationSnapshot snapshot_of(World& w, benchmark::State& st) {
    verify::SnapshotSource src;
    src.state = &w.state;
    src.block = 1;
    src.logs = w.logs;
    src.storage = &w.state.accounts().at(w.old_c).storage;
    auto s = verify::take_snapshot(w.spec, w.layout, src);
    if (!s) st.SkipWithError(s.error().message.c_str());
    return s ? std::move(*s) : verify::MigrationSnapshot{};
}

void BM_MigrateSnapshot(benchmark::State& st) {
    World* w = world();
    if (!w) return st.SkipWithError("fixtures/migrate/contracts.json not built (target migrate_fixtures)");
    for (auto _ : st) {
        auto s = snapshot_of(*w, st);
        if (s.entry_count() != kEntries || !s.gaps.empty()) st.SkipWithError("unexpected snapshot");
        benchmark::DoNotOptimize(s);
    }
    st.SetItemsProcessed(int64_t(st.iterations()) * kEntries);
}

void BM_MigrateVerify(benchmark::State& st) {
    World* w = world();
    if (!w) return st.SkipWithError("fixtures/migrate/contracts.json not built (target migrate_fixtures)");
    const auto snap = snapshot_of(*w, st);
    verify::MigrationTargets t{w->old_c, w->new_c, &w->layout, &w->layout, "paused"};
    for (auto _ : st) {
        auto v = verify::verify_migration(w->spec, snap, t, w->state);
        if (!v || !v->ok() || v->entries_checked != kEntries) st.SkipWithError("unexpected verification");
        benchmark::DoNotOptimize(v);
    }
    st.SetItemsProcessed(int64_t(st.iterations()) * kEntries);
}

void BM_MigrateSnapshotJson(benchmark::State& st) {
    World* w = world();
    if (!w) return st.SkipWithError("fixtures/migrate/contracts.json not built (target migrate_fixtures)");
    const auto snap = snapshot_of(*w, st);
    for (auto _ : st) {
        auto text = verify::snapshot_json(snap);
        benchmark::DoNotOptimize(verify::snapshot_hash(text));
    }
    st.SetItemsProcessed(int64_t(st.iterations()) * kEntries);
}

// Gas of the whole migration of 1,000 accounts per entry (batches or claims,
// each a whole transaction), as `suture migrate plan` reports it.
void BM_MigrateGasPerEntry(benchmark::State& st, const char* strategy) {
    World* w = world();
    if (!w) return st.SkipWithError("fixtures/migrate/contracts.json not built (target migrate_fixtures)");
    auto snap = snapshot_of(*w, st);
    snap.tables[0].entries.resize(1000);
    Address owner;
    owner.bytes[19] = 0x0a;
    evm::MemoryBackend state;
    auto old_ref = solidity::find_contract(*w->builds, "MigrationVault");
    auto old_code = from_hex(old_ref->contract->deployed_bytecode);
    auto old_storage = w->state.accounts().at(w->old_c).storage;
    uint8_t owner_word[32] = {};
    std::copy(owner.bytes.begin(), owner.bytes.end(), owner_word + 12);
    old_storage[uint256(0)] = uint256::from_be(owner_word);  // owner, not paused
    state.set_account(w->old_c, 1, uint256(0), *old_code, old_storage);
    state.set_account(owner, 0, uint256(1) << 80, {}, {});
    evm::BlockEnv block;
    block.number = 2;
    block.timestamp = 1'700'000'000;
    block.gas_limit = 30'000'000;
    block.chain_id = uint256(1337);
    const pipeline::PlanChain chain{state, evm::Revision::cancun, block};
    pipeline::MigrationCalls calls;
    calls.setters = {{"accounts", "setAccounts(uint256,address[],uint256[],uint256[])"}};
    calls.claims = {{"accounts", "claimAccount(address,uint256,uint256,bytes32[])", "claimedAccount(address)"}};
    calls.max_batch_gas = 3'000'000;
    const bool push = std::string_view(strategy) == "push";
    auto new_ref = solidity::find_contract(*w->builds, push ? "MigrationVaultV2" : "MigrationVaultClaim");
    const Bytes init = from_hex(new_ref->contract->bytecode).value();
    double per_entry = 0;
    for (auto _ : st) {
        auto plan = push ? pipeline::plan_push(snap, calls, chain, owner, init)
                         : pipeline::plan_claim(snap, calls, chain, owner, owner, init);
        if (!plan) return st.SkipWithError(plan.error().message.c_str());
        per_entry = double(plan->entry_gas) / double(plan->entries);
    }
    st.counters["gas_per_entry"] = per_entry;
    st.SetItemsProcessed(int64_t(st.iterations()) * 1000);
}

}  // namespace

BENCHMARK_CAPTURE(BM_MigrateGasPerEntry, push, "push")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK_CAPTURE(BM_MigrateGasPerEntry, claim, "claim")->Unit(benchmark::kMillisecond)->Iterations(1);
BENCHMARK(BM_MigrateSnapshot)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MigrateVerify)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MigrateSnapshotJson)->Unit(benchmark::kMillisecond);
BENCHMARK_MAIN();
