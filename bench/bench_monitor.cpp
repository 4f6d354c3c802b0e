// `suture monitor` speed (issue 15's targets):
//   - BM_MonitorBlocks: blocks per second the monitor evaluates with 20
//     detectors over a synthetic history of 10,000 blocks (target >= 1,000),
//     end to end: JSON-RPC over HTTP to a synthetic node on loopback (blocks
//     with full transactions, receipts, callTracer traces, the invariant's
//     eth_call and the slot read per block), parsing, tracking, evaluation.
//     BM_DetectorsOnly is the evaluation alone, on the same blocks parsed.
//   - BM_DetectionToPause: from the block being fetched to the pause action
//     being called, for a block holding a drain (target < 100 ms); the pause
//     action returns at once (sending is the node's time, not the monitor's).
// The synthetic node is a thread of this process answering HTTP/1.1 JSON-RPC
// (one request per connection), so the numbers include real HTTP and JSON.
// The state reads (the invariant's eth_call, the slot's eth_getStorageAt) of
// a run of blocks go in one batch, and the next run is fetched while this one
// is evaluated (respond/state_reads.hpp, Monitor's follow()).
#include <benchmark/benchmark.h>

#include <atomic>
#include <memory>
#include <unordered_map>

#include "../tests/chain/scripted_server.hpp"

#include "chain/rpc_json.hpp"
#include "core/abi_encode.hpp"
#include "core/hex.hpp"
#include "core/keccak.hpp"
#include "respond/block_fetch.hpp"
#include "respond/detector_set.hpp"
#include "respond/monitor.hpp"

namespace {

using json = nlohmann::json;
using namespace suture;
using namespace suture::respond;

Address addr(uint8_t b) {
    Address a;
    a.bytes.fill(b);
    return a;
}
std::string hex_addr(uint8_t b) { return to_checksum(addr(b)); }
Bytes32 block_hash(uint64_t n) { return keccak256("block" + std::to_string(n)); }
Bytes32 tx_hash(uint64_t n, int i) { return keccak256("tx" + std::to_string(n) + "." + std::to_string(i)); }
std::string topic(const Address& a) {
    Bytes32 t{};
    std::copy(a.bytes.begin(), a.bytes.end(), t.begin() + 12);
    return to_hex(t);
}

const Address kVault = addr(0x11), kToken = addr(0x70), kImpl = addr(0x12);
constexpr int kTxPerBlock = 4;

// Block n's transactions: users deposit and withdraw small amounts through
// the vault (a proxy), the vault moves tokens and ETH. A drain block (when
// `drain_at` == n) withdraws 1,000 ether.
struct History {
    uint64_t head = 10'000;
    uint64_t drain_at = UINT64_MAX;

