// `--swap OLD=NEW`: run a self-contained proof of concept against new code.
//
// A PoC that deploys its own victim (a Foundry test whose setUp does `new
// VaultV1()`, an exploit script that creates the vault) proves nothing about
// the fix until the victim is the fixed code. CodeSwapInspector watches every
// create frame and, when the initcode starts with OLD's creation code, runs
// NEW's creation code instead with the same trailing bytes (the ABI-encoded
// constructor arguments). The rest of the PoC (its setup, its attack, its
// assertions) is unchanged, so a difference in outcome is the patch's.
//
// Matching is on the exact creation code, metadata included: OLD must come
// from the same build as the PoC (the normal case: one Foundry project).
// A swap that never matched is reported (swaps()), since a PoC that never
// created OLD has not tested NEW at all. A CREATE2 of swapped code lands at
// another address than the original (the address hashes the initcode); a PoC
// that precomputes it must be given NEW itself.
#pragma once

#include <string>
#include <vector>

#include "core/bytes.hpp"
#include "verify/chained_inspector.hpp"

namespace suture::verify {

struct CodeSwap {
    std::string old_name;  // for messages ("VaultV1")
    std::string new_name;
    Bytes old_initcode;    // creation code without constructor arguments
    Bytes new_initcode;
    size_t matched = 0;    // creates rewritten so far
};

// Forwards every event to `next` (may be null) after its own work, so it can
// sit in front of another inspector (the Foundry cheatcodes).
class CodeSwapInspector final : public ChainedInspector {
public:
    CodeSwapInspector(std::vector<CodeSwap> swaps, evm::CallInspector* next = nullptr)
        : ChainedInspector(next), swaps_(std::move(swaps)) {}

    const std::vector<CodeSwap>& swaps() const { return swaps_; }

    std::optional<evm::ExecResult> before_call(evm::Message& msg) override;
    void after_call(const evm::Message& msg, evm::ExecResult& result) override;

private:
    std::vector<CodeSwap> swaps_;
    // Rewritten initcode of the creates in progress (innermost last): the
    // message's input points into it until the frame ends.
    std::vector<Bytes> live_;
    std::vector<bool> rewritten_;  // per open frame: whether live_ holds its input
};

}  // namespace suture::verify
