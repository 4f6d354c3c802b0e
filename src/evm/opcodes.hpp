// Opcode facts, listed once and in byte order: X(name, byte, stack items
// required, stack height change, revision that introduced it) for opcodes,
// U(byte) for bytes that are no opcode in any revision. Everything per-opcode
// (traits, names, the dispatch table) is generated from this list.
//
// Static gas per revision is a table built by applying each fork's changes to
// the previous fork's row (base_gas_table below): a new fork is a few lines.
#pragma once

#include <array>
#include <cstdint>

#include "evm/revision.hpp"

namespace suture::evm {

#define SUTURE_OPCODES(X, U) \
    X(STOP, 0x00, 0, 0, frontier) \
    X(ADD, 0x01, 2, -1, frontier) \
    X(MUL, 0x02, 2, -1, frontier) \
    X(SUB, 0x03, 2, -1, frontier) \
    X(DIV, 0x04, 2, -1, frontier) \
    X(SDIV, 0x05, 2, -1, frontier) \
    X(MOD, 0x06, 2, -1, frontier) \
    X(SMOD, 0x07, 2, -1, frontier) \
    X(ADDMOD, 0x08, 3, -2, frontier) \
    X(MULMOD, 0x09, 3, -2, frontier) \
    X(EXP, 0x0a, 2, -1, frontier) \
    X(SIGNEXTEND, 0x0b, 2, -1, frontier) \
    U(0x0c) \
    U(0x0d) \
    U(0x0e) \
    U(0x0f) \
    X(LT, 0x10, 2, -1, frontier) \
    X(GT, 0x11, 2, -1, frontier) \
    X(SLT, 0x12, 2, -1, frontier) \
    X(SGT, 0x13, 2, -1, frontier) \
    X(EQ, 0x14, 2, -1, frontier) \
    X(ISZERO, 0x15, 1, 0, frontier) \
    X(AND, 0x16, 2, -1, frontier) \
    X(OR, 0x17, 2, -1, frontier) \
    X(XOR, 0x18, 2, -1, frontier) \
    X(NOT, 0x19, 1, 0, frontier) \
    X(BYTE, 0x1a, 2, -1, frontier) \
    X(SHL, 0x1b, 2, -1, constantinople) \
    X(SHR, 0x1c, 2, -1, constantinople) \
    X(SAR, 0x1d, 2, -1, constantinople) \
    X(CLZ, 0x1e, 1, 0, osaka) \
    U(0x1f) \
    X(KECCAK256, 0x20, 2, -1, frontier) \
    U(0x21) \
    U(0x22) \
    U(0x23) \
    U(0x24) \
    U(0x25) \
    U(0x26) \
    U(0x27) \
    U(0x28) \
    U(0x29) \
    U(0x2a) \
    U(0x2b) \
    U(0x2c) \
    U(0x2d) \
    U(0x2e) \
    U(0x2f) \
    X(ADDRESS, 0x30, 0, 1, frontier) \
    X(BALANCE, 0x31, 1, 0, frontier) \
    X(ORIGIN, 0x32, 0, 1, frontier) \
    X(CALLER, 0x33, 0, 1, frontier) \
    X(CALLVALUE, 0x34, 0, 1, frontier) \
    X(CALLDATALOAD, 0x35, 1, 0, frontier) \
    X(CALLDATASIZE, 0x36, 0, 1, frontier) \
    X(CALLDATACOPY, 0x37, 3, -3, frontier) \
    X(CODESIZE, 0x38, 0, 1, frontier) \
    X(CODECOPY, 0x39, 3, -3, frontier) \
    X(GASPRICE, 0x3a, 0, 1, frontier) \
    X(EXTCODESIZE, 0x3b, 1, 0, frontier) \
    X(EXTCODECOPY, 0x3c, 4, -4, frontier) \
    X(RETURNDATASIZE, 0x3d, 0, 1, byzantium) \
    X(RETURNDATACOPY, 0x3e, 3, -3, byzantium) \
    X(EXTCODEHASH, 0x3f, 1, 0, constantinople) \
    X(BLOCKHASH, 0x40, 1, 0, frontier) \
    X(COINBASE, 0x41, 0, 1, frontier) \
    X(TIMESTAMP, 0x42, 0, 1, frontier) \
    X(NUMBER, 0x43, 0, 1, frontier) \
    X(PREVRANDAO, 0x44, 0, 1, frontier) \
    X(GASLIMIT, 0x45, 0, 1, frontier) \
    X(CHAINID, 0x46, 0, 1, istanbul) \
    X(SELFBALANCE, 0x47, 0, 1, istanbul) \
    X(BASEFEE, 0x48, 0, 1, london) \
    X(BLOBHASH, 0x49, 1, 0, cancun) \
    X(BLOBBASEFEE, 0x4a, 0, 1, cancun) \
    U(0x4b) \
    U(0x4c) \
    U(0x4d) \
    U(0x4e) \
    U(0x4f) \
    X(POP, 0x50, 1, -1, frontier) \
    X(MLOAD, 0x51, 1, 0, frontier) \
    X(MSTORE, 0x52, 2, -2, frontier) \
    X(MSTORE8, 0x53, 2, -2, frontier) \
    X(SLOAD, 0x54, 1, 0, frontier) \
    X(SSTORE, 0x55, 2, -2, frontier) \
    X(JUMP, 0x56, 1, -1, frontier) \
    X(JUMPI, 0x57, 2, -2, frontier) \
    X(PC, 0x58, 0, 1, frontier) \
    X(MSIZE, 0x59, 0, 1, frontier) \
    X(GAS, 0x5a, 0, 1, frontier) \
    X(JUMPDEST, 0x5b, 0, 0, frontier) \
    X(TLOAD, 0x5c, 1, 0, cancun) \
    X(TSTORE, 0x5d, 2, -2, cancun) \
    X(MCOPY, 0x5e, 3, -3, cancun) \
    X(PUSH0, 0x5f, 0, 1, shanghai) \
    X(PUSH1, 0x60, 0, 1, frontier) \
    X(PUSH2, 0x61, 0, 1, frontier) \
    X(PUSH3, 0x62, 0, 1, frontier) \
    X(PUSH4, 0x63, 0, 1, frontier) \
    X(PUSH5, 0x64, 0, 1, frontier) \
    X(PUSH6, 0x65, 0, 1, frontier) \
    X(PUSH7, 0x66, 0, 1, frontier) \
    X(PUSH8, 0x67, 0, 1, frontier) \
    X(PUSH9, 0x68, 0, 1, frontier) \
    X(PUSH10, 0x69, 0, 1, frontier) \
    X(PUSH11, 0x6a, 0, 1, frontier) \
    X(PUSH12, 0x6b, 0, 1, frontier) \
    X(PUSH13, 0x6c, 0, 1, frontier) \
    X(PUSH14, 0x6d, 0, 1, frontier) \
    X(PUSH15, 0x6e, 0, 1, frontier) \
    X(PUSH16, 0x6f, 0, 1, frontier) \
    X(PUSH17, 0x70, 0, 1, frontier) \
    X(PUSH18, 0x71, 0, 1, frontier) \
    X(PUSH19, 0x72, 0, 1, frontier) \
    X(PUSH20, 0x73, 0, 1, frontier) \
    X(PUSH21, 0x74, 0, 1, frontier) \
    X(PUSH22, 0x75, 0, 1, frontier) \
    X(PUSH23, 0x76, 0, 1, frontier) \
    X(PUSH24, 0x77, 0, 1, frontier) \
    X(PUSH25, 0x78, 0, 1, frontier) \
    X(PUSH26, 0x79, 0, 1, frontier) \
    X(PUSH27, 0x7a, 0, 1, frontier) \
    X(PUSH28, 0x7b, 0, 1, frontier) \
    X(PUSH29, 0x7c, 0, 1, frontier) \
    X(PUSH30, 0x7d, 0, 1, frontier) \
    X(PUSH31, 0x7e, 0, 1, frontier) \
    X(PUSH32, 0x7f, 0, 1, frontier) \
    X(DUP1, 0x80, 1, 1, frontier) \
    X(DUP2, 0x81, 2, 1, frontier) \
    X(DUP3, 0x82, 3, 1, frontier) \
    X(DUP4, 0x83, 4, 1, frontier) \
    X(DUP5, 0x84, 5, 1, frontier) \
    X(DUP6, 0x85, 6, 1, frontier) \
    X(DUP7, 0x86, 7, 1, frontier) \
    X(DUP8, 0x87, 8, 1, frontier) \
    X(DUP9, 0x88, 9, 1, frontier) \
    X(DUP10, 0x89, 10, 1, frontier) \
    X(DUP11, 0x8a, 11, 1, frontier) \
    X(DUP12, 0x8b, 12, 1, frontier) \
    X(DUP13, 0x8c, 13, 1, frontier) \
    X(DUP14, 0x8d, 14, 1, frontier) \
    X(DUP15, 0x8e, 15, 1, frontier) \
    X(DUP16, 0x8f, 16, 1, frontier) \
    X(SWAP1, 0x90, 2, 0, frontier) \
    X(SWAP2, 0x91, 3, 0, frontier) \
    X(SWAP3, 0x92, 4, 0, frontier) \
    X(SWAP4, 0x93, 5, 0, frontier) \
    X(SWAP5, 0x94, 6, 0, frontier) \
    X(SWAP6, 0x95, 7, 0, frontier) \
    X(SWAP7, 0x96, 8, 0, frontier) \
    X(SWAP8, 0x97, 9, 0, frontier) \
    X(SWAP9, 0x98, 10, 0, frontier) \
    X(SWAP10, 0x99, 11, 0, frontier) \
    X(SWAP11, 0x9a, 12, 0, frontier) \
    X(SWAP12, 0x9b, 13, 0, frontier) \
    X(SWAP13, 0x9c, 14, 0, frontier) \
    X(SWAP14, 0x9d, 15, 0, frontier) \
    X(SWAP15, 0x9e, 16, 0, frontier) \
    X(SWAP16, 0x9f, 17, 0, frontier) \
    X(LOG0, 0xa0, 2, -2, frontier) \
    X(LOG1, 0xa1, 3, -3, frontier) \
    X(LOG2, 0xa2, 4, -4, frontier) \
    X(LOG3, 0xa3, 5, -5, frontier) \
    X(LOG4, 0xa4, 6, -6, frontier) \
    U(0xa5) \
    U(0xa6) \
    U(0xa7) \
    U(0xa8) \
    U(0xa9) \
    U(0xaa) \
    U(0xab) \
    U(0xac) \
    U(0xad) \
    U(0xae) \
    U(0xaf) \
    U(0xb0) \
    U(0xb1) \
    U(0xb2) \
    U(0xb3) \
    U(0xb4) \
    U(0xb5) \
    U(0xb6) \
    U(0xb7) \
    U(0xb8) \
    U(0xb9) \
    U(0xba) \
    U(0xbb) \
    U(0xbc) \
    U(0xbd) \
    U(0xbe) \
    U(0xbf) \
    U(0xc0) \
    U(0xc1) \
    U(0xc2) \
    U(0xc3) \
    U(0xc4) \
    U(0xc5) \
    U(0xc6) \
    U(0xc7) \
    U(0xc8) \
    U(0xc9) \
    U(0xca) \
    U(0xcb) \
    U(0xcc) \
    U(0xcd) \
    U(0xce) \
    U(0xcf) \
    U(0xd0) \
    U(0xd1) \
    U(0xd2) \
    U(0xd3) \
    U(0xd4) \
    U(0xd5) \
    U(0xd6) \
    U(0xd7) \
    U(0xd8) \
    U(0xd9) \
    U(0xda) \
    U(0xdb) \
    U(0xdc) \
    U(0xdd) \
    U(0xde) \
    U(0xdf) \
    U(0xe0) \
    U(0xe1) \
    U(0xe2) \
    U(0xe3) \
    U(0xe4) \
    U(0xe5) \
    U(0xe6) \
    U(0xe7) \
    U(0xe8) \
    U(0xe9) \
    U(0xea) \
    U(0xeb) \
    U(0xec) \
    U(0xed) \
    U(0xee) \
    U(0xef) \
    X(CREATE, 0xf0, 3, -2, frontier) \
    X(CALL, 0xf1, 7, -6, frontier) \
    X(CALLCODE, 0xf2, 7, -6, frontier) \
    X(RETURN, 0xf3, 2, -2, frontier) \
    X(DELEGATECALL, 0xf4, 6, -5, homestead) \
    X(CREATE2, 0xf5, 4, -3, constantinople) \
    U(0xf6) \
    U(0xf7) \
    U(0xf8) \
    U(0xf9) \
    X(STATICCALL, 0xfa, 6, -5, byzantium) \
    U(0xfb) \
    U(0xfc) \
    X(REVERT, 0xfd, 2, -2, byzantium) \
    X(INVALID, 0xfe, 0, 0, frontier) \
    X(SELFDESTRUCT, 0xff, 1, -1, frontier)

enum Opcode : uint8_t {
#define SUTURE_OPCODE_ENUM(name, byte, req, change, since) OP_##name = byte,
#define SUTURE_OPCODE_NONE(byte)
    SUTURE_OPCODES(SUTURE_OPCODE_ENUM, SUTURE_OPCODE_NONE)
#undef SUTURE_OPCODE_ENUM
};

struct OpcodeTraits {
    const char* name = nullptr;  // nullptr: not an opcode in any revision
    int8_t stack_required = 0;
    int8_t stack_change = 0;
    Revision since = Revision::frontier;
};

constexpr int num_revisions = int(Revision::osaka) + 1;
constexpr int stack_limit = 1024;
constexpr int call_depth_limit = 1024;

constexpr std::array<OpcodeTraits, 256> opcode_traits = [] {
    std::array<OpcodeTraits, 256> t{};
#define SUTURE_OPCODE_TRAITS(n, byte, req, change, rev) t[byte] = {#n, req, change, Revision::rev};
    SUTURE_OPCODES(SUTURE_OPCODE_TRAITS, SUTURE_OPCODE_NONE)
#undef SUTURE_OPCODE_TRAITS
    return t;
}();

// The list must cover every byte exactly once, in order (the dispatch table relies on it).
constexpr bool opcode_list_is_complete() {
    constexpr int bytes[] = {
#define SUTURE_OPCODE_BYTE(name, byte, req, change, since) byte,
#define SUTURE_NONE_BYTE(byte) byte,
        SUTURE_OPCODES(SUTURE_OPCODE_BYTE, SUTURE_NONE_BYTE)
#undef SUTURE_OPCODE_BYTE
#undef SUTURE_NONE_BYTE
    };
    if (sizeof(bytes) / sizeof(bytes[0]) != 256) return false;
    for (int i = 0; i < 256; ++i)
        if (bytes[i] != i) return false;
    return true;
}
static_assert(opcode_list_is_complete());

// A name for any byte: the opcode's name, or "0x.." style for undefined bytes.
inline const char* opcode_name(uint8_t op) {
    return opcode_traits[op].name ? opcode_traits[op].name : "UNDEFINED";
}

using GasRow = std::array<int32_t, 256>;

// Static (base) gas per revision. Dynamic parts (memory, copy words, cold
// access surcharges, call costs) are charged by the instructions themselves.
constexpr std::array<GasRow, num_revisions> base_gas_table = [] {
    std::array<GasRow, num_revisions> table{};
    GasRow g{};
    auto set = [&g](std::initializer_list<uint8_t> ops, int32_t cost) {
        for (auto op : ops) g[op] = cost;
    };
    // Frontier (Yellow Paper appendix G).
    set({OP_ADD, OP_SUB, OP_NOT, OP_LT, OP_GT, OP_SLT, OP_SGT, OP_EQ, OP_ISZERO, OP_AND, OP_OR, OP_XOR,
         OP_BYTE, OP_CALLDATALOAD, OP_MLOAD, OP_MSTORE, OP_MSTORE8, OP_CALLDATACOPY, OP_CODECOPY},
        3);
    set({OP_MUL, OP_DIV, OP_SDIV, OP_MOD, OP_SMOD, OP_SIGNEXTEND}, 5);
    set({OP_ADDMOD, OP_MULMOD, OP_JUMP}, 8);
    set({OP_EXP, OP_JUMPI}, 10);
    set({OP_ADDRESS, OP_ORIGIN, OP_CALLER, OP_CALLVALUE, OP_CALLDATASIZE, OP_CODESIZE, OP_GASPRICE,
         OP_COINBASE, OP_TIMESTAMP, OP_NUMBER, OP_PREVRANDAO, OP_GASLIMIT, OP_POP, OP_PC, OP_MSIZE, OP_GAS},
        2);
    set({OP_KECCAK256}, 30);
    set({OP_BALANCE, OP_EXTCODESIZE, OP_EXTCODECOPY, OP_BLOCKHASH}, 20);
    set({OP_SLOAD}, 50);
    set({OP_JUMPDEST}, 1);
    for (int i = 0; i < 32; ++i) g[OP_PUSH1 + i] = 3;
    for (int i = 0; i < 16; ++i) g[OP_DUP1 + i] = g[OP_SWAP1 + i] = 3;
    for (int i = 0; i < 5; ++i) g[OP_LOG0 + i] = 375 * (1 + i);  // 375 + 375 per topic
    set({OP_CREATE}, 32000);
    set({OP_CALL, OP_CALLCODE}, 40);
    table[int(Revision::frontier)] = g;
    // Homestead: EIP-7 DELEGATECALL.
    set({OP_DELEGATECALL}, 40);
    table[int(Revision::homestead)] = g;
    // Tangerine Whistle: EIP-150 repricing of state access.
    set({OP_BALANCE}, 400);
    set({OP_EXTCODESIZE, OP_EXTCODECOPY, OP_CALL, OP_CALLCODE, OP_DELEGATECALL}, 700);
    set({OP_SLOAD}, 200);
    set({OP_SELFDESTRUCT}, 5000);
    table[int(Revision::tangerine_whistle)] = g;
    table[int(Revision::spurious_dragon)] = g;  // EIP-160 changes only EXP's per-byte cost
    // Byzantium: EIP-211 RETURNDATA*, EIP-214 STATICCALL, EIP-140 REVERT.
    set({OP_RETURNDATASIZE}, 2);
    set({OP_RETURNDATACOPY}, 3);
    set({OP_STATICCALL}, 700);
    table[int(Revision::byzantium)] = g;
    // Constantinople: EIP-145 shifts, EIP-1052 EXTCODEHASH, EIP-1014 CREATE2.
    set({OP_SHL, OP_SHR, OP_SAR}, 3);
    set({OP_EXTCODEHASH}, 400);
    set({OP_CREATE2}, 32000);
    table[int(Revision::constantinople)] = g;
    table[int(Revision::petersburg)] = g;
    // Istanbul: EIP-1884 repricing, EIP-1344 CHAINID, EIP-1884 SELFBALANCE.
    set({OP_BALANCE, OP_EXTCODEHASH}, 700);
    set({OP_SLOAD}, 800);
    set({OP_CHAINID}, 2);
    set({OP_SELFBALANCE}, 5);
    table[int(Revision::istanbul)] = g;
    // Berlin: EIP-2929 — the base is the warm cost; instructions add the cold surcharge.
    set({OP_BALANCE, OP_EXTCODESIZE, OP_EXTCODECOPY, OP_EXTCODEHASH, OP_SLOAD, OP_CALL, OP_CALLCODE,
         OP_DELEGATECALL, OP_STATICCALL},
        100);
    table[int(Revision::berlin)] = g;
    // London: EIP-3198 BASEFEE.
    set({OP_BASEFEE}, 2);
    table[int(Revision::london)] = g;
    table[int(Revision::paris)] = g;
    // Shanghai: EIP-3855 PUSH0.
    set({OP_PUSH0}, 2);
    table[int(Revision::shanghai)] = g;
    // Cancun: EIP-1153 TLOAD/TSTORE, EIP-5656 MCOPY, EIP-4844 BLOBHASH, EIP-7516 BLOBBASEFEE.
    set({OP_TLOAD, OP_TSTORE}, 100);
    set({OP_MCOPY, OP_BLOBHASH}, 3);
    set({OP_BLOBBASEFEE}, 2);
    table[int(Revision::cancun)] = g;
    table[int(Revision::prague)] = g;
    // Osaka: EIP-7939 CLZ.
    set({OP_CLZ}, 5);
    table[int(Revision::osaka)] = g;
    return table;
}();

}  // namespace suture::evm
