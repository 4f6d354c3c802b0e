#include "verify/revert_origin.hpp"

namespace suture::verify {

void RevertOriginInspector::after_call(const evm::Message& msg, evm::ExecResult& result) {
    // The next inspector (cheatcodes) may turn the result around first
    // (expectRevert makes a revert a success): judge the result as the caller sees it.
    if (next_) next_->after_call(msg, result);
    if (result.status == evm::StatusCode::success) {
        if (origin_ && msg.depth < origin_->depth) origin_.reset();  // a caller survived it
        return;
    }
    if (origin_ && msg.depth < origin_->depth) return;  // the failure bubbling up
    StopPoint p;
    p.depth = msg.depth;
    p.kind = msg.kind;
    p.caller = msg.sender;
    p.code_address = msg.code_address;
    p.recipient = msg.recipient;
    if (msg.kind != evm::CallKind::create && msg.kind != evm::CallKind::create2 && msg.input.size() >= 4)
        p.selector.assign(msg.input.begin(), msg.input.begin() + 4);
    p.status = result.status;
    p.output = result.output;
    origin_ = std::move(p);
}

}  // namespace suture::verify
