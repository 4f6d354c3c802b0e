// The interpreter loop: direct-threaded dispatch (computed goto) over the
// padded code, the stack as a raw array with a moving pointer, gas in a
// register. Static gas and stack bounds are checked once per run of
// straight-line code from the analysis' block costs (see analysis.hpp): on
// entry at pc 0, at a jump's destination and after each instruction that
// ends a run. The stepwise variant instead checks every instruction as its
// opcode's table entry implies (revision, stack underflow/overflow, static
// gas); it serves tracing (a trace reports the gas before every step) and
// code too large for block costs. Arithmetic and stack instructions run
// inline, host-facing ones call out to instructions_*.cpp.
#include "evm/interpreter.hpp"

#include <cstring>

#include "evm/execution_state.hpp"
#include "evm/instructions.hpp"
#include "evm/opcodes.hpp"

namespace suture::evm {

namespace {

// Multi-limb arithmetic is called out of line: inlined into the loop its
// register pressure would make the compiler spill the stack pointer
// everywhere. Each takes sp at the instruction start and writes its result.
#define SUTURE_BINARY_OUT(NAME, EXPR)                                         \
    [[gnu::noinline]] void NAME(uint256* sp) {                                \
        const uint256& a = sp[-1];                                            \
        const uint256& b = sp[-2];                                            \
        sp[-2] = (EXPR);                                                      \
    }
SUTURE_BINARY_OUT(arith_mul, a * b)
SUTURE_BINARY_OUT(arith_div, a / b)
SUTURE_BINARY_OUT(arith_sdiv, sdiv(a, b))
SUTURE_BINARY_OUT(arith_mod, a % b)
SUTURE_BINARY_OUT(arith_smod, smod(a, b))
SUTURE_BINARY_OUT(arith_exp, exp(a, b))
SUTURE_BINARY_OUT(arith_byte, byte(a, b))
#undef SUTURE_BINARY_OUT
// SIGNEXTEND in place, limb by limb: a word wider store or load of a word
// just written by 8-byte stores would miss store forwarding (see copy_word),
// and an index of 31 or more leaves the word untouched.
[[gnu::noinline]] void arith_signextend(uint256* sp) {
    const uint256& index = sp[-1];
    uint256& x = sp[-2];
    if (!index.fits_u64() || index.w[0] >= 31) return;
    const unsigned limb = unsigned(index.w[0] / 8);
    const unsigned sign_bit = unsigned(index.w[0] % 8) * 8 + 7;  // within the limb
    const uint64_t v = x.w[limb];
    const uint64_t fill = uint64_t(0) - ((v >> sign_bit) & 1);  // all ones if negative
    const uint64_t keep = sign_bit == 63 ? ~uint64_t(0) : (uint64_t(1) << (sign_bit + 1)) - 1;
    x.w[limb] = (v & keep) | (fill & ~keep);
    for (unsigned i = limb + 1; i < 4; ++i) x.w[i] = fill;
}
[[gnu::noinline]] void arith_addmod(uint256* sp) { sp[-3] = addmod(sp[-1], sp[-2], sp[-3]); }
[[gnu::noinline]] void arith_mulmod(uint256* sp) { sp[-3] = mulmod(sp[-1], sp[-2], sp[-3]); }

// Copies a stack word through general registers, 8 bytes at a time. Results
// are stored limb by limb; a 16-byte vector load of a just-written word would
// miss store forwarding and stall, which plain copies (DUP, SWAP) otherwise
// compile to. The empty asm keeps the compiler from merging the limbs.
[[gnu::always_inline]] inline void copy_word(uint256& dst, const uint256& src) {
    uint64_t a = src.w[0], b = src.w[1], c = src.w[2], d = src.w[3];
    asm("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
    dst.w[0] = a;
    dst.w[1] = b;
    dst.w[2] = c;
    dst.w[3] = d;
}

// Reads a stack word into general registers (same reason as copy_word): the
// bitwise instructions would otherwise load 16 bytes at a time.
[[gnu::always_inline]] inline uint256 load_word(const uint256& src) {
    uint64_t a = src.w[0], b = src.w[1], c = src.w[2], d = src.w[3];
    asm("" : "+r"(a), "+r"(b), "+r"(c), "+r"(d));
    return uint256::from_words(a, b, c, d);
}

// x shifted by n < 256 bits with the limbs kept in registers (uint256's
// shifts index a memory window, which loads across the stores building it).
// Whole-limb moves by the bits of n, then the sub-limb shift; `fill` is what
// enters from the vacated side (0, or all ones for SAR of a negative value).
[[gnu::always_inline]] inline uint256 shift_right(const uint256& x, unsigned n, uint64_t fill) {
    uint256 v = load_word(x);
    uint64_t w0 = v.w[0], w1 = v.w[1], w2 = v.w[2], w3 = v.w[3];
    if (n & 128) {
        w0 = w2, w1 = w3, w2 = fill, w3 = fill;
    }
    if (n & 64) {
        w0 = w1, w1 = w2, w2 = w3, w3 = fill;
    }
    if (const unsigned b = n & 63) {
        w0 = (w0 >> b) | (w1 << (64 - b));
        w1 = (w1 >> b) | (w2 << (64 - b));
        w2 = (w2 >> b) | (w3 << (64 - b));
        w3 = (w3 >> b) | (fill << (64 - b));
    }
    return uint256::from_words(w0, w1, w2, w3);
}
[[gnu::always_inline]] inline uint256 shift_left(const uint256& x, unsigned n) {
    uint256 v = load_word(x);
    uint64_t w0 = v.w[0], w1 = v.w[1], w2 = v.w[2], w3 = v.w[3];
    if (n & 128) {
        w3 = w1, w2 = w0, w1 = 0, w0 = 0;
    }
    if (n & 64) {
        w3 = w2, w2 = w1, w1 = w0, w0 = 0;
    }
    if (const unsigned b = n & 63) {
        w3 = (w3 << b) | (w2 >> (64 - b));
        w2 = (w2 << b) | (w1 >> (64 - b));
        w1 = (w1 << b) | (w0 >> (64 - b));
        w0 <<= b;
    }
    return uint256::from_words(w0, w1, w2, w3);
}
// SHL, SHR, SAR: sp[-1] is the shift, sp[-2] the value.
[[gnu::noinline]] void arith_shl(uint256* sp) {
    const uint256& n = sp[-1];
    sp[-2] = n.fits_u64() && n.w[0] < 256 ? shift_left(sp[-2], unsigned(n.w[0])) : uint256();
}
[[gnu::noinline]] void arith_shr(uint256* sp) {
    const uint256& n = sp[-1];
    sp[-2] = n.fits_u64() && n.w[0] < 256 ? shift_right(sp[-2], unsigned(n.w[0]), 0) : uint256();
}
[[gnu::noinline]] void arith_sar(uint256* sp) {
    const uint256& n = sp[-1];
    const uint64_t fill = uint64_t(0) - (sp[-2].w[3] >> 63);
    sp[-2] = n.fits_u64() && n.w[0] < 256 ? shift_right(sp[-2], unsigned(n.w[0]), fill)
                                          : uint256::from_words(fill, fill, fill, fill);
}

// Reads a PUSH immediate of N bytes (the padded code guarantees N readable bytes).
template <int N>
[[gnu::always_inline]] inline uint256 load_push(const uint8_t* p) {
    if constexpr (N <= 8) {
        uint64_t v = 0;
        for (int i = 0; i < N; ++i) v = (v << 8) | p[i];
        return v;
    } else {
        uint8_t buf[32] = {};
        std::memcpy(buf + 32 - N, p, N);
        return uint256::from_be(buf);
    }
}

// Static gas of `op` when every revision that defines it charges the same
// (most opcodes), so the loop subtracts a constant; -1 when it varies.
constexpr int32_t uniform_gas(uint8_t op) {
    const int32_t first = base_gas_table[int(opcode_traits[op].since)][op];
    for (int r = int(opcode_traits[op].since); r < num_revisions; ++r)
        if (base_gas_table[r][op] != first) return -1;
    return first;
}

void trace_step(Frame& f, const uint8_t* ip, int64_t gas, const uint256* sp) {
    const uint256* stack_base = stack_block_base(sp);
    StepInfo s;
    s.pc = uint32_t(ip - f.code.padded());
    s.opcode = *ip;
    s.gas = gas;
    s.gas_cost = base_gas_table[int(f.rev)][*ip];
    s.stack = stack_base;
    s.stack_size = int(sp - stack_base);
    s.memory_size = f.memory.size();
    s.depth = f.msg.depth;
    s.refund = f.refund;
    s.return_data = f.return_data;
    f.tracer->on_step(s);
}

// Runs the frame to completion; returns its status. f.gas holds the gas left.
// Stepwise: check every instruction (and trace it if f.tracer is set);
// otherwise charge runs from `blocks`.
//
// Only ip, sp and gas stay in registers: the stack height is read from sp's
// offset inside its 64 KiB-aligned block (see StackSpace), and everything
// else is loaded from the frame where needed, so that the register allocator
// does not spill the hot values in this very large function.
template <bool Stepwise>
StatusCode run(Frame& f, uint256* const stack_base, [[maybe_unused]] const BlockCost* const blocks) {
    const uint8_t* const code = f.code.padded();
    const uint8_t* ip = code;
    uint256* sp = stack_base;
    int64_t gas = f.gas;
    StatusCode status = StatusCode::success;

    // Constant-initialised (no guard, RIP-relative): one entry per byte, in order.
    static const void* const dispatch[256] = {
#define SUTURE_LABEL_ADDR(name, byte, req, change, since) &&L_##name,
#define SUTURE_LABEL_NONE(byte) &&L_UNDEFINED,
        SUTURE_OPCODES(SUTURE_LABEL_ADDR, SUTURE_LABEL_NONE)
#undef SUTURE_LABEL_ADDR
#undef SUTURE_LABEL_NONE
    };

#define DISPATCH() goto* dispatch[*ip]
// Checks and charges the run entered at `pc` (block mode only).
#define ENTER_RUN(pc)                                                                         \
    if constexpr (!Stepwise) {                                                                \
        const BlockCost b_ = blocks[pc];                                                      \
        if (stack_bytes(sp) < b_.stack_min) goto stack_underflow;                             \
        if (stack_bytes(sp) + b_.stack_growth > stack_limit * sizeof(uint256)) goto stack_overflow; \
        gas -= b_.gas;                                                                        \
        if (gas < 0) goto out_of_gas;                                                         \
    }
// Opens an instruction: the opcode table's checks, resolved at compile time.
#define OP(NAME)                                                                              \
    L_##NAME : {                                                                              \
        [[maybe_unused]] constexpr uint8_t OPC = OP_##NAME;                                   \
        constexpr OpcodeTraits T = opcode_traits[OP_##NAME];                                  \
        if constexpr (Stepwise) {                                                             \
            if (f.tracer) trace_step(f, ip, gas, sp);                                         \
        }                                                                                     \
        if constexpr (T.since != Revision::frontier) {                                        \
            if (f.rev < T.since) goto L_UNDEFINED;                                            \
        }                                                                                     \
        if constexpr (Stepwise && T.stack_required > 0) {                                     \
            if (stack_bytes(sp) < T.stack_required * sizeof(uint256)) goto stack_underflow;   \
        }                                                                                     \
        if constexpr (Stepwise && T.stack_change > 0) {                                       \
            if (stack_bytes(sp) > (stack_limit - T.stack_change) * sizeof(uint256))           \
                goto stack_overflow;                                                          \
        }                                                                                     \
        if constexpr (Stepwise) {                                                             \
            constexpr int32_t G = uniform_gas(OP_##NAME);                                     \
            gas -= G >= 0 ? G : f.gas_costs[OP_##NAME];                                       \
            if (gas < 0) goto out_of_gas;                                                     \
        }
// Closes an instruction of `len` bytes: applies the table's stack change.
#define NEXT_N(len)          \
    sp += T.stack_change;    \
    ip += (len);             \
    DISPATCH();              \
    }
#define NEXT NEXT_N(1)
// Closes an instruction that ends its run: the next one starts a new run.
#define NEXT_RUN             \
    sp += T.stack_change;    \
    ++ip;                    \
    ENTER_RUN(ip - code);    \
    DISPATCH();              \
    }
// Calls an out-of-line instruction with gas synchronised through the frame.
#define CALL_OUT(...)                                        \
    do {                                                     \
        f.gas = gas;                                         \
        const StatusCode st_ = __VA_ARGS__;                  \
        gas = f.gas;                                         \
        if (st_ != StatusCode::success) {                    \
            status = st_;                                    \
            goto halt;                                       \
        }                                                    \
    } while (0)
#define BINARY(NAME, EXPR)          \
    OP(NAME)                        \
    const uint256& a = sp[-1];      \
    const uint256& b = sp[-2];      \
    sp[-2] = (EXPR);                \
    NEXT

    ENTER_RUN(0);
    DISPATCH();

    OP(STOP)
    goto halt;
    }

    BINARY(ADD, a + b)
    OP(MUL)
    arith_mul(sp);
    NEXT
    BINARY(SUB, a - b)
    OP(DIV)
    arith_div(sp);
    NEXT
    OP(SDIV)
    arith_sdiv(sp);
    NEXT
    OP(MOD)
    arith_mod(sp);
    NEXT
    OP(SMOD)
    arith_smod(sp);
    NEXT
    OP(ADDMOD)
    arith_addmod(sp);
    NEXT
    OP(MULMOD)
    arith_mulmod(sp);
    NEXT
    OP(EXP)
    {
        // EIP-160 (Spurious Dragon): 50 gas per exponent byte, 10 before.
        const int64_t per_byte = f.rev >= Revision::spurious_dragon ? 50 : 10;
        gas -= per_byte * int64_t(sp[-2].byte_width());
        if (gas < 0) goto out_of_gas;
        arith_exp(sp);
    }
    NEXT
    OP(SIGNEXTEND)
    arith_signextend(sp);
    NEXT

    BINARY(LT, a < b ? 1 : 0)
    BINARY(GT, b < a ? 1 : 0)
    BINARY(SLT, slt(a, b) ? 1 : 0)
    BINARY(SGT, sgt(a, b) ? 1 : 0)
    BINARY(EQ, a == b ? 1 : 0)
    OP(ISZERO)
    sp[-1] = sp[-1] ? 0 : 1;
    NEXT
    BINARY(AND, load_word(a) & load_word(b))
    BINARY(OR, load_word(a) | load_word(b))
    BINARY(XOR, load_word(a) ^ load_word(b))
    OP(NOT)
    sp[-1] = ~load_word(sp[-1]);
    NEXT
    OP(BYTE)
    arith_byte(sp);
    NEXT
    OP(SHL)
    arith_shl(sp);
    NEXT
    OP(SHR)
    arith_shr(sp);
    NEXT
    OP(SAR)
    arith_sar(sp);
    NEXT
    OP(CLZ)
    sp[-1] = uint64_t(256 - sp[-1].bit_width());  // EIP-7939: 256 for zero
    NEXT

    OP(KECCAK256)
    CALL_OUT(op_keccak256(f, sp));
    NEXT

    OP(ADDRESS)
    sp[0] = to_uint256(f.msg.recipient);
    NEXT
    OP(BALANCE)
    CALL_OUT(op_balance(f, sp));
    NEXT
    OP(ORIGIN)
    sp[0] = to_uint256(f.tx().origin);
    NEXT
    OP(CALLER)
    sp[0] = to_uint256(f.msg.sender);
    NEXT
    OP(CALLVALUE)
    sp[0] = f.msg.value;
    NEXT
    OP(CALLDATALOAD)
    {
        const uint256& off = sp[-1];
        const BytesView in = f.msg.input;
        if (!off.fits_u64() || off.w[0] >= in.size()) {
            sp[-1] = 0;
        } else {
            uint8_t buf[32] = {};
            const size_t n = std::min<size_t>(32, in.size() - off.w[0]);
            std::memcpy(buf, in.data() + off.w[0], n);
            sp[-1] = uint256::from_be(buf);
        }
    }
    NEXT
    OP(CALLDATASIZE)
    sp[0] = uint64_t(f.msg.input.size());
    NEXT
    OP(CALLDATACOPY)
    CALL_OUT(op_calldatacopy(f, sp));
    NEXT
    OP(CODESIZE)
    sp[0] = uint64_t(f.code.size());
    NEXT
    OP(CODECOPY)
    CALL_OUT(op_codecopy(f, sp));
    NEXT
    OP(GASPRICE)
    sp[0] = f.tx().gas_price;
    NEXT
    OP(EXTCODESIZE)
    CALL_OUT(op_extcodesize(f, sp));
    NEXT
    OP(EXTCODECOPY)
    CALL_OUT(op_extcodecopy(f, sp));
    NEXT
    OP(RETURNDATASIZE)
    sp[0] = uint64_t(f.return_data.size());
    NEXT
    OP(RETURNDATACOPY)
    CALL_OUT(op_returndatacopy(f, sp));
    NEXT
    OP(EXTCODEHASH)
    CALL_OUT(op_extcodehash(f, sp));
    NEXT

    OP(BLOCKHASH)
    CALL_OUT(op_blockhash(f, sp));
    NEXT
    OP(COINBASE)
    sp[0] = to_uint256(f.tx().coinbase);
    NEXT
    OP(TIMESTAMP)
    sp[0] = uint64_t(f.tx().timestamp);
    NEXT
    OP(NUMBER)
    sp[0] = uint64_t(f.tx().number);
    NEXT
    OP(PREVRANDAO)
    sp[0] = f.tx().prev_randao;
    NEXT
    OP(GASLIMIT)
    sp[0] = uint64_t(f.tx().gas_limit);
    NEXT
    OP(CHAINID)
    sp[0] = f.tx().chain_id;
    NEXT
    OP(SELFBALANCE)
    sp[0] = f.host.get_balance(f.msg.recipient);
    NEXT
    OP(BASEFEE)
    sp[0] = f.tx().base_fee;
    NEXT
    OP(BLOBHASH)
    CALL_OUT(op_blobhash(f, sp));
    NEXT
    OP(BLOBBASEFEE)
    sp[0] = f.tx().blob_base_fee;
    NEXT

    OP(POP)
    NEXT
    OP(MLOAD)
    {
        const uint256& off = sp[-1];
        if (!expand_memory(f, gas, off, 32)) goto out_of_gas;
        sp[-1] = uint256::from_be(f.memory.data() + off.w[0]);
    }
    NEXT
    OP(MSTORE)
    {
        const uint256& off = sp[-1];
        if (!expand_memory(f, gas, off, 32)) goto out_of_gas;
        sp[-2].to_be(f.memory.data() + off.w[0]);
    }
    NEXT
    OP(MSTORE8)
    {
        const uint256& off = sp[-1];
        if (!expand_memory(f, gas, off, 1)) goto out_of_gas;
        f.memory.data()[off.w[0]] = uint8_t(sp[-2].w[0]);
    }
    NEXT
    OP(SLOAD)
    CALL_OUT(op_sload(f, sp));
    NEXT
    OP(SSTORE)
    CALL_OUT(op_sstore(f, sp));
    NEXT_RUN
    OP(JUMP)
    {
        const uint256& dest = sp[-1];
        if (!dest.fits_u64() || !f.code.is_jumpdest(dest.w[0])) goto bad_jump;
        const uint64_t pc = dest.w[0];
        --sp;
        ip = code + pc;
        ENTER_RUN(pc);
        DISPATCH();
    }
    }
    OP(JUMPI)
    {
        const uint256& dest = sp[-1];
        if (sp[-2]) {
            if (!dest.fits_u64() || !f.code.is_jumpdest(dest.w[0])) goto bad_jump;
            const uint64_t pc = dest.w[0];
            sp -= 2;
            ip = code + pc;
            ENTER_RUN(pc);
            DISPATCH();
        }
    }
    NEXT_RUN
    OP(PC)
    sp[0] = uint64_t(ip - code);
    NEXT
    OP(MSIZE)
    sp[0] = uint64_t(f.memory.size());
    NEXT
    OP(GAS)
    sp[0] = uint64_t(gas);
    NEXT_RUN
    OP(JUMPDEST)
    NEXT
    OP(TLOAD)
    CALL_OUT(op_tload(f, sp));
    NEXT
    OP(TSTORE)
    CALL_OUT(op_tstore(f, sp));
    NEXT
    OP(MCOPY)
    CALL_OUT(op_mcopy(f, sp));
    NEXT

    OP(PUSH0)
    sp[0] = 0;
    NEXT
#define SUTURE_PUSH(N)                 \
    OP(PUSH##N)                        \
    sp[0] = load_push<N>(ip + 1);      \
    NEXT_N(N + 1)
    SUTURE_PUSH(1) SUTURE_PUSH(2) SUTURE_PUSH(3) SUTURE_PUSH(4) SUTURE_PUSH(5) SUTURE_PUSH(6)
    SUTURE_PUSH(7) SUTURE_PUSH(8) SUTURE_PUSH(9) SUTURE_PUSH(10) SUTURE_PUSH(11) SUTURE_PUSH(12)
    SUTURE_PUSH(13) SUTURE_PUSH(14) SUTURE_PUSH(15) SUTURE_PUSH(16) SUTURE_PUSH(17) SUTURE_PUSH(18)
    SUTURE_PUSH(19) SUTURE_PUSH(20) SUTURE_PUSH(21) SUTURE_PUSH(22) SUTURE_PUSH(23) SUTURE_PUSH(24)
    SUTURE_PUSH(25) SUTURE_PUSH(26) SUTURE_PUSH(27) SUTURE_PUSH(28) SUTURE_PUSH(29) SUTURE_PUSH(30)
    SUTURE_PUSH(31) SUTURE_PUSH(32)
#undef SUTURE_PUSH

#define SUTURE_DUP(N)        \
    OP(DUP##N)               \
    copy_word(sp[0], sp[-(N)]); \
    NEXT
    SUTURE_DUP(1) SUTURE_DUP(2) SUTURE_DUP(3) SUTURE_DUP(4) SUTURE_DUP(5) SUTURE_DUP(6) SUTURE_DUP(7)
    SUTURE_DUP(8) SUTURE_DUP(9) SUTURE_DUP(10) SUTURE_DUP(11) SUTURE_DUP(12) SUTURE_DUP(13) SUTURE_DUP(14)
    SUTURE_DUP(15) SUTURE_DUP(16)
#undef SUTURE_DUP

#define SUTURE_SWAP(N)                     \
    OP(SWAP##N)                            \
    {                                      \
        uint256 t;                         \
        copy_word(t, sp[-1]);              \
        copy_word(sp[-1], sp[-1 - (N)]);   \
        copy_word(sp[-1 - (N)], t);        \
    }                                      \
    NEXT
    SUTURE_SWAP(1) SUTURE_SWAP(2) SUTURE_SWAP(3) SUTURE_SWAP(4) SUTURE_SWAP(5) SUTURE_SWAP(6)
    SUTURE_SWAP(7) SUTURE_SWAP(8) SUTURE_SWAP(9) SUTURE_SWAP(10) SUTURE_SWAP(11) SUTURE_SWAP(12)
    SUTURE_SWAP(13) SUTURE_SWAP(14) SUTURE_SWAP(15) SUTURE_SWAP(16)
#undef SUTURE_SWAP

#define SUTURE_LOG(N)                      \
    OP(LOG##N)                             \
    CALL_OUT(op_log(f, sp, N));            \
    NEXT
    SUTURE_LOG(0) SUTURE_LOG(1) SUTURE_LOG(2) SUTURE_LOG(3) SUTURE_LOG(4)
#undef SUTURE_LOG

    OP(CREATE)
    CALL_OUT(op_create(f, sp, CallKind::create));
    NEXT_RUN
    OP(CREATE2)
    CALL_OUT(op_create(f, sp, CallKind::create2));
    NEXT_RUN
    OP(CALL)
    CALL_OUT(op_call(f, sp, CallKind::call, false));
    NEXT_RUN
    OP(CALLCODE)
    CALL_OUT(op_call(f, sp, CallKind::callcode, false));
    NEXT_RUN
    OP(DELEGATECALL)
    CALL_OUT(op_call(f, sp, CallKind::delegatecall, false));
    NEXT_RUN
    OP(STATICCALL)
    CALL_OUT(op_call(f, sp, CallKind::call, true));
    NEXT_RUN
    OP(RETURN)
    status = StatusCode::success;
    goto return_data;
    }
    OP(REVERT)
    status = StatusCode::revert;
    goto return_data;
    }
    OP(INVALID)
    status = StatusCode::invalid_instruction;
    goto halt;
    }
    OP(SELFDESTRUCT)
    CALL_OUT(op_selfdestruct(f, sp));
    goto halt;
    }

return_data : {
    const uint256 off = sp[-1], size = sp[-2];
    if (!expand_memory(f, gas, off, size)) goto out_of_gas;
    f.output_offset = size ? off.w[0] : 0;
    f.output_size = size.w[0];
    goto halt;
}

L_UNDEFINED:
    if constexpr (Stepwise) {
        if (f.tracer) trace_step(f, ip, gas, sp);
    }
    status = StatusCode::undefined_instruction;
    goto halt;
stack_underflow:
    status = StatusCode::stack_underflow;
    goto halt;
stack_overflow:
    status = StatusCode::stack_overflow;
    goto halt;
bad_jump:
    status = StatusCode::bad_jump_destination;
    goto halt;
out_of_gas:
    status = StatusCode::out_of_gas;
halt:
    f.gas = (status == StatusCode::success || status == StatusCode::revert) ? gas : 0;
    return status;

#undef DISPATCH
#undef ENTER_RUN
#undef OP
#undef NEXT_N
#undef NEXT
#undef NEXT_RUN
#undef CALL_OUT
#undef BINARY
}

}  // namespace

ExecResult execute(Host& host, Revision rev, const Message& msg, const AnalyzedCode& code, Tracer* tracer) {
    Frame f(host, rev, msg, code, tracer);
    StackSpace stack;
    if (tracer) tracer->on_frame_start(msg, code.code());
    const BlockCost* const blocks = tracer ? nullptr : code.block_costs(rev);
    const StatusCode status = blocks ? run<false>(f, stack.base(), blocks) : run<true>(f, stack.base(), nullptr);

    ExecResult r;
    r.status = status;
    r.gas_left = f.gas;
    r.gas_refund = status == StatusCode::success ? f.refund : 0;
    if ((status == StatusCode::success || status == StatusCode::revert) && f.output_size)
        r.output.assign(f.memory.data() + f.output_offset, f.memory.data() + f.output_offset + f.output_size);
    if (tracer) tracer->on_frame_end(r);
    return r;
}

ExecResult execute(Host& host, Revision rev, const Message& msg, BytesView code, Tracer* tracer) {
    const AnalyzedCode analyzed(code);
    return execute(host, rev, msg, analyzed, tracer);
}

}  // namespace suture::evm
