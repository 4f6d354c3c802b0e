// EIP-3155 JSON trace lines.
#include <ostream>
#include <string>

#include "evm/opcodes.hpp"
#include "evm/tracer.hpp"

namespace suture::evm {

namespace {

std::string hex64(int64_t v) {
    static const char digits[] = "0123456789abcdef";
    if (v == 0) return "0x0";
    uint64_t u = uint64_t(v);
    char buf[16];
    int n = 0;
    while (u) {
        buf[n++] = digits[u & 0xf];
        u >>= 4;
    }
    std::string s = "0x";
    while (n) s += buf[--n];
    return s;
}

}  // namespace

void Eip3155Tracer::on_step(const StepInfo& step) {
    std::string line;
    line.reserve(128 + 70 * size_t(step.stack_size));
    line += "{\"pc\":" + std::to_string(step.pc);
    line += ",\"op\":" + std::to_string(step.opcode);
    line += ",\"gas\":\"" + hex64(step.gas) + "\"";
    line += ",\"gasCost\":\"" + hex64(step.gas_cost) + "\"";
    line += ",\"memSize\":" + std::to_string(step.memory_size);
    line += ",\"stack\":[";
    for (int i = 0; i < step.stack_size; ++i) {
        if (i) line += ',';
        line += '"' + step.stack[i].to_hex() + '"';
    }
    line += "],\"depth\":" + std::to_string(step.depth + 1);
    line += ",\"refund\":" + std::to_string(step.refund);
    line += ",\"opName\":\"";
    line += opcode_name(step.opcode);
    line += "\"}\n";
    out_ << line;
}

}  // namespace suture::evm
