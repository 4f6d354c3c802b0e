#include "verify/replay_touch.hpp"

#include <algorithm>

namespace suture::verify {

void TargetTouchInspector::reset() {
    touched_ = false;
    reentered_ = false;
    open_entries_ = 0;
    entered_.clear();
}

bool TargetTouchInspector::is_entry(const evm::Message& msg) const {
    if (msg.recipient != target_) return false;
    const bool delegated = msg.kind == evm::CallKind::delegatecall || msg.kind == evm::CallKind::callcode;
    return !delegated;
}

std::optional<evm::ExecResult> TargetTouchInspector::before_call(evm::Message& msg) {
    auto answer = ChainedInspector::before_call(msg);
    if (msg.recipient == target_ || msg.code_address == target_) touched_ = true;
    if (is_entry(msg)) {
        if (open_entries_ > 0 && msg.sender != target_) reentered_ = true;
        ++open_entries_;
        if (msg.input.size() >= 4) {
            abi::Selector s;
            std::copy_n(msg.input.begin(), 4, s.begin());
            if (std::find(entered_.begin(), entered_.end(), s) == entered_.end()) entered_.push_back(s);
        }
    }
    return answer;
}

void TargetTouchInspector::after_call(const evm::Message& msg, evm::ExecResult& result) {
    if (is_entry(msg) && open_entries_ > 0) --open_entries_;
    ChainedInspector::after_call(msg, result);
}

}  // namespace suture::verify
