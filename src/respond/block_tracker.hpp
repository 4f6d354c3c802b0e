// The monitor's view of the chain head: which blocks were evaluated, and
// whether the next block extends them. A block whose parent hash is not the
// hash last evaluated at its height - 1 means a reorg: the last evaluated
// block is dropped and the caller fetches the canonical block at that height
// again (offer() answers rewind until the parent hashes agree again), so the
// blocks undone are evaluated again on the new branch and nothing is missed.
//
// Keeps the last `depth` blocks; a reorg deeper than that restarts from the
// block offered. Not thread-safe.
#pragma once

#include <cstddef>
#include <cstdint>
#include <deque>
#include <optional>

#include "core/bytes.hpp"

namespace suture::respond {

struct SeenBlock {
    uint64_t number = 0;
    Bytes32 hash{};
    Bytes32 parent{};
};

class BlockTracker {
public:
    explicit BlockTracker(size_t depth = 128) : depth_(depth ? depth : 1) {}

    struct Step {
        enum class Kind {
            extends,  // accepted: evaluate it
            rewind,   // not accepted: fetch and offer the canonical block `next` (a reorg, or a gap)
        } kind = Kind::extends;
        uint64_t next = 0;
        bool reorg = false;  // the rewind undid an evaluated block
    };

    // Offers the block the caller wants to evaluate next.
    Step offer(const SeenBlock& b);

    // The last block accepted (nullopt before the first). A restarted monitor
    // seeds the tracker with the block it stored (resume()).
    std::optional<SeenBlock> head() const;
    void resume(const SeenBlock& b);

private:
    size_t depth_;
    std::deque<SeenBlock> seen_;  // oldest first, consecutive numbers
};

}  // namespace suture::respond
