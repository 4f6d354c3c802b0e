#include "respond/block_fetch.hpp"

#include "chain/rpc_history.hpp"
#include "chain/rpc_json.hpp"
#include "core/hex.hpp"
#include "respond/fork_execution.hpp"

namespace suture::respond {
namespace {

using json = nlohmann::json;

Error node_failed(const chain::RpcClient& rpc, const std::string& method, const chain::NodeError& e) {
    return chain_error(method + " at " + rpc.redacted_url() + ": node error " + std::to_string(e.code) + ": " + e.message);
}

// Receipts of each block: eth_getBlockReceipts, or one eth_getTransactionReceipt
// per transaction for a node without it.
Result<std::vector<json>> fetch_receipts(chain::RpcClient& rpc, const std::vector<json>& blocks) {
    std::vector<chain::RpcCall> calls;
    for (const auto& b : blocks) calls.push_back({"eth_getBlockReceipts", json::array({b["number"]})});
    SUTURE_TRY(answers, rpc.batch(calls));
    std::vector<json> out(blocks.size());
    for (size_t i = 0; i < blocks.size(); ++i) {
        if (!answers[i].error && answers[i].result.is_array()) {
            out[i] = std::move(answers[i].result);
            continue;
        }
        std::vector<chain::RpcCall> one;
        for (const auto& t : blocks[i]["transactions"])
            one.push_back({"eth_getTransactionReceipt", json::array({t.is_object() ? t.value("hash", json()) : t})});
        out[i] = json::array();
        if (one.empty()) continue;
        SUTURE_TRY(rs, rpc.batch(one));
        for (auto& r : rs) {
            if (r.error) return node_failed(rpc, "eth_getTransactionReceipt", *r.error);
            out[i].push_back(std::move(r.result));
        }
    }
    return out;
}

// Frames by re-executing the block on a fork of its parent.
Status trace_by_execution(chain::RpcClient& rpc, BlockTrace& b, const chain::HistoryBlock& h) {
    if (b.number == 0) return {};
    SUTURE_TRY(fork, ForkExecution::open(rpc.url(), b.number - 1, false));
    fork->set_env(h.env);
    for (size_t i = 0; i < b.txs.size(); ++i) {
        TxTrace scratch = b.txs[i];
        SUTURE_CHECK(fork->execute(h.txs[i].tx, scratch));
        b.txs[i].frames = std::move(scratch.frames);
        b.txs[i].traced = true;
    }
    return {};
}

}  // namespace

TxTrace tx_of(const Bytes32& hash, const evm::Transaction& tx) {
    TxTrace t;
    t.hash = hash;
    t.from = tx.sender;
    t.to = tx.to;
    t.input = tx.data;
    t.value = tx.value;
    t.priority_fee = tx.type == evm::TxType::legacy || tx.type == evm::TxType::access_list ? tx.gas_price
                                                                                          : tx.max_priority_fee_per_gas;
    return t;
}

Result<std::vector<BlockTrace>> fetch_blocks(chain::RpcClient& rpc, uint64_t first, uint64_t last, TraceMode& mode) {
    std::vector<chain::RpcCall> calls;
    for (uint64_t n = first; n <= last; ++n) calls.push_back({"eth_getBlockByNumber", json::array({chain::quantity(n), true})});
    SUTURE_TRY(answers, rpc.batch(calls));
    std::vector<json> blocks;
    for (auto& a : answers) {
        if (a.error) return node_failed(rpc, "eth_getBlockByNumber", *a.error);
        if (!a.result.is_object()) break;  // not there yet
        blocks.push_back(std::move(a.result));
    }
    SUTURE_TRY(receipts, fetch_receipts(rpc, blocks));

    std::vector<BlockTrace> out;
    std::vector<chain::HistoryBlock> history;
    for (size_t i = 0; i < blocks.size(); ++i) {
        SUTURE_TRY(h, chain::parse_history_block(blocks[i], receipts[i]));
        BlockTrace b;
        b.number = h.number;
        b.hash = h.hash;
        SUTURE_TRY(parent, chain::parse_bytes32(blocks[i].value("parentHash", json()), "parentHash"));
        b.parent = parent;
        b.timestamp = static_cast<uint64_t>(h.env.timestamp);
        for (const auto& t : h.txs) {
            TxTrace tx = tx_of(t.hash, t.tx);
            tx.success = t.receipt.status;
            tx.logs = t.receipt.logs;
            b.txs.push_back(std::move(tx));
        }
        out.push_back(std::move(b));
        history.push_back(std::move(h));
    }

    if (mode == TraceMode::node) {
        std::vector<chain::RpcCall> traces;
        for (const auto& b : out)
            for (const auto& t : b.txs)
                traces.push_back({"debug_traceTransaction", json::array({to_hex(t.hash), {{"tracer", "callTracer"}}})});
        if (!traces.empty()) {
            SUTURE_TRY(rs, rpc.batch(traces));
            size_t k = 0;
            for (auto& b : out)
                for (auto& t : b.txs) {
                    auto& r = rs[k++];
                    if (r.error) {
                        // Unknown or refused method: re-execute from here on.
                        mode = TraceMode::evm;
                        continue;
                    }
                    SUTURE_TRY(frames, parse_call_trace(r.result));
                    t.frames = std::move(frames);
                    t.traced = true;
                }
        }
    }
    if (mode == TraceMode::evm)
        for (size_t i = 0; i < out.size(); ++i)
            if (!out[i].txs.empty() && !out[i].txs.front().traced) SUTURE_CHECK(trace_by_execution(rpc, out[i], history[i]));
    return out;
}

}  // namespace suture::respond
