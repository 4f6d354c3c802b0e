// Code analysis done once per code: the JUMPDEST bitmap and a padded copy.
//
// The padded copy ends with 33 STOP bytes so that a PUSH32 at the end of code
// reads zeros and running off the end executes STOP, with no bounds check in
// the interpreter loop.
#pragma once

#include <cstdint>
#include <memory>
#include <mutex>
#include <unordered_map>
#include <vector>

#include "core/bytes.hpp"

namespace suture::evm {

class AnalyzedCode {
public:
    explicit AnalyzedCode(BytesView code);

    const uint8_t* padded() const { return padded_.get(); }
    size_t size() const { return size_; }
    BytesView code() const { return {padded_.get(), size_}; }
    // True if `pc` holds a JUMPDEST opcode that is not PUSH data.
    bool is_jumpdest(uint64_t pc) const {
        return pc < size_ && ((jumpdests_[pc / 64] >> (pc % 64)) & 1) != 0;
    }

private:
    std::unique_ptr<uint8_t[]> padded_;
    size_t size_ = 0;
    std::vector<uint64_t> jumpdests_;
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
