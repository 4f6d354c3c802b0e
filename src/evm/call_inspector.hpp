// An observer that may intercept message calls, logs and storage accesses
// while StateHost executes: the seam for Foundry-style cheatcodes (verify
// layer), which answer calls to a magic address, rewrite a caller (prank),
// turn a result around (expectRevert) and record logs and slot accesses.
//
// StateHost checks one pointer per call, log and storage access; without an
// inspector nothing else runs.
#pragma once

#include <optional>

#include "evm/host.hpp"

namespace suture::evm {

class CallInspector {
public:
    virtual ~CallInspector() = default;

    // Before a frame (top-level or nested, calls and creates) runs. May rewrite
    // the message (sender, recipient, value, gas); a returned result answers
    // the call without running it (no value moves, no state is touched).
    // The message's input stays valid only for the duration of the call.
    virtual std::optional<ExecResult> before_call(Message& msg) = 0;
    // After the frame finished (also after an answer from before_call); may
    // change the result. `msg` is the message as it ran.
    virtual void after_call(const Message& msg, ExecResult& result) = 0;
    // A LOG0..LOG4 of `addr`, as emitted (also inside frames that later revert).
    virtual void on_log(const Address& addr, BytesView data, const Bytes32* topics, size_t num_topics) = 0;
    // SLOAD and SSTORE of `addr`'s slot `key`.
    virtual void on_storage_read(const Address& addr, const uint256& key) = 0;
    virtual void on_storage_write(const Address& addr, const uint256& key, const uint256& value) = 0;
};

}  // namespace suture::evm
