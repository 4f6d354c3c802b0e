// Where a blocked exploit stopped: the frame whose failure the attack died of.
//
// A revert usually starts deep (the patched vault's `nonReentrant` check) and
// bubbles up through every caller (the attacker contract, the PoC), each of
// which reverts with the same or wrapped data. The engineer wants the first:
// the innermost failing frame that is an ancestor of the final failure.
// RevertOriginInspector keeps, while frames end, the deepest failure not yet
// swallowed: a failing frame replaces it unless it is the failure's parent
// (shallower); a successful frame shallower than it means a caller caught the
// failure (try/catch, low-level call), so it is forgotten.
#pragma once

#include <optional>
#include <vector>

#include "core/address.hpp"
#include "core/bytes.hpp"
#include "verify/chained_inspector.hpp"

namespace suture::verify {

struct StopPoint {
    int depth = 0;
    evm::CallKind kind = evm::CallKind::call;
    Address caller;
    Address code_address;   // whose code failed
    Address recipient;      // the account it ran for (a proxy, for delegatecalls)
    Bytes selector;         // first four bytes of the input (empty for creates or short input)
    evm::StatusCode status = evm::StatusCode::revert;
    Bytes output;           // revert data
};

class RevertOriginInspector final : public ChainedInspector {
public:
    explicit RevertOriginInspector(evm::CallInspector* next = nullptr) : ChainedInspector(next) {}

    // The failure that ended the run, when the outermost frame failed.
    const std::optional<StopPoint>& origin() const { return origin_; }
    // Forgets everything (between runs).
    void reset() { origin_.reset(); }

    void after_call(const evm::Message& msg, evm::ExecResult& result) override;

private:
    std::optional<StopPoint> origin_;
};

}  // namespace suture::verify
