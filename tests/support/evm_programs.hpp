// Small hand-assembled contracts for tests that need a deploy, a storage
// write, a log, a revert or a read of the block context, without a
// compiler. Each is its runtime code; initcode() wraps runtime code in the
// constructor that returns it.
#pragma once

#include <cstdint>

#include "core/bytes.hpp"

namespace suture::test::programs {

// Constructor returning `runtime` (at most 255 bytes):
// PUSH1 len DUP1 PUSH1 11 PUSH1 0 CODECOPY PUSH1 0 RETURN.
inline Bytes initcode(const Bytes& runtime) {
    const uint8_t head[] = {0x60, uint8_t(runtime.size()), 0x80, 0x60, 0x0b, 0x60, 0x00, 0x39, 0x60, 0x00, 0xf3};
    Bytes out;
    out.reserve(sizeof head + runtime.size());
    for (uint8_t b : head) out.push_back(b);
    for (uint8_t b : runtime) out.push_back(b);
    return out;
}

// Empty calldata: reverts with the 4 bytes 0xdeadbeef. Otherwise calldata
// (key, value) as two words: SSTORE(key, value), then LOG2 with topics key
// and value and no data.
inline Bytes store_and_log() {
    return {0x36, 0x60, 0x11, 0x57,                    // CALLDATASIZE PUSH1 17 JUMPI
            0x63, 0xde, 0xad, 0xbe, 0xef, 0x60, 0x00, 0x52,  // PUSH4 deadbeef PUSH1 0 MSTORE
            0x60, 0x04, 0x60, 0x1c, 0xfd,              // PUSH1 4 PUSH1 28 REVERT
            0x5b,                                      // JUMPDEST (17)
            0x60, 0x20, 0x35, 0x60, 0x00, 0x35, 0x55,  // SSTORE(cd[0], cd[32])
            0x60, 0x20, 0x35, 0x60, 0x00, 0x35, 0x60, 0x00, 0x60, 0x00, 0xa2,  // LOG2(0, 0, cd[0], cd[32])
            0x00};
}

// Stores BLOCKHASH(NUMBER - 1) in slot 0, TIMESTAMP in 1, BASEFEE in 2,
// NUMBER in 3; returns BLOCKHASH(NUMBER - 1) as one word.
inline Bytes block_context() {
    return {0x60, 0x01, 0x43, 0x03, 0x40, 0x60, 0x00, 0x55,  // SSTORE(0, BLOCKHASH(NUMBER - 1))
            0x42, 0x60, 0x01, 0x55,                          // SSTORE(1, TIMESTAMP)
            0x48, 0x60, 0x02, 0x55,                          // SSTORE(2, BASEFEE)
            0x43, 0x60, 0x03, 0x55,                          // SSTORE(3, NUMBER)
            0x60, 0x00, 0x54, 0x60, 0x00, 0x52,              // MSTORE(0, SLOAD(0))
            0x60, 0x20, 0x60, 0x00, 0xf3};                   // RETURN(0, 32)
}

// Calldata for store_and_log: the two words.
inline Bytes store_call(uint8_t key, uint8_t value) {
    Bytes cd(64, 0);
    cd[31] = key;
    cd[63] = value;
    return cd;
}

}  // namespace suture::test::programs
