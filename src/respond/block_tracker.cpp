#include "respond/block_tracker.hpp"

namespace suture::respond {

BlockTracker::Step BlockTracker::offer(const SeenBlock& b) {
    using Kind = Step::Kind;
    if (seen_.empty()) {
        seen_.push_back(b);
        return {Kind::extends, b.number + 1, false};
    }
    const SeenBlock& last = seen_.back();
    if (b.number > last.number + 1) return {Kind::rewind, last.number + 1, false};  // a gap: fetch what is missing
    if (b.number <= last.number) {
        // Already evaluated at this height: the same block is a repeat, a
        // different one replaces a branch (drop from its height on).
        while (!seen_.empty() && seen_.back().number >= b.number) {
            if (seen_.back().number == b.number && seen_.back().hash == b.hash) return {Kind::rewind, b.number + 1, false};
            seen_.pop_back();
        }
        if (seen_.empty()) {
            seen_.push_back(b);  // deeper than the history kept: restart here
            return {Kind::extends, b.number + 1, true};
        }
        return offer(b);
    }
    if (b.parent == last.hash) {
        seen_.push_back(b);
        if (seen_.size() > depth_) seen_.pop_front();
        return {Kind::extends, b.number + 1, false};
    }
    // b's parent is not what was evaluated at its height - 1: undo that block.
    const uint64_t undone = last.number;
    seen_.pop_back();
    return {Kind::rewind, undone, true};
}

std::optional<SeenBlock> BlockTracker::head() const {
    if (seen_.empty()) return std::nullopt;
    return seen_.back();
}

void BlockTracker::resume(const SeenBlock& b) {
    seen_.clear();
    seen_.push_back(b);
}

}  // namespace suture::respond
