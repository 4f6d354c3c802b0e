#include "evm/analysis.hpp"

#include <algorithm>
#include <cstring>

namespace suture::evm {

namespace {
constexpr size_t padding = 33;  // PUSH32 immediate + a final STOP

// Marks "block costs do not fit" in AnalyzedCode::blocks_ (never dereferenced).
const BlockCost too_large{};

constexpr size_t push_size(uint8_t op) { return op >= OP_PUSH1 && op <= OP_PUSH32 ? size_t(op - OP_PUSH1 + 1) : 0; }

// Instructions that end a run (see analysis.hpp): control flow, halts, and
// those that read the exact gas left.
constexpr bool ends_run(uint8_t op) {
    switch (op) {
    case OP_STOP: case OP_JUMP: case OP_JUMPI: case OP_RETURN: case OP_REVERT: case OP_INVALID:
    case OP_SELFDESTRUCT: case OP_GAS: case OP_SSTORE: case OP_CALL: case OP_CALLCODE:
    case OP_DELEGATECALL: case OP_STATICCALL: case OP_CREATE: case OP_CREATE2:
        return true;
    default:
        return false;
    }
}

uint16_t stack_bytes_clamped(int64_t items) {
    return uint16_t(std::clamp<int64_t>(items, 0, stack_limit + 1) * 32);
}

// One backward pass over the instructions: each entry is the cost of its
// instruction plus the entry of the next one, unless the instruction ends its run.
const BlockCost* build_block_costs(const uint8_t* code, size_t size, Revision rev) {
    std::vector<uint32_t> starts;
    starts.reserve(size);
    for (size_t pc = 0; pc < size; pc += 1 + push_size(code[pc])) starts.push_back(uint32_t(pc));

    const auto& costs = base_gas_table[int(rev)];
    auto table = std::make_unique<BlockCost[]>(size + 1);  // zeros: the implicit STOP at the end
    // The rest of the run after the current instruction: gas, stack needed
    // at its start, and max(0, highest stack rise over it).
    int64_t gas = 0, need = 0, rise = 0;
    for (size_t i = starts.size(); i-- > 0;) {
        const uint32_t pc = starts[i];
        const uint8_t op = code[pc];
        const OpcodeTraits& t = opcode_traits[op];
        if (!t.name || rev < t.since) {  // undefined here: halts, so it ends the run at no cost
            gas = need = rise = 0;
            table[pc] = {};
            continue;
        }
        if (ends_run(op)) gas = need = rise = 0;
        gas += costs[op];
        need = std::max<int64_t>(t.stack_required, need - t.stack_change);
        rise = std::max<int64_t>(0, t.stack_change + rise);
        if (gas > int64_t(UINT32_MAX)) return &too_large;
        table[pc] = {uint32_t(gas), stack_bytes_clamped(need), stack_bytes_clamped(rise)};
    }
    return table.release();
}
}  // namespace

AnalyzedCode::AnalyzedCode(BytesView code)
    : padded_(new uint8_t[code.size() + padding]), size_(code.size()), jumpdests_((code.size() + 63) / 64 + 1, 0) {
    if (!code.empty()) std::memcpy(padded_.get(), code.data(), code.size());
    std::memset(padded_.get() + code.size(), 0, padding);
    // Walk instructions, skipping PUSH immediates: a 0x5b inside push data is not a destination.
    for (size_t pc = 0; pc < size_; ++pc) {
        const uint8_t op = padded_[pc];
        if (op == OP_JUMPDEST) jumpdests_[pc / 64] |= uint64_t(1) << (pc % 64);
        else pc += push_size(op);
    }
}

AnalyzedCode::~AnalyzedCode() {
    for (auto& slot : blocks_) {
        const BlockCost* p = slot.load(std::memory_order_relaxed);
        if (p != &too_large) delete[] p;
    }
}

const BlockCost* AnalyzedCode::block_costs(Revision rev) const {
    auto& slot = blocks_[int(rev)];
    const BlockCost* p = slot.load(std::memory_order_acquire);
    if (!p) {
        const BlockCost* fresh = build_block_costs(padded_.get(), size_, rev);
        // Another thread may have built the same table meanwhile: keep theirs.
        if (slot.compare_exchange_strong(p, fresh, std::memory_order_acq_rel)) p = fresh;
        else if (fresh != &too_large) delete[] fresh;
    }
    return p == &too_large ? nullptr : p;
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
