#include "evm/execution_state.hpp"

#include <cstdlib>
#include <new>
#include <vector>

namespace suture::evm {

namespace {

// Buffers kept for reuse per thread; more than this many idle ones are freed,
// which bounds the pool's footprint after a deep call chain unwinds.
constexpr size_t pool_keep = 16;
constexpr size_t initial_memory_capacity = 4096;

struct MemoryBuffer {
    uint8_t* data;
    size_t capacity;
};

struct Pools {
    std::vector<MemoryBuffer> memory;
    std::vector<uint256*> stacks;
    ~Pools() {
        for (auto& b : memory) std::free(b.data);
        for (auto* s : stacks) std::free(s);
    }
};

Pools& pools() {
    thread_local Pools p;
    return p;
}

}  // namespace

Memory::Memory() {
    auto& pool = pools().memory;
    if (!pool.empty()) {
        data_ = pool.back().data;
        capacity_ = pool.back().capacity;
        pool.pop_back();
    }
}

Memory::~Memory() {
    if (!data_) return;
    auto& pool = pools().memory;
    if (pool.size() < pool_keep) pool.push_back({data_, capacity_});
    else std::free(data_);
}

void Memory::grow(size_t new_size) {
    if (new_size > capacity_) {
        size_t cap = capacity_ ? capacity_ : initial_memory_capacity;
        while (cap < new_size) cap *= 2;
        auto* p = static_cast<uint8_t*>(std::realloc(data_, cap));
        if (!p) throw std::bad_alloc();  // unreachable in practice: gas bounds memory first
        data_ = p;
        capacity_ = cap;
    }
    // Reused buffers hold old contents: zero the newly exposed bytes.
    std::memset(data_ + size_, 0, new_size - size_);
    size_ = new_size;
}

StackSpace::StackSpace() {
    auto& pool = pools().stacks;
    if (!pool.empty()) {
        base_ = pool.back();
        pool.pop_back();
    } else {
        void* p = nullptr;
        if (posix_memalign(&p, stack_block_align, stack_limit * sizeof(uint256)) != 0) throw std::bad_alloc();
        base_ = static_cast<uint256*>(p);
    }
}

StackSpace::~StackSpace() {
    auto& pool = pools().stacks;
    if (pool.size() < pool_keep) pool.push_back(base_);
    else std::free(base_);
}

int64_t grow_memory(Frame& f, int64_t gas, uint64_t end) {
    const uint64_t new_words = (end + 31) / 32;
    const uint64_t old_words = f.memory.size() / 32;
    gas -= memory_cost(new_words) - memory_cost(old_words);
    if (gas >= 0) f.memory.grow(new_words * 32);
    return gas;
}

}  // namespace suture::evm
