// Code analysis done once per code: the JUMPDEST bitmap, a padded copy, and
// (per revision, on first use) the block costs the interpreter charges.
//
// The padded copy ends with 33 STOP bytes so that a PUSH32 at the end of code
// reads zeros and running off the end executes STOP, with no bounds check in
// the interpreter loop.
//
// Blocks. Code is cut into straight-line runs that end at an instruction
// after which the next one can only be reached by a jump, or whose behaviour
// depends on the exact gas left: JUMP, JUMPI, the halting instructions,
// undefined opcodes, GAS, SSTORE (EIP-2200 stipend check) and the CALL and
// CREATE families (EIP-150's 63/64 rule). A JUMPDEST does not end a run: it
// is an entry point into it. For every entry point (pc 0, each JUMPDEST, the
// instruction after a run-ending one) the analysis sums the static gas of the
// rest of the run and the stack height the rest needs and may reach. The
// interpreter checks and charges those once on entry instead of per
// instruction. Once entered, a run executes to its last instruction unless an
// exceptional halt (which consumes all gas and reverts the frame) stops it
// earlier, so charging ahead changes no outcome; the instructions that read
// the gas left are always last in their run, so they see it exactly.
#pragma once

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/bytes.hpp"
#include "evm/opcodes.hpp"

namespace suture::evm {

// What entering a run at one pc costs. Stack sizes are in bytes (items * 32),
// clamped to 1025 items: a run needing more can never pass its check.
struct BlockCost {
    uint32_t gas;           // static gas of the instructions to the end of the run
    uint16_t stack_min;     // stack the run needs at entry
    uint16_t stack_growth;  // most the run raises the stack above its entry height
};
static_assert(sizeof(BlockCost) == 8);

class AnalyzedCode {
public:
    explicit AnalyzedCode(BytesView code);
    ~AnalyzedCode();
    AnalyzedCode(const AnalyzedCode&) = delete;
    AnalyzedCode& operator=(const AnalyzedCode&) = delete;

    const uint8_t* padded() const { return padded_.get(); }
    size_t size() const { return size_; }
    BytesView code() const { return {padded_.get(), size_}; }
    // True if `pc` holds a JUMPDEST opcode that is not PUSH data.
    bool is_jumpdest(uint64_t pc) const {
        return pc < size_ && ((jumpdests_[pc / 64] >> (pc % 64)) & 1) != 0;
    }

    // Block costs under `rev`, indexed by pc (size() + 1 entries; meaningful at
    // entry points). Built on first use per revision; safe to call from
    // several threads. nullptr when some run's gas exceeds 32 bits (code of
    // megabytes): the interpreter then checks every instruction instead.
    const BlockCost* block_costs(Revision rev) const;

private:
    std::unique_ptr<uint8_t[]> padded_;
    size_t size_ = 0;
    std::vector<uint64_t> jumpdests_;
    mutable std::atomic<const BlockCost*> blocks_[num_revisions] = {};
};

// Thread-safe cache of analyses keyed by code hash; entries live as long as the cache.
class AnalysisCache {
public:
    std::shared_ptr<const AnalyzedCode> get(const Bytes32& code_hash, BytesView code);
    size_t size() const;
    void clear();

private:
    mutable std::mutex mu_;
    std::unordered_map<Bytes32, std::shared_ptr<const AnalyzedCode>, Bytes32Hash> map_;
};

}  // namespace suture::evm
