// libFuzzer target: random bytecode with random calldata through execute().
//
// Input layout: byte 0 picks the revision, byte 1 the share of the rest used
// as calldata, then calldata, then code. A second account holds the same code
// so CALL-family opcodes reach real nested frames. Gas is bounded, so every
// run ends; the interpreter must never crash, hang or leak, and its result
// must respect basic invariants (checked with __builtin_trap so the fuzzer
// reports them).
//
// Each input runs on a thread with a 64 MiB stack: nested calls recurse
// through execute(), and under ASan at -O0 one interpreter frame takes tens
// of KiB, so the default 8 MiB would overflow long before depth 1024.
#include <pthread.h>

#include <cstddef>
#include <cstdint>

#include "../tests/evm/interpreter_mock_host.hpp"
#include "evm/interpreter.hpp"

using namespace suture;
using namespace suture::evm;

namespace {

void run_one(const uint8_t* data, size_t size) {
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
    msg.gas = 100'000;  // bounds the reachable call depth to a few hundred frames
    msg.recipient = self;
    msg.code_address = self;
    msg.sender = other;
    msg.input = input;
    const ExecResult r = execute(host, rev, msg, code);

    const bool keeps_gas = r.status == StatusCode::success || r.status == StatusCode::revert;
    if (r.gas_left < 0 || r.gas_left > msg.gas) __builtin_trap();
    if (!keeps_gas && (r.gas_left != 0 || !r.output.empty())) __builtin_trap();
    if (r.status != StatusCode::success && r.gas_refund != 0) __builtin_trap();
}

struct Input {
    const uint8_t* data;
    size_t size;
};

void* thread_main(void* arg) {
    const auto* in = static_cast<const Input*>(arg);
    run_one(in->data, in->size);
    return nullptr;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const uint8_t* data, size_t size) {
    if (size < 2) return 0;
    Input in{data, size};
    pthread_attr_t attr;
    pthread_attr_init(&attr);
    pthread_attr_setstacksize(&attr, size_t(64) << 20);
    pthread_t thread;
    if (pthread_create(&thread, &attr, thread_main, &in) != 0) __builtin_trap();
    pthread_join(thread, nullptr);
    pthread_attr_destroy(&attr);
    return 0;
}
