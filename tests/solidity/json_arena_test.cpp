#include "solidity/json_arena.hpp"

#include <gtest/gtest.h>

#include "solidity/json_file.hpp"

namespace suture::solidity {
namespace {

TEST(JsonArena, ParsedDocumentsLiveInArenaMemory) {
    auto doc = parse_json(R"({"a": [1, 2, {"b": "a string longer than fifteen"}]})", "t.json");
    ASSERT_TRUE(doc.ok()) << doc.error().message;
    const Json& a = (**doc)["a"];
    // The array's element buffer and the nested object's box come from the arena.
    EXPECT_TRUE(JsonArena::in_arena_memory(&a[0]));
    EXPECT_TRUE(JsonArena::in_arena_memory(a[2].get_ptr<const Json::object_t*>()));
}

TEST(JsonArena, ValuesMadeOutsideAScopeUseTheHeapAndOutliveTheDocument) {
    Json copy;
    {
        auto doc = parse_json(R"({"k": {"x": [7, 8, 9]}})", "t.json");
        ASSERT_TRUE(doc.ok());
        copy = (**doc)["k"];  // a deep copy, made with no arena current
        EXPECT_FALSE(JsonArena::in_arena_memory(copy.get_ptr<const Json::object_t*>()));
    }
    // The document and its arena are gone; the copy is intact.
    EXPECT_EQ(copy["x"][2], 9);
    EXPECT_EQ(copy.dump(), R"({"x":[7,8,9]})");
}

TEST(JsonArena, ScopesNestAndRestoreTheOuterArena) {
    EXPECT_EQ(JsonArena::current(), nullptr);
    JsonArena outer, inner;
    {
        JsonArena::Scope a(outer);
        EXPECT_EQ(JsonArena::current(), &outer);
        {
            JsonArena::Scope b(inner);
            EXPECT_EQ(JsonArena::current(), &inner);
        }
        EXPECT_EQ(JsonArena::current(), &outer);
    }
    EXPECT_EQ(JsonArena::current(), nullptr);
}

TEST(JsonArena, LargeRequestsAndAlignment) {
    JsonArena arena;
    void* small = arena.allocate(3, 1);
    void* aligned = arena.allocate(8, 16);
    ASSERT_NE(small, nullptr);
    ASSERT_NE(aligned, nullptr);
    EXPECT_EQ(reinterpret_cast<uintptr_t>(aligned) % 16, 0u);
    // Bigger than a chunk: gets a chunk of its own, fully writable.
    const size_t big = size_t{20} << 20;
    auto* p = static_cast<char*>(arena.allocate(big, 8));
    ASSERT_NE(p, nullptr);
    EXPECT_TRUE(JsonArena::in_arena_memory(p));
    EXPECT_TRUE(JsonArena::in_arena_memory(p + big - 1));
    p[0] = 1;
    p[big - 1] = 2;
    EXPECT_EQ(p[0] + p[big - 1], 3);
}

TEST(JsonArena, ReleasedChunksAreReused) {
    // Without reuse a long-running process (a test binary, a monitor) would
    // walk through the address-space reservation one document at a time.
    void* first = nullptr;
    {
        JsonArena a;
        first = a.allocate(64, 8);
        ASSERT_NE(first, nullptr);
    }
    JsonArena b;
    EXPECT_EQ(b.allocate(64, 8), first);
}

}  // namespace
}  // namespace suture::solidity
