// What one replayed transaction did to the target, seen from inside the EVM:
// whether any frame ran for it (a direct call or an internal one, at any
// depth), which of its functions were entered, and whether it was re-entered.
//
// A frame "enters" the target when it runs for the target's account
// (recipient == target) and is not a DELEGATECALL/CALLCODE from the target's
// own code (the proxy handing the call to its implementation is the same
// entry). A re-entry is an entry from another account while an earlier entry
// has not returned: the pattern of every reentrancy attack, and the predicate
// "old call re-entered" of expected differences (replay_expectations.hpp).
#pragma once

#include <vector>

#include "core/abi_encode.hpp"
#include "core/address.hpp"
#include "verify/chained_inspector.hpp"

namespace suture::verify {

class TargetTouchInspector final : public ChainedInspector {
public:
    explicit TargetTouchInspector(const Address& target, evm::CallInspector* next = nullptr)
        : ChainedInspector(next), target_(target) {}

    // Clears everything before the next transaction.
    void reset();

    bool touched() const { return touched_; }
    bool reentered() const { return reentered_; }
    // Selectors of the target's functions entered, first entry first, each once.
    const std::vector<abi::Selector>& entered() const { return entered_; }

    std::optional<evm::ExecResult> before_call(evm::Message& msg) override;
    void after_call(const evm::Message& msg, evm::ExecResult& result) override;

private:
    bool is_entry(const evm::Message& msg) const;

    Address target_;
    bool touched_ = false;
    bool reentered_ = false;
    int open_entries_ = 0;
    std::vector<abi::Selector> entered_;
};

}  // namespace suture::verify
