// The in-process node (chain/devnode) at the sizes the demo uses: sending
// signed transactions through chain::RpcClient (each validated, executed and
// mined in its own block, with undo record, state root and header hash),
// writing the state file with its history, and reading state at an old block.
// The demo's budget is hundreds of transactions in < 20 s in one process.
#include <benchmark/benchmark.h>

#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <unistd.h>

#include "../tests/support/evm_programs.hpp"
#include "chain/devnet.hpp"
#include "chain/devnode/dev_node.hpp"
#include "chain/transaction.hpp"
#include "evm/state_host.hpp"

namespace {

using namespace suture;
namespace programs = suture::test::programs;

// GCC 12 at -O3 reports a false -Wfree-nonheap-object in the inlined
// destructor of the Result<LocalState> below (the variant's Error branch).
#pragma GCC diagnostic push
#pragma GCC diagnostic ignored "-Wfree-nonheap-object"
chain::LocalState devnet(uint32_t extra_accounts) {
    chain::DevnetOptions o;
    o.accounts = 8;
    for (uint32_t i = 0; i < extra_accounts; ++i) {
        Address a;
        a.bytes[0] = 0xbe;
        for (int b = 0; b < 4; ++b) a.bytes[16 + b] = uint8_t(i >> (8 * (3 - b)));
        o.fund.push_back(a);
    }
    auto made = chain::new_devnet(o);
    if (!made.ok()) {
        std::fprintf(stderr, "bench_devnode: %s\n", made.error().message.c_str());
        std::exit(2);
    }
    return std::move(*made);
}
#pragma GCC diagnostic pop

// A deploy of the store-and-log contract, then `count - 1` calls to it from
// eight senders (each a fresh slot write and a log).
std::vector<Bytes> signed_history(size_t count) {
    std::vector<Bytes> out;
    std::vector<uint64_t> nonces(8, 0);
    Address contract;
    for (size_t i = 0; i < count; ++i) {
        const uint32_t from = i == 0 ? 0 : uint32_t(i % 8);
        chain::Transaction tx;
        tx.chain_id = 1337;
        tx.nonce = nonces[from]++;
        tx.max_priority_fee_per_gas = uint256(1'000'000'000);
        tx.max_fee_per_gas = uint256(10'000'000'000ULL);
        tx.gas_limit = 200'000;
        if (i == 0) {
            tx.data = programs::initcode(programs::store_and_log());
            contract = evm::create_address(chain::dev_key(0).value().address(), 0);
        } else {
            tx.to = contract;
            tx.data = programs::store_call(uint8_t(i % 251), uint8_t(1 + i % 200));
            tx.data[30] = uint8_t(i >> 8);  // a distinct slot per call
        }
        out.push_back(chain::sign_transaction(tx, chain::dev_key(from).value()).value().raw);
    }
    return out;
}

void send_all(chain::RpcClient& rpc, const std::vector<Bytes>& txs) {
    for (const Bytes& raw : txs)
        if (!rpc.send_raw_transaction(raw).ok()) std::abort();
}

void BM_DevNodeSendRawTransaction(benchmark::State& state) {
    const auto txs = signed_history(size_t(state.range(0)));
    const chain::LocalState genesis = devnet(uint32_t(state.range(1)));
    for (auto _ : state) {
        state.PauseTiming();
        auto node = chain::DevNode::in_memory(genesis);
        auto rpc = chain::connect(node);
        state.ResumeTiming();
        send_all(*rpc, txs);
    }
    state.counters["tx/s"] = benchmark::Counter(double(txs.size()), benchmark::Counter::kIsIterationInvariantRate);
}
BENCHMARK(BM_DevNodeSendRawTransaction)->Args({500, 0})->Args({100, 10'000})->Unit(benchmark::kMillisecond);

void BM_DevNodeWriteFile(benchmark::State& state) {
    const auto txs = signed_history(size_t(state.range(0)));
    auto node = chain::DevNode::in_memory(devnet(0));
    send_all(*chain::connect(node), txs);
    const chain::LocalState s = node->state();
    const std::string path =
        (std::filesystem::temp_directory_path() / ("suture-bench-devnode-" + std::to_string(::getpid()) + ".state")).string();
    for (auto _ : state)
        if (!chain::save_state_file(path, s).ok()) std::abort();
    state.counters["bytes"] = double(std::filesystem::file_size(path));
    std::filesystem::remove(path);
}
BENCHMARK(BM_DevNodeWriteFile)->Arg(500)->Unit(benchmark::kMillisecond);

void BM_DevNodeLoadFile(benchmark::State& state) {
    const auto txs = signed_history(size_t(state.range(0)));
    auto node = chain::DevNode::in_memory(devnet(0));
    send_all(*chain::connect(node), txs);
    const std::string path =
        (std::filesystem::temp_directory_path() / ("suture-bench-devnode-" + std::to_string(::getpid()) + ".state")).string();
    if (!chain::save_state_file(path, node->state()).ok()) std::abort();
    for (auto _ : state)
        if (!chain::load_state_file(path).ok()) std::abort();
    std::filesystem::remove(path);
}
BENCHMARK(BM_DevNodeLoadFile)->Arg(500)->Unit(benchmark::kMillisecond);

// eth_getStorageAt at block 1 walks the undo records of every later block.
void BM_DevNodeHistoricalRead(benchmark::State& state) {
    const auto txs = signed_history(size_t(state.range(0)));
    auto node = chain::DevNode::in_memory(devnet(0));
    auto rpc = chain::connect(node);
    send_all(*rpc, txs);
    const Address contract = evm::create_address(chain::dev_key(0).value().address(), 0);
    for (auto _ : state) benchmark::DoNotOptimize(rpc->get_storage_at(contract, uint256(1), chain::BlockTag::number(1)));
}
BENCHMARK(BM_DevNodeHistoricalRead)->Arg(500);

}  // namespace

BENCHMARK_MAIN();