    uint64_t amount(uint64_t n, int i) const { return n == drain_at ? 1000 : 1 + (n * 7 + i) % 5; }
    Bytes withdraw(uint64_t a) const {
        return *abi::encode_call(*abi::parse_signature("withdraw(uint256)"), {uint256(a)});
    }
    json block(uint64_t n) const {
        json txs = json::array();
        for (int i = 0; i < kTxPerBlock; ++i)
            txs.push_back({{"hash", to_hex(tx_hash(n, i))}, {"type", "0x2"}, {"from", hex_addr(uint8_t(0x30 + i))},
                           {"to", to_checksum(kVault)}, {"nonce", chain::quantity(n)}, {"value", "0x0"},
                           {"input", to_hex(withdraw(amount(n, i)))}, {"gas", "0x30000"},
                           {"maxFeePerGas", "0x3b9aca00"}, {"maxPriorityFeePerGas", "0x1"},
                           {"accessList", json::array()}, {"chainId", "0x7a69"}});
        return {{"number", chain::quantity(n)}, {"hash", to_hex(block_hash(n))},
                {"parentHash", to_hex(block_hash(n - 1))}, {"timestamp", chain::quantity(1'700'000'000 + n * 12)},
                {"gasLimit", "0x1c9c380"}, {"gasUsed", "0x14820"}, {"miner", hex_addr(0)}, {"baseFeePerGas", "0x7"},
                {"mixHash", to_hex(Bytes32{})}, {"transactions", txs}};
    }
    json receipts(uint64_t n) const {
        json out = json::array();
        const Bytes32 transfer = abi::event_topic("Transfer(address,address,uint256)");
        for (int i = 0; i < kTxPerBlock; ++i) {
            Bytes32 v = (uint256(amount(n, i)) * uint256(1'000'000'000'000'000'000ULL)).to_bytes32();
            json log{{"address", to_checksum(kToken)},
                     {"topics", {to_hex(transfer), topic(kVault), topic(addr(uint8_t(0x30 + i)))}},
                     {"data", to_hex(v)}, {"logIndex", chain::quantity(uint64_t(i))}};
            out.push_back({{"transactionHash", to_hex(tx_hash(n, i))}, {"blockHash", to_hex(block_hash(n))},
                           {"blockNumber", chain::quantity(n)}, {"transactionIndex", chain::quantity(uint64_t(i))},
                           {"from", hex_addr(uint8_t(0x30 + i))}, {"to", to_checksum(kVault)}, {"gasUsed", "0x5208"},
                           {"cumulativeGasUsed", "0x5208"}, {"status", "0x1"}, {"logs", {log}}});
        }
        return out;
    }
    json trace(uint64_t n, int i) const {
        const std::string in = to_hex(withdraw(amount(n, i)));
        const std::string user = hex_addr(uint8_t(0x30 + i));
        const uint256 wei = uint256(amount(n, i)) * uint256(1'000'000'000'000'000'000ULL);
        return {{"type", "CALL"}, {"from", user}, {"to", to_checksum(kVault)}, {"input", in}, {"value", "0x0"},
                {"calls", {{{"type", "DELEGATECALL"}, {"from", to_checksum(kVault)}, {"to", to_checksum(kImpl)},
                            {"input", in},
                            {"calls", {{{"type", "CALL"}, {"from", to_checksum(kVault)}, {"to", user},
                                        {"input", "0x"}, {"value", chain::quantity(wei)}}}}}}}};
    }
};

// A JSON-RPC node over HTTP on a loopback port (tests/chain/scripted_server.hpp),
// answering from a History whose answers are rendered before the clock starts
// (the node's own work must not count as the monitor's). `visible` is the
// head it reports.
class SyntheticNode {
public:
    explicit SyntheticNode(const History& h) : visible_(h.head) {
        blocks_.resize(h.head + 1);
        receipts_.resize(h.head + 1);
        for (uint64_t n = 1; n <= h.head; ++n) {
            blocks_[n] = h.block(n).dump();
            receipts_[n] = h.receipts(n).dump();
            for (int i = 0; i < kTxPerBlock; ++i) traces_[to_hex(tx_hash(n, i))] = h.trace(n, i).dump();
        }
        server_ = std::make_unique<chain::testing_support::LoopbackServer>(
            [this](const chain::testing_support::HttpRequest& req) { return reply(req); }, 64);
    }
    std::string url() const { return server_->url(); }
    void set_head(uint64_t n) { visible_ = n; }

private:
    // One response object, as text.
    std::string answer(const json& call) {
        const std::string m = call.value("method", "");
        const json& p = call.contains("params") ? call["params"] : json::array();
        const std::string head = "{\"jsonrpc\":\"2.0\",\"id\":" + call["id"].dump() + ",\"result\":";
        auto number = [&] { return *chain::parse_u64(p[0], "n"); };
        if (m == "eth_blockNumber") return head + "\"" + chain::quantity(visible_.load()) + "\"}";
        if (m == "eth_chainId") return head + "\"0x7a69\"}";
        if (m == "eth_getBlockByNumber") {
            uint64_t n = number();
            return head + (n <= visible_ && n < blocks_.size() ? blocks_[n] : "null") + "}";
        }
        if (m == "eth_getBlockReceipts") return head + receipts_.at(number()) + "}";
        if (m == "debug_traceTransaction") {
            auto it = traces_.find(p[0].get<std::string>());
            return head + (it == traces_.end() ? "null" : it->second) + "}";
        }
        if (m == "eth_call") return head + "\"" + to_hex(uint256(1).to_bytes32()) + "\"}";  // solvent() == true
        if (m == "eth_getStorageAt") return head + "\"" + to_hex(Bytes32{}) + "\"}";
        return "{\"jsonrpc\":\"2.0\",\"id\":" + call["id"].dump() +
               ",\"error\":{\"code\":-32601,\"message\":\"no " + m + "\"}}";
    }
    chain::testing_support::HttpReply reply(const chain::testing_support::HttpRequest& req) {
        json in = json::parse(req.body, nullptr, false);
        if (!in.is_array()) return {200, answer(in)};
        std::string body = "[";
        for (const auto& call : in) body += (body.size() > 1 ? "," : "") + answer(call);
        return {200, body + "]"};
    }

    std::vector<std::string> blocks_, receipts_;
    std::unordered_map<std::string, std::string> traces_;
    std::atomic<uint64_t> visible_;
    std::unique_ptr<chain::testing_support::LoopbackServer> server_;  // last: stops first
};

// Twenty detectors of every kind the chain's data feeds.
std::vector<DetectorSpec> twenty_detectors() {
    std::vector<DetectorSpec> out;
    const char* transfer = "event Transfer(address indexed from, address indexed to, uint256 value)";
    for (int i = 0; i < 6; ++i) {
        DetectorSpec d;
        d.name = "event-" + std::to_string(i);
        d.events.push_back(*parse_event_filter(transfer, {"value > " + std::to_string(100 + i) + "000000000000000000"},
                                               kToken));
        out.push_back(d);
    }
    for (int i = 0; i < 5; ++i) {
        DetectorSpec d;
        d.name = "call-" + std::to_string(i);
        d.calls.push_back(*parse_call_filter("withdraw(uint256 amount)", {"amount > " + std::to_string(500 + i)},
                                             i % 2 ? kVault : kImpl));
        out.push_back(d);
    }
    DetectorSpec failed;
    failed.name = "failed";
    failed.status = TxStatusFilter::failure;
    out.push_back(failed);
    for (int i = 0; i < 2; ++i) {
        DetectorSpec w;
        w.name = "watch-" + std::to_string(i);
        w.kind = DetectorKind::watchlist;
        w.watchlist = WatchlistSpec{kVault, {"upgradeToAndCall(address,bytes)", "setOwner(address)"}, {addr(0x99)}};
        out.push_back(w);
    }
    using S = OutflowSpec::Scope;
    const uint256 big = uint256(500) * uint256(1'000'000'000'000'000'000ULL);
    auto outflow = [&](std::string name, OutflowSpec o) {
        DetectorSpec d;
        d.name = std::move(name);
        d.kind = DetectorKind::outflow;
        d.outflow = std::move(o);
        out.push_back(std::move(d));
    };
    outflow("eth-tx", OutflowSpec{kVault, std::nullopt, "ETH", big, S::transaction, 0});
    outflow("token-block", OutflowSpec{kVault, kToken, "TKN", big, S::block, 0});
    outflow("token-window", OutflowSpec{kVault, kToken, "TKN", big * uint256(4), S::window, 50});
    DetectorSpec e;
    e.name = "expr";
    e.kind = DetectorKind::expression;
    e.expression = "call-0 && !watch-0";
    out.push_back(e);
    DetectorSpec inv;
    inv.name = "solvent";
    inv.kind = DetectorKind::invariant;
    inv.invariant = InvariantSpec{kVault, "solvent()(bool)", {}, ""};
    out.push_back(inv);
    DetectorSpec slot;
    slot.name = "impl";
    slot.kind = DetectorKind::slot;
    slot.slot = SlotSpec{kVault, {"implementation"}};
    out.push_back(slot);
    return out;
}

void BM_MonitorBlocks(benchmark::State& state) {
    History h;
    SyntheticNode node(h);
    const auto detectors = twenty_detectors();
    uint64_t blocks = 0;
    for (auto _ : state) {
        chain::RpcClient rpc(node.url());
        MonitorSpec spec;
        spec.targets = {kVault};
        spec.detectors = detectors;
        spec.start_block = 1;
        spec.fetch_ahead = 64;
        auto m = Monitor::open({&rpc}, spec, {});
        if (!m) {
            state.SkipWithError(m.error().message.c_str());
            return;
        }
        MonitorStep s = (*m)->poll_once();
        if (s.node_failed || s.blocks != h.head) {
            state.SkipWithError(("evaluated " + std::to_string(s.blocks) + " blocks: " +
                                 (s.events.empty() || !s.events.back().error ? "" : s.events.back().error->message)).c_str());
            return;
        }
        if (!s.firings.empty()) {
            state.SkipWithError("a quiet history fired");
            return;
        }
        blocks += s.blocks;
    }
    state.counters["blocks_per_s"] = benchmark::Counter(double(blocks), benchmark::Counter::kIsRate);
    state.counters["detectors"] = double(detectors.size());
}
// CPU is the whole process's (the monitor, its fetch thread and the synthetic
// node): on a loaded machine the wall time is mostly waiting for a core.
BENCHMARK(BM_MonitorBlocks)->Unit(benchmark::kMillisecond)->UseRealTime()->MeasureProcessCPUTime()->Iterations(1);

void BM_DetectorsOnly(benchmark::State& state) {
    History h;
    SyntheticNode node(h);
    chain::RpcClient rpc(node.url());
    std::vector<BlockTrace> blocks;
    TraceMode mode = TraceMode::node;
    for (uint64_t n = 1; n <= h.head; n += 500) {
        auto b = fetch_blocks(rpc, n, n + 499, mode);
        if (!b) {
            state.SkipWithError(b.error().message.c_str());
            return;
        }
        for (auto& x : *b) blocks.push_back(std::move(x));
    }
    auto specs = twenty_detectors();
    specs.resize(18);  // the 18 that need no node
    for (auto _ : state) {
        auto set = DetectorSet::make(specs);
        size_t fired = 0;
        for (const auto& b : blocks) fired += set->evaluate(b).size();
        benchmark::DoNotOptimize(fired);
    }
    state.counters["blocks_per_s"] =
        benchmark::Counter(double(blocks.size()) * double(state.iterations()), benchmark::Counter::kIsRate);
}
BENCHMARK(BM_DetectorsOnly)->Unit(benchmark::kMillisecond)->UseRealTime();

void BM_DetectionToPause(benchmark::State& state) {
    History h;
    h.head = 101;
    h.drain_at = 101;  // block 101 withdraws 1,000 ether through the proxy
    SyntheticNode node(h);
    double worst_us = 0;
    for (auto _ : state) {
        state.PauseTiming();
        chain::RpcClient rpc(node.url());
        MonitorSpec spec;
        spec.targets = {kVault};
        spec.detectors = twenty_detectors();
        spec.start_block = 100;
        node.set_head(100);
        std::chrono::microseconds latency{0};
        MonitorHooks hooks;
        hooks.pause = [](const PauseCall& c) -> Result<std::vector<PauseOutcome>> {
            std::vector<PauseOutcome> out;
            for (const auto& t : c.targets) {
                PauseOutcome o;
                o.target = t;
                o.status = PauseOutcome::Status::done;
                out.push_back(o);
            }
            return out;
        };
        hooks.on_event = [&](const MonitorEvent& e) {
            if (e.kind == MonitorEvent::Kind::pause_sent) latency = e.latency;
        };
        auto m = Monitor::open({&rpc}, spec, std::move(hooks));
        (*m)->poll_once();  // block 100: quiet
        node.set_head(101);  // the drain is mined
        state.ResumeTiming();
        MonitorStep s = (*m)->poll_once();
        state.PauseTiming();
        if (s.pauses.size() != 1) {
            state.SkipWithError("the drain did not pause");
            return;
        }
        worst_us = std::max(worst_us, double(latency.count()));
        state.ResumeTiming();
    }
    state.counters["worst_detection_to_pause_ms"] = worst_us / 1000.0;
}
BENCHMARK(BM_DetectionToPause)->Unit(benchmark::kMillisecond)->UseRealTime()->Iterations(20);

}  // namespace

BENCHMARK_MAIN();
