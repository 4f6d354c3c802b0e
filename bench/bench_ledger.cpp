// Ledger speed (issue 14's targets): durable appends per second (>= 10,000
// events/s), verify() over 100,000 events (< 1 s), and `suture status`
// (pipeline::patch_statuses) on a ledger with 1,000 patches (< 50 ms). Appends are durable:
// WAL with synchronous=FULL, so each commit waits for fsync; batching many
// events into one transaction() is what makes the rate, so both the batched
// and the one-commit-per-event rates are reported. The ledger lives in
// $TMPDIR (the disk under test).
#include <benchmark/benchmark.h>
#include <unistd.h>

#include <filesystem>

#include <fstream>

#include "chain/devnet.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "ledger/ledger.hpp"
#include "pipeline/gate.hpp"
#include "pipeline/patch_status.hpp"

namespace {

namespace fs = std::filesystem;
using suture::ledger::Access;
using suture::ledger::Ledger;

std::string fresh_path(const char* name) {
    fs::path p = fs::temp_directory_path() / ("suture-bench-" + std::to_string(getpid()) + "-" + name + ".db");
    for (const char* ext : {"", "-wal", "-shm", ".lock"}) fs::remove(p.string() + ext);
    return p.string();
}

// A gate-run-sized event (~250 bytes of canonical JSON).
nlohmann::json event(int64_t i) {
    return {{"gate", "replay"},
            {"block", i},
            {"input_hash", suture::to_hex(suture::keccak256(std::to_string(i)))},
            {"verdict", "pass"},
            {"findings", nlohmann::json::array({{{"code", "replay-diff"}, {"severity", "info"}, {"tx", i}}})}};
}

void BM_LedgerAppend(benchmark::State& state) {
    const int64_t batch = state.range(0);
    const std::string path = fresh_path("append");
    auto l = Ledger::open(path, Access::write);
    if (!l.ok()) {
        state.SkipWithError(l.error().message.c_str());
        return;
    }
    int64_t n = 0;
    for (auto _ : state) {
        auto s = l->transaction([&]() -> suture::Status {
            for (int64_t i = 0; i < batch; ++i) {
                auto seq = l->append("gate.progress", event(n++));
                if (!seq.ok()) return std::move(seq).error();
            }
            return {};
        });
        if (!s.ok()) state.SkipWithError(s.error().message.c_str());
    }
    state.SetItemsProcessed(n);
    state.counters["events/s"] = benchmark::Counter(double(n), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_LedgerAppend)->Arg(1)->Arg(100)->Arg(1000)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_LedgerVerify100k(benchmark::State& state) {
    const std::string path = fresh_path("verify");
    {
        auto l = Ledger::open(path, Access::write);
        if (!l.ok()) {
            state.SkipWithError(l.error().message.c_str());
            return;
        }
        // Mostly free-form events, one patch with a gate run every 100 events
        // (mirrored rows are compared with their records too).
        auto s = l->transaction([&]() -> suture::Status {
            SUTURE_TRY(patch, l->add_patch({std::nullopt, "bench", "suture.toml"}));
            for (int64_t i = 1; i < 100000; ++i) {
                if (i % 100 == 0) {
                    SUTURE_TRY(g, l->record_gate_run({patch, "replay", suture::keccak256(std::to_string(i)), "pass",
                                                      event(i)["findings"]}));
                    (void)g;
                } else {
                    SUTURE_TRY(seq, l->append("gate.progress", event(i)));
                    (void)seq;
                }
            }
            return {};
        });
        if (!s.ok()) {
            state.SkipWithError(s.error().message.c_str());
            return;
        }
    }
    auto l = Ledger::open(path, Access::read);
    for (auto _ : state) {
        auto r = l->verify();
        if (!r.ok() || !r->intact() || r->records != 100000) state.SkipWithError("verify failed");
    }
}
BENCHMARK(BM_LedgerVerify100k)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(3);

// 1,000 patches, each with a run of every gate (a finding or two each), a
// digest and two approvals of it, all from one manifest: what `suture status`
// reads and tallies.
void BM_Status1000Patches(benchmark::State& state) {
    const fs::path dir = fs::path(fresh_path("status")).replace_extension("");
    fs::create_directories(dir / "out");
    std::ofstream(dir / "dev.state") << "x";
    auto r1 = suture::chain::dev_key(1), r2 = suture::chain::dev_key(2);
    std::ofstream(dir / "suture.toml") << "[chains.dev]\nchain_id = 1337\nstate_file = \"dev.state\"\n"
                                          "[targets.t]\nchain = \"dev\"\naddress = \"0x00000000000000000000000000000000000000aa\"\n"
                                          "route = \"uups\"\n[builds.b]\npath = \"out\"\n"
                                          "[patch]\ntarget = \"t\"\nold = { build = \"b\", contract = \"A\" }\n"
                                          "new = { build = \"b\", contract = \"B\" }\n[policy]\nreviewers = [\""
                                       << suture::to_checksum(r1->address()) << "\", \"" << suture::to_checksum(r2->address())
                                       << "\"]\nthreshold = 2\n";
    const std::string path = (dir / "suture.ledger").string();
    {
        auto l = Ledger::open(path, Access::write);
        if (!l.ok()) {
            state.SkipWithError(l.error().message.c_str());
            return;
        }
        auto s = l->transaction([&]() -> suture::Status {
            for (int i = 0; i < 1000; ++i) {
                SUTURE_TRY(patch, l->add_patch({std::nullopt, "p" + std::to_string(i), (dir / "suture.toml").string()}));
                for (const auto& g : suture::pipeline::gates()) {
                    auto findings = nlohmann::json::array(
                        {{{"code", "insert"}, {"severity", "warning"}, {"message", "a finding"}, {"suppressed", false}}});
                    SUTURE_TRY(run, l->record_gate_run({patch, g.name, suture::keccak256(std::to_string(i)), "pass", findings}));
                    (void)run;
                }
                suture::ledger::PatchDigestInput in;
                in.chain_id = 1337;
                in.route = "uups";
                in.new_code_hash = suture::keccak256(std::to_string(i));
                SUTURE_TRY(d, l->record_patch_digest(patch, in));
                (void)d;
                const auto digest = suture::ledger::patch_digest(in);
                SUTURE_TRY(a1, l->record_approval(suture::ledger::sign_approval(*r1, digest), patch));
                SUTURE_TRY(a2, l->record_approval(suture::ledger::sign_approval(*r2, digest), patch));
                (void)a1, (void)a2;
            }
            return {};
        });
        if (!s.ok()) {
            state.SkipWithError(s.error().message.c_str());
            return;
        }
    }
    auto l = Ledger::open(path, Access::read);
    for (auto _ : state) {
        auto all = suture::pipeline::patch_statuses(*l);
        if (!all.ok() || all->size() != 1000 || all->back().approvals != 2 || all->back().next != "deploy")
            state.SkipWithError(all.ok() ? "wrong status" : all.error().message.c_str());
    }
    fs::remove_all(dir);
}
BENCHMARK(BM_Status1000Patches)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(5);

}  // namespace

BENCHMARK_MAIN();
