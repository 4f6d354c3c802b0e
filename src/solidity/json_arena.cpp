#include "solidity/json_arena.hpp"

#include <sys/mman.h>

#if defined(__SANITIZE_ADDRESS__)
#define SUTURE_LSAN 1
#elif defined(__has_feature)
#if __has_feature(address_sanitizer)
#define SUTURE_LSAN 1
#endif
#endif
#ifdef SUTURE_LSAN
#include <sanitizer/lsan_interface.h>
#endif

#include <algorithm>
#include <cstdint>
#include <mutex>

namespace suture::solidity {

namespace {

// Address space reserved once (no memory behind it until a chunk is taken) so
// that "is this block arena memory" is one range test. 64 GiB of the 128 TiB
// user address space: far more than any set of artifacts needs at once.
constexpr std::size_t kReserve = std::size_t{64} << 30;
// Chunks are whole transparent huge pages (2 MiB on x86-64): one page fault
// maps 2 MiB instead of 4 KiB, which on virtual machines, where faults are
// expensive, is most of the gain.
constexpr std::size_t kHugePage = std::size_t{2} << 20;
constexpr std::size_t kChunk = 4 * kHugePage;

// Chunks go back to a free list (their memory returned to the system) and are
// handed out again, so a long-running process never walks off the reservation.
class Region {
public:
    static Region& get() {
        static Region r;
        return r;
    }
    bool contains(const void* p) const {
        auto a = reinterpret_cast<std::uintptr_t>(p);
        return base_ && a >= reinterpret_cast<std::uintptr_t>(base_) && a < reinterpret_cast<std::uintptr_t>(base_) + kReserve;
    }
    // A chunk of at least `bytes` (rounded up to whole huge pages), or {nullptr, 0}.
    std::pair<char*, std::size_t> take(std::size_t bytes) {
        std::size_t size = std::max(kChunk, (bytes + kHugePage - 1) / kHugePage * kHugePage);
        std::lock_guard lock(mu_);
        if (!base_) return {nullptr, 0};
        char* p = nullptr;
        // Most recently released first: its page tables are the likeliest to still be warm.
        auto it = std::find_if(free_.rbegin(), free_.rend(), [&](const auto& c) { return c.second >= size; });
        if (it != free_.rend()) {
            p = it->first;
            size = it->second;
            free_.erase(std::next(it).base());
        } else {
            if (kReserve - used_ < size) return {nullptr, 0};
            p = base_ + used_;
            used_ += size;
        }
        if (::mprotect(p, size, PROT_READ | PROT_WRITE) != 0) {
            free_.emplace_back(p, size);
            return {nullptr, 0};
        }
        ::madvise(p, size, MADV_HUGEPAGE);  // advice only: without THP the chunk still works
        return {p, size};
    }
    void give_back(char* p, std::size_t size) {
        // The pages are dropped and the range made inaccessible again, so a
        // stale pointer into a dead document faults instead of reading garbage.
        ::madvise(p, size, MADV_DONTNEED);
        ::mprotect(p, size, PROT_NONE);
        std::lock_guard lock(mu_);
        free_.emplace_back(p, size);
    }

private:
    Region() {
        // Aligned to a huge page so chunk boundaries are huge-page boundaries.
        void* p = ::mmap(nullptr, kReserve + kHugePage, PROT_NONE, MAP_PRIVATE | MAP_ANONYMOUS | MAP_NORESERVE, -1, 0);
        if (p == MAP_FAILED) return;  // no arena: every allocation takes the heap
        auto a = reinterpret_cast<std::uintptr_t>(p);
        auto aligned = (a + kHugePage - 1) / kHugePage * kHugePage;
        base_ = reinterpret_cast<char*>(aligned);
#ifdef SUTURE_LSAN
        // The leak checker scans the heap, stacks and globals, not anonymous
        // mappings: a string's heap buffer referenced only from a document
        // node in here would look leaked (a document kept until exit, as
        // `suture check` keeps its builds). LSan scans the readable parts.
        __lsan_register_root_region(base_, kReserve);
#endif
    }
    char* base_ = nullptr;
    std::size_t used_ = 0;
    std::vector<std::pair<char*, std::size_t>> free_;
    std::mutex mu_;
};

thread_local JsonArena* t_current = nullptr;

}  // namespace

JsonArena::~JsonArena() {
    for (const Chunk& c : chunks_) Region::get().give_back(c.base, c.size);
}

void* JsonArena::allocate(std::size_t bytes, std::size_t align) {
    auto at = reinterpret_cast<std::uintptr_t>(next_);
    auto aligned = (at + align - 1) & ~(static_cast<std::uintptr_t>(align) - 1);
    if (next_ && aligned + bytes <= reinterpret_cast<std::uintptr_t>(end_)) {
        next_ = reinterpret_cast<char*>(aligned + bytes);
        return reinterpret_cast<void*>(aligned);
    }
    auto [base, size] = Region::get().take(bytes);
    if (!base) return nullptr;
    chunks_.push_back({base, size});
    next_ = base + bytes;  // chunk bases are huge-page aligned
    end_ = base + size;
    return base;
}

JsonArena::Scope::Scope(JsonArena& arena) : previous_(t_current) { t_current = &arena; }
JsonArena::Scope::~Scope() { t_current = previous_; }

JsonArena* JsonArena::current() { return t_current; }

bool JsonArena::in_arena_memory(const void* p) { return Region::get().contains(p); }

}  // namespace suture::solidity
