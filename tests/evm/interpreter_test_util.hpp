// Helpers for interpreter tests: run a hex program as a message call.
#pragma once

#include <gtest/gtest.h>

#include <string>

#include "core/hex.hpp"
#include "evm/interpreter_mock_host.hpp"

namespace suture::evm::testing {

inline Address addr(uint8_t last) {
    Address a;
    a.bytes[19] = last;
    return a;
}
inline const Address contract_addr = addr(0xaa);
inline const Address caller_addr = addr(0x11);

inline Bytes hex(const std::string& s) {
    auto r = from_hex(s);
    EXPECT_TRUE(r.ok()) << s;
    return r.ok() ? *r : Bytes();
}

// Appends "store the top of the stack at 0 and return 32 bytes".
inline std::string ret_top(const std::string& program) { return program + "60005260206000f3"; }

inline Message call_msg(int64_t gas, BytesView input = {}) {
    Message m;
    m.gas = gas;
    m.recipient = contract_addr;
    m.code_address = contract_addr;
    m.sender = caller_addr;
    m.input = input;
    return m;
}

inline ExecResult run(MockHost& host, const std::string& code_hex, int64_t gas = 1'000'000, BytesView input = {}) {
    const Bytes code = hex(code_hex);
    host.accounts[contract_addr].code = code;
    return execute(host, host.rev, call_msg(gas, input), code, host.tracer);
}

inline ExecResult run(const std::string& code_hex, int64_t gas = 1'000'000, Revision rev = Revision::cancun) {
    MockHost host(rev);
    return run(host, code_hex, gas);
}

inline std::string word(const ExecResult& r) { return to_hex(r.output, false); }

}  // namespace suture::evm::testing
