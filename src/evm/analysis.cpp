#include "evm/analysis.hpp"

#include <cstring>

namespace suture::evm {

namespace {
constexpr size_t padding = 33;  // PUSH32 immediate + a final STOP
constexpr uint8_t op_push1 = 0x60, op_push32 = 0x7f, op_jumpdest = 0x5b;
}  // namespace

AnalyzedCode::AnalyzedCode(BytesView code)
    : padded_(new uint8_t[code.size() + padding]), size_(code.size()), jumpdests_((code.size() + 63) / 64 + 1, 0) {
    if (!code.empty()) std::memcpy(padded_.get(), code.data(), code.size());
    std::memset(padded_.get() + code.size(), 0, padding);
    // Walk instructions, skipping PUSH immediates: a 0x5b inside push data is not a destination.
    for (size_t pc = 0; pc < size_; ++pc) {
        const uint8_t op = padded_[pc];
        if (op == op_jumpdest) jumpdests_[pc / 64] |= uint64_t(1) << (pc % 64);
        else if (op >= op_push1 && op <= op_push32) pc += size_t(op - op_push1 + 1);
    }
}

std::shared_ptr<const AnalyzedCode> AnalysisCache::get(const Bytes32& code_hash, BytesView code) {
    {
        std::lock_guard lock(mu_);
        if (auto it = map_.find(code_hash); it != map_.end()) return it->second;
    }
    auto analyzed = std::make_shared<const AnalyzedCode>(code);
    std::lock_guard lock(mu_);
    return map_.emplace(code_hash, std::move(analyzed)).first->second;
}

size_t AnalysisCache::size() const {
    std::lock_guard lock(mu_);
    return map_.size();
}

void AnalysisCache::clear() {
    std::lock_guard lock(mu_);
    map_.clear();
}

}  // namespace suture::evm
