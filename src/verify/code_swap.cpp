#include "verify/code_swap.hpp"

#include <algorithm>

namespace suture::verify {

std::optional<evm::ExecResult> CodeSwapInspector::before_call(evm::Message& msg) {
    bool rewritten = false;
    if (msg.kind == evm::CallKind::create || msg.kind == evm::CallKind::create2) {
        for (CodeSwap& s : swaps_) {
            if (s.old_initcode.empty() || msg.input.size() < s.old_initcode.size()) continue;
            if (!std::equal(s.old_initcode.begin(), s.old_initcode.end(), msg.input.begin())) continue;
            Bytes code = s.new_initcode;
            code.insert(code.end(), msg.input.begin() + static_cast<ptrdiff_t>(s.old_initcode.size()),
                        msg.input.end());
            live_.push_back(std::move(code));
            msg.input = BytesView(live_.back().data(), live_.back().size());
            ++s.matched;
            rewritten = true;
            break;
        }
    }
    rewritten_.push_back(rewritten);
    if (!next_) return std::nullopt;
    return next_->before_call(msg);
}

void CodeSwapInspector::after_call(const evm::Message& msg, evm::ExecResult& result) {
    if (next_) next_->after_call(msg, result);
    if (!rewritten_.empty()) {
        if (rewritten_.back()) live_.pop_back();
        rewritten_.pop_back();
    }
}

}  // namespace suture::verify
