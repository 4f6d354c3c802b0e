// Memory for parsed artifact documents.
//
// A 20 MB build-info parses into about a million JSON values: map nodes,
// vectors and boxed strings, each its own heap block. Through malloc that was
// most of `suture check`'s time on a whole build (malloc bookkeeping, then a
// page fault per fresh 4 KiB page, then freeing every block again at exit).
// A document's values are created once, by the parser, and die together with
// the document, so they are bump-allocated from an arena instead: chunks of
// transparent huge pages, released all at once.
//
// The allocator is stateless, as nlohmann's basic_json needs: allocation goes
// to the arena made current on this thread by a JsonArena::Scope (the parser's),
// anything else to the ordinary heap. Freeing asks whether the block lies in
// arena memory (one region reserved per process, so one range test): arena
// blocks are left to their arena, heap blocks are freed.
#pragma once

#include <cstddef>
#include <memory>
#include <vector>

namespace suture::solidity {

class JsonArena {
public:
    JsonArena() = default;
    JsonArena(const JsonArena&) = delete;
    JsonArena& operator=(const JsonArena&) = delete;
    ~JsonArena();  // returns every chunk; values in it must be dead by now

    // `bytes` aligned to `align` (at most 16); nullptr when no arena memory is
    // left (the caller then uses the heap).
    void* allocate(std::size_t bytes, std::size_t align);

    // While alive, ArenaAllocator on this thread allocates from `arena`.
    class Scope {
    public:
        explicit Scope(JsonArena& arena);
        ~Scope();
        Scope(const Scope&) = delete;
        Scope& operator=(const Scope&) = delete;

    private:
        JsonArena* previous_;
    };

    static JsonArena* current();
    // Whether `p` points into memory some arena handed out (live or not).
    static bool in_arena_memory(const void* p);

private:
    struct Chunk {
        char* base;
        std::size_t size;
    };
    std::vector<Chunk> chunks_;
    char* next_ = nullptr;
    char* end_ = nullptr;
};

template <class T>
struct ArenaAllocator {
    using value_type = T;
    ArenaAllocator() = default;
    template <class U>
    ArenaAllocator(const ArenaAllocator<U>&) {}

    T* allocate(std::size_t n) {
        if (JsonArena* a = JsonArena::current())
            if (void* p = a->allocate(n * sizeof(T), alignof(T))) return static_cast<T*>(p);
        return std::allocator<T>().allocate(n);
    }
    void deallocate(T* p, std::size_t n) {
        if (!JsonArena::in_arena_memory(p)) std::allocator<T>().deallocate(p, n);
    }
    template <class U>
    bool operator==(const ArenaAllocator<U>&) const { return true; }
};

}  // namespace suture::solidity
