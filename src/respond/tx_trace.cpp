#include "respond/tx_trace.hpp"

#include <string>

#include "chain/rpc_json.hpp"

namespace suture::respond {
namespace {

Status parse_frame(const nlohmann::json& j, int depth, bool parent_reverted, std::vector<CallFrame>& out) {
    if (!j.is_object()) return chain_error("call trace: a frame is not an object");
    if (depth > 1100) return chain_error("call trace: nested deeper than the EVM allows");
    CallFrame f;
    f.depth = depth;
    std::string type = j.value("type", "CALL");
    f.delegate = type == "DELEGATECALL" || type == "CALLCODE";
    f.create = type == "CREATE" || type == "CREATE2";
    SUTURE_TRY(from, chain::parse_addr(j.value("from", nlohmann::json()), "from"));
    f.from = from;
    if (auto it = j.find("to"); it != j.end() && !it->is_null()) {
        SUTURE_TRY(to, chain::parse_addr(*it, "to"));
        f.to = f.code_address = to;
    }
    // callTracer names the code's account as "to" of a DELEGATECALL; the
    // frame's storage (and what a filter on the proxy looks for) is the caller's.
    if (f.delegate) f.to = f.from;
    if (auto it = j.find("input"); it != j.end() && !it->is_null()) {
        SUTURE_TRY(input, chain::parse_data(*it, "input"));
        f.input = std::move(input);
    }
    if (auto it = j.find("value"); it != j.end() && !it->is_null() && !f.delegate) {
        SUTURE_TRY(v, chain::parse_u256(*it, "value"));
        f.value = v;
    }
    f.reverted = parent_reverted || j.contains("error");
    const bool reverted = f.reverted;
    out.push_back(std::move(f));
    if (auto it = j.find("calls"); it != j.end() && it->is_array())
        for (const auto& c : *it) SUTURE_CHECK(parse_frame(c, depth + 1, reverted, out));
    return {};
}

}  // namespace

Result<std::vector<CallFrame>> parse_call_trace(const nlohmann::json& trace) {
    std::vector<CallFrame> out;
    SUTURE_CHECK(parse_frame(trace, 0, false, out));
    return out;
}

std::vector<CallFrame> top_frame(const TxTrace& tx) {
    CallFrame f;
    f.from = tx.from;
    if (tx.to) f.to = f.code_address = *tx.to;
    f.create = !tx.to;
    f.input = tx.input;
    f.value = tx.value;
    f.reverted = !tx.success;
    return {f};
}

uint256 eth_outflow(const TxTrace& tx, const Address& target) {
    uint256 sum;
    if (!tx.traced) return sum;  // only the trace sees internal transfers
    for (const auto& f : tx.frames)
        if (!f.reverted && !f.delegate && f.from == target && f.depth > 0) sum += f.value;
    return sum;
}

bool touches(const TxTrace& tx, const Address& target) {
    if (tx.to == target) return true;
    for (const auto& f : tx.frames)
        if (f.to == target || f.code_address == target) return true;
    return false;
}

std::optional<evm::ExecResult> FrameRecorder::before_call(evm::Message& msg) {
    CallFrame f;
    f.from = msg.sender;
    f.to = msg.recipient;
    f.code_address = msg.code_address;
    f.input.assign(msg.input.begin(), msg.input.end());
    f.delegate = msg.kind == evm::CallKind::delegatecall || msg.kind == evm::CallKind::callcode;
    f.create = msg.kind == evm::CallKind::create || msg.kind == evm::CallKind::create2;
    if (!f.delegate) f.value = msg.value;
    f.depth = msg.depth;
    open_.push_back(frames_.size());
    frames_.push_back(std::move(f));
    return std::nullopt;
}

void FrameRecorder::after_call(const evm::Message&, evm::ExecResult& result) {
    if (open_.empty()) return;
    size_t i = open_.back();
    open_.pop_back();
    if (result.status == evm::StatusCode::success) return;
    // A failed frame undoes everything it started.
    for (size_t k = i; k < frames_.size(); ++k) frames_[k].reverted = true;
}

}  // namespace suture::respond
