// EVM interpreter speed on the standard benchmark programs
// (../shared/evm-bench/benchmarks, state-test format; see its BENCH.md).
//
// Each program/input runs as a message call to the `to` account with 1e9 gas
// under Cancun rules against the in-memory mock host; the code is analysed
// once (as a client caching by code hash would). Reported per benchmark:
// time per run, gas_used (execution gas of one run) and gas_rate (gas/s).
// The `state_host/` variants run the same call through evm::StateHost over
// an in-memory backend (journaled state, as transactions and the verify
// gates run), with a fresh State per run.
// The fixtures folder comes from SUTURE_SHARED (default <repo>/../shared).
#include <benchmark/benchmark.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>

#include <nlohmann/json.hpp>

#include "../tests/evm/interpreter_mock_host.hpp"
#include "core/hex.hpp"
#include "evm/analysis.hpp"
#include "evm/interpreter.hpp"
#include "evm/state_host.hpp"
#include "evm/state_memory.hpp"

namespace fs = std::filesystem;
using namespace suture;
using namespace suture::evm;

namespace {

constexpr int64_t bench_gas = 1'000'000'000;

struct Program {
    std::string name;
    Address to;
    Address caller;
    std::shared_ptr<AnalyzedCode> code;
    std::unordered_map<uint256, uint256, Uint256Hash> storage;
};

struct Case {
    std::shared_ptr<Program> program;
    Bytes input;
};

Message make_message(const Case& c) {
    Message m;
    m.gas = bench_gas;
    m.recipient = c.program->to;
    m.code_address = c.program->to;
    m.sender = c.program->caller;
    m.input = c.input;
    return m;
}

std::unique_ptr<testing::MockHost> make_host(const Case& c) {
    auto host = std::make_unique<testing::MockHost>(Revision::cancun);
    auto& acc = host->accounts[c.program->to];
    acc.code.assign(c.program->code->code().begin(), c.program->code->code().end());
    acc.storage = c.program->storage;
    return host;
}

void run_case(benchmark::State& state, const Case& c) {
    const Message msg = make_message(c);
    // One checked run on a fresh host: its gas is the program's execution gas.
    int64_t gas_used = 0;
    {
        auto host = make_host(c);
        const ExecResult r = execute(*host, Revision::cancun, msg, *c.program->code);
        if (r.status != StatusCode::success && r.status != StatusCode::revert) {
            state.SkipWithError((std::string("execution failed: ") + status_name(r.status)).c_str());
            return;
        }
        gas_used = bench_gas - r.gas_left;
    }
    auto host = make_host(c);
    for (auto _ : state) {
        ExecResult r = execute(*host, Revision::cancun, msg, *c.program->code);
        benchmark::DoNotOptimize(r.gas_left);
    }
    state.counters["gas_used"] = double(gas_used);
    state.counters["gas_rate"] =
        benchmark::Counter(double(gas_used) * double(state.iterations()), benchmark::Counter::kIsRate);
}

void run_case_state_host(benchmark::State& state, const Case& c) {
    const Message msg = make_message(c);
    MemoryBackend backend;
    backend.set_account(c.program->to, 1, uint256{}, Bytes(c.program->code->code().begin(), c.program->code->code().end()),
                        c.program->storage);
    AnalysisCache analysis;
    ExecOptions options;
    options.analysis = &analysis;
    const TxContext ctx;
    for (auto _ : state) {
        State st(backend, Revision::cancun);
        StateHost host(st, ctx, {}, options);
        ExecResult r = host.call(msg);
        benchmark::DoNotOptimize(r.gas_left);
    }
}

Address parse_addr(const std::string& s) {
    auto r = parse_address(s);
    return r.ok() ? *r : Address{};
}

// Registers every program/input of one fixture file; returns false with a message on bad input.
bool register_file(const fs::path& file, const std::string& group) {
    std::ifstream in(file);
    nlohmann::json j = nlohmann::json::parse(in, nullptr, false);
    if (j.is_discarded() || !j.is_object() || j.empty()) {
        std::cerr << file << ": not a state-test JSON file\n";
        return false;
    }
    for (auto& [name, t] : j.items()) {
        const auto& tx = t.at("transaction");
        auto program = std::make_shared<Program>();
        program->name = group + "/" + name;
        program->to = parse_addr(tx.at("to").get<std::string>());
        program->caller = parse_addr(tx.value("sender", std::string("0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b")));
        const auto& acc = t.at("pre").at(tx.at("to").get<std::string>());
        auto code = from_hex(acc.at("code").get<std::string>());
        if (!code.ok()) {
            std::cerr << file << ": bad code hex: " << code.error().message << "\n";
            return false;
        }
        program->code = std::make_shared<AnalyzedCode>(*code);
        if (acc.contains("storage"))
            for (auto& [k, v] : acc.at("storage").items()) {
                auto key = uint256::parse(k);
                auto value = uint256::parse(v.get<std::string>());
                if (key.ok() && value.ok()) program->storage[*key] = *value;
            }
        const auto& data = tx.at("data");
        const auto labels = t.contains("_info") ? t["_info"].value("labels", nlohmann::json::object())
                                                : nlohmann::json::object();
        for (size_t i = 0; i < data.size(); ++i) {
            auto input = from_hex(data[i].get<std::string>());
            if (!input.ok()) {
                std::cerr << file << ": bad input hex at data[" << i << "]\n";
                return false;
            }
            const std::string key = std::to_string(i);
            const std::string label = labels.contains(key) ? labels[key].get<std::string>() : key;
            auto c = std::make_shared<Case>(Case{program, std::move(*input)});
            benchmark::RegisterBenchmark((program->name + "/" + label).c_str(),
                                         [c](benchmark::State& s) { run_case(s, *c); })
                ->Unit(benchmark::kMicrosecond);
            benchmark::RegisterBenchmark(("state_host/" + program->name + "/" + label).c_str(),
                                         [c](benchmark::State& s) { run_case_state_host(s, *c); })
                ->Unit(benchmark::kMicrosecond);
        }
    }
    return true;
}

fs::path benchmarks_dir() {
    const char* shared = std::getenv("SUTURE_SHARED");
    const fs::path base = shared ? fs::path(shared) : fs::path(SUTURE_SOURCE_DIR) / ".." / "shared";
    return base / "evm-bench" / "benchmarks";
}

}  // namespace

int main(int argc, char** argv) {
    const fs::path dir = benchmarks_dir();
    if (!fs::is_directory(dir)) {
        std::cerr << "EVM benchmark programs not found at " << dir << " (set SUTURE_SHARED)\n";
        return 2;
    }
    std::vector<fs::path> files;
    for (const auto& group : {"main", "micro"})
        for (const auto& e : fs::directory_iterator(dir / group))
            if (e.path().extension() == ".json") files.push_back(e.path());
    std::sort(files.begin(), files.end());
    for (const auto& f : files)
        if (!register_file(f, f.parent_path().filename().string())) return 2;
    benchmark::Initialize(&argc, argv);
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
