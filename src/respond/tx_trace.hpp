// What the monitor's detectors see of a transaction and a block: the
// transaction's fields, its logs and status, and its call frames (every
// message call at any depth, so a function reached through a proxy or from
// an attacker's contract is seen like a direct call).
//
// Frames come from one of two places, both giving the same shape:
//   - a node's call tracer (debug_traceTransaction with {"tracer":
//     "callTracer"}: geth, anvil, reth), parsed by parse_call_trace();
//   - the in-process EVM, through FrameRecorder (pre-execution of a pending
//     transaction, or a node without debug_*).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "chain/rpc_types.hpp"
#include "core/address.hpp"
#include "core/result.hpp"
#include "core/uint256.hpp"
#include "evm/call_inspector.hpp"

namespace suture::respond {

struct CallFrame {
    Address from;          // CALLER (for a delegatecall: the proxy running the code)
    Address to;            // the account whose storage the frame uses (the proxy, for a delegatecall)
    Address code_address;  // whose code runs (the implementation, for a delegatecall)
    Bytes input;
    uint256 value;         // wei moved (zero for delegatecall/staticcall)
    bool delegate = false; // DELEGATECALL or CALLCODE
    bool create = false;
    bool reverted = false; // this frame or an enclosing one failed: its effects did not happen
    int depth = 0;         // 0: the transaction's top frame
};

struct TxTrace {
    Bytes32 hash{};
    Address from;
    std::optional<Address> to;  // nullopt: contract creation
    Bytes input;
    uint256 value;
    uint256 priority_fee;        // max priority fee (legacy: gas price)
    bool success = true;
    std::vector<chain::Log> logs;  // empty when it failed
    std::vector<CallFrame> frames; // empty when no trace was taken (then only the top call is known)
    bool traced = false;
};

struct BlockTrace {
    uint64_t number = 0;
    Bytes32 hash{};
    Bytes32 parent{};
    uint64_t timestamp = 0;
    std::vector<TxTrace> txs;
};

// The frames of one callTracer result (nested "calls"), depth first. A frame
// with an "error" marks itself and everything below it reverted.
Result<std::vector<CallFrame>> parse_call_trace(const nlohmann::json& trace);

// The frames a transaction ran, when the trace has none: its top call only.
std::vector<CallFrame> top_frame(const TxTrace& tx);

// Wei that left `target` in the transaction's effective frames (CALLs with
// value from the target that did not revert).
uint256 eth_outflow(const TxTrace& tx, const Address& target);

// True when any frame runs for `target` (as recipient or code address), or
// the transaction is sent to it.
bool touches(const TxTrace& tx, const Address& target);

// Records the frames of an in-process execution, in the same shape.
class FrameRecorder final : public evm::CallInspector {
public:
    void reset() { frames_.clear(), open_.clear(); }
    std::vector<CallFrame> take() { return std::move(frames_); }

    std::optional<evm::ExecResult> before_call(evm::Message& msg) override;
    void after_call(const evm::Message& msg, evm::ExecResult& result) override;
    void on_log(const Address&, BytesView, const Bytes32*, size_t) override {}
    void on_storage_read(const Address&, const uint256&) override {}
    void on_storage_write(const Address&, const uint256&, const uint256&) override {}

private:
    std::vector<CallFrame> frames_;
    std::vector<size_t> open_;  // indices of frames not yet returned
};

}  // namespace suture::respond
