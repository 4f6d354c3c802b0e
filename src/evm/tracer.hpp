// Observing execution step by step (EIP-3155 traces, debuggers).
//
// A Tracer is passed to execute(); the interpreter calls on_frame_start once
// per frame, on_step before every instruction (with the state *before* the
// instruction runs) and on_frame_end with the frame's result. Nested frames are
// started by the Host, which passes the same tracer on to execute() so one
// tracer sees the whole call tree. Tracing selects a separate, instrumented
// copy of the interpreter loop: an untraced run pays nothing for it.
#pragma once

#include <cstdint>
#include <iosfwd>

#include "core/bytes.hpp"
#include "core/uint256.hpp"
#include "evm/host.hpp"

namespace suture::evm {

struct StepInfo {
    uint32_t pc = 0;
    uint8_t opcode = 0;
    int64_t gas = 0;            // gas left before the instruction
    int64_t gas_cost = 0;       // the opcode's static cost in this revision (dynamic parts not included)
    const uint256* stack = nullptr;  // stack[0] is the bottom; stack[stack_size-1] the top
    int stack_size = 0;
    size_t memory_size = 0;     // bytes
    int depth = 0;              // Message::depth (0 for the top frame)
    int64_t refund = 0;         // this frame's refund counter so far
    BytesView return_data;      // RETURNDATA buffer of the last nested call
};

class Tracer {
public:
    virtual ~Tracer() = default;
    virtual void on_frame_start(const Message& msg, BytesView code) { (void)msg; (void)code; }
    virtual void on_step(const StepInfo& step) = 0;
    virtual void on_frame_end(const ExecResult& result) { (void)result; }
};

// One JSON object per line and step, with the EIP-3155 fields:
// {"pc":0,"op":96,"gas":"0x...","gasCost":"0x3","memSize":0,"stack":["0x.."],
//  "depth":1,"refund":0,"opName":"PUSH1"} (depth counts from 1 as EIP-3155 says).
class Eip3155Tracer final : public Tracer {
public:
    explicit Eip3155Tracer(std::ostream& out) : out_(out) {}
    void on_step(const StepInfo& step) override;

private:
    std::ostream& out_;
};

}  // namespace suture::evm
