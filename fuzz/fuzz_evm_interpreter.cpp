// libFuzzer target: random bytecode with random calldata through execute().
//
// Input layout: byte 0 picks the revision, byte 1 the share of the rest used
// as calldata, then calldata, then code. A second account holds the same code
// so CALL-family opcodes reach real nested frames. Gas is bounded, so every
// run ends; the interpreter must never crash, hang or leak, and its result
// must respect basic invariants (checked with __builtin_trap so the fuzzer
// reports them).
#include <cstddef>
#include <cstdint>

#include "../tests/evm/interpreter_mock_host.hpp"
#include "evm/interpreter.hpp"

using namespace suture;
using namespace suture::evm;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    constexpr int num_revs = int(Revision::osaka) + 1;
    const auto rev = Revision(data[0] % num_revs);
    const size_t rest = size - 2;
    const size_t input_size = rest * data[1] / 256;
    const BytesView input(data + 2, input_size);
    const BytesView code(data + 2 + input_size, rest - input_size);

    testing::MockHost host(rev);
    Address self, other;
    self.bytes[19] = 0xaa;
    other.bytes[19] = 0xbb;
    host.accounts[self].code.assign(code.begin(), code.end());
    host.accounts[self].balance = 1'000'000;
    host.accounts[other].code.assign(code.begin(), code.end());

    Message msg;
    msg.gas = 50'000;  // also bounds the call depth reachable (about 250 frames)
    msg.recipient = self;
    msg.code_address = self;
    msg.sender = other;
    msg.input = input;
    const ExecResult r = execute(host, rev, msg, code);

    const bool keeps_gas = r.status == StatusCode::success || r.status == StatusCode::revert;
    if (r.gas_left < 0 || r.gas_left > msg.gas) __builtin_trap();
    if (!keeps_gas && (r.gas_left != 0 || !r.output.empty())) __builtin_trap();
    if (r.status != StatusCode::success && r.gas_refund != 0) __builtin_trap();
    return 0;
}
