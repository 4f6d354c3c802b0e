// The state of one executing frame: gas, stack space, memory, return data.
//
// Stack space and memory buffers come from small thread-local pools, so a
// frame (and every nested call) allocates nothing once the pools are warm,
// and deep call chains do not put 32 KiB stacks on the C stack.
#pragma once

#include <cstdint>
#include <cstring>

#include "core/uint256.hpp"
#include "evm/analysis.hpp"
#include "evm/host.hpp"
#include "evm/opcodes.hpp"
#include "evm/tracer.hpp"

namespace suture::evm {

// Memory beyond 4 GiB would cost more gas than int64 holds anyway
// (memory gas grows quadratically); offsets past it are out of gas.
constexpr uint64_t max_memory_size = 0xffffffffULL;

// Zero-initialised, word-granular EVM memory that grows geometrically.
class Memory {
public:
    Memory();
    ~Memory();
    Memory(const Memory&) = delete;
    Memory& operator=(const Memory&) = delete;

    uint8_t* data() { return data_; }
    const uint8_t* data() const { return data_; }
    size_t size() const { return size_; }
    // Grows to new_size bytes (a multiple of 32, larger than size()); new bytes are zero.
    void grow(size_t new_size);

private:
    uint8_t* data_ = nullptr;
    size_t size_ = 0;
    size_t capacity_ = 0;
};

// 1024 stack slots for one frame, from the thread-local pool. Each block is
// aligned to 64 KiB (twice its size), so the stack height is the stack
// pointer's offset within the aligned block: the interpreter needs no
// separate base register to check underflow and overflow.
constexpr uintptr_t stack_block_align = 65536;
static_assert(stack_limit * sizeof(uint256) < stack_block_align);

inline size_t stack_bytes(const uint256* sp) { return uintptr_t(sp) & (stack_block_align - 1); }
inline const uint256* stack_block_base(const uint256* sp) {
    return reinterpret_cast<const uint256*>(uintptr_t(sp) & ~(stack_block_align - 1));
}

class StackSpace {
public:
    StackSpace();
    ~StackSpace();
    StackSpace(const StackSpace&) = delete;
    StackSpace& operator=(const StackSpace&) = delete;
    uint256* base() { return base_; }

private:
    uint256* base_;
};

struct Frame {
    Frame(Host& h, Revision r, const Message& m, const AnalyzedCode& c, Tracer* t)
        : host(h), rev(r), msg(m), code(c), tracer(t), gas_costs(base_gas_table[int(r)].data()), gas(m.gas) {}

    Host& host;
    const Revision rev;
    const Message& msg;
    const AnalyzedCode& code;
    Tracer* const tracer;
    const int32_t* const gas_costs;  // the revision's static gas row
    int64_t gas;           // synchronised with the loop's register copy around out-of-line handlers
    int64_t refund = 0;
    Memory memory;
    Bytes return_data;     // output of the last nested call / create
    uint64_t output_offset = 0, output_size = 0;  // RETURN / REVERT region

    const TxContext& tx() {
        if (!tx_) tx_ = &host.tx_context();
        return *tx_;
    }

private:
    const TxContext* tx_ = nullptr;
};

// Memory expansion cost for `words` 32-byte words (Yellow Paper: 3w + w^2/512).
constexpr int64_t memory_cost(uint64_t words) { return int64_t(3 * words + words * words / 512); }

// Slow path of expand_memory: charges for growing to `end` bytes and grows.
// Returns the gas left afterwards, negative when out of gas (memory unchanged then).
int64_t grow_memory(Frame& f, int64_t gas, uint64_t end);

// Charges gas for (and performs) expanding memory to cover [offset, offset+size).
// A zero size touches no memory whatever the offset. Returns false when out of gas.
[[gnu::always_inline]] inline bool expand_memory(Frame& f, int64_t& gas, const uint256& offset, const uint256& size) {
    if (!size) return true;
    if (!offset.fits_u64() || !size.fits_u64() || offset.w[0] > max_memory_size || size.w[0] > max_memory_size)
        return false;
    const uint64_t end = offset.w[0] + size.w[0];
    if (end <= f.memory.size()) return true;
    gas = grow_memory(f, gas, end);
    return gas >= 0;
}

// Words of a byte count, for per-word gas (copies, KECCAK256, initcode).
constexpr int64_t num_words(uint64_t bytes) { return int64_t((bytes + 31) / 32); }

}  // namespace suture::evm
