// The bytecode interpreter: executes one frame.
//
// execute() runs `code` for `msg` under the rules of `rev`, asking `host` for
// everything outside the frame (nested calls go through Host::call, which in
// turn calls execute() for the callee). The interpreter itself enforces the
// call depth limit: CALL*/CREATE* at depth 1024 push 0 without calling the host.
// It also checks the caller's balance for value transfers before calling.
//
// ExecResult::gas_refund is the frame's refund counter (EIP-2200/3529 SSTORE
// refunds plus those of successful nested frames); it is 0 unless the frame
// succeeded. For creates, output is the code to deploy (the host applies the
// code size limit, EIP-3541 and the deposit cost).
#pragma once

#include <memory>

#include "core/bytes.hpp"
#include "evm/analysis.hpp"
#include "evm/host.hpp"
#include "evm/revision.hpp"
#include "evm/tracer.hpp"

namespace suture::evm {

// Analyses `code` (jumpdests, padding) and runs it.
ExecResult execute(Host& host, Revision rev, const Message& msg, BytesView code, Tracer* tracer = nullptr);

// Runs already analysed code (see evm/analysis.hpp for the per-code-hash cache).
ExecResult execute(Host& host, Revision rev, const Message& msg, const AnalyzedCode& code, Tracer* tracer = nullptr);

}  // namespace suture::evm
