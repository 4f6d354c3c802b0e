// Random EVM programs for the differential test. A program is a list of
// snippets; every snippet is stack-neutral (its results go to a sink: a
// storage slot, a memory word, a transient slot, a log topic, or POP), so
// snippets compose in any order and inside bounded loops, and a difference in
// any computed value shows in the state, the logs, the return data or the gas.
// Keeping the snippet list (not only the bytes) lets a difference be
// minimized by dropping snippets (scripts/evm-differential.mjs --minimize).

// Opcodes by name (Cancun, plus CLZ from Osaka).
export const OP = {
  STOP: 0x00, ADD: 0x01, MUL: 0x02, SUB: 0x03, DIV: 0x04, SDIV: 0x05, MOD: 0x06, SMOD: 0x07, ADDMOD: 0x08,
  MULMOD: 0x09, EXP: 0x0a, SIGNEXTEND: 0x0b, LT: 0x10, GT: 0x11, SLT: 0x12, SGT: 0x13, EQ: 0x14, ISZERO: 0x15,
  AND: 0x16, OR: 0x17, XOR: 0x18, NOT: 0x19, BYTE: 0x1a, SHL: 0x1b, SHR: 0x1c, SAR: 0x1d, CLZ: 0x1e,
  KECCAK256: 0x20, ADDRESS: 0x30, BALANCE: 0x31, ORIGIN: 0x32, CALLER: 0x33, CALLVALUE: 0x34, CALLDATALOAD: 0x35,
  CALLDATASIZE: 0x36, CALLDATACOPY: 0x37, CODESIZE: 0x38, CODECOPY: 0x39, GASPRICE: 0x3a, EXTCODESIZE: 0x3b,
  EXTCODECOPY: 0x3c, RETURNDATASIZE: 0x3d, RETURNDATACOPY: 0x3e, EXTCODEHASH: 0x3f, BLOCKHASH: 0x40,
  COINBASE: 0x41, TIMESTAMP: 0x42, NUMBER: 0x43, PREVRANDAO: 0x44, GASLIMIT: 0x45, CHAINID: 0x46,
  SELFBALANCE: 0x47, BASEFEE: 0x48, BLOBHASH: 0x49, BLOBBASEFEE: 0x4a, POP: 0x50, MLOAD: 0x51, MSTORE: 0x52,
  MSTORE8: 0x53, SLOAD: 0x54, SSTORE: 0x55, JUMP: 0x56, JUMPI: 0x57, PC: 0x58, MSIZE: 0x59, GAS: 0x5a,
  JUMPDEST: 0x5b, TLOAD: 0x5c, TSTORE: 0x5d, MCOPY: 0x5e, PUSH0: 0x5f, PUSH1: 0x60, DUP1: 0x80, SWAP1: 0x90,
  LOG0: 0xa0, CREATE: 0xf0, CALL: 0xf1, CALLCODE: 0xf2, RETURN: 0xf3, DELEGATECALL: 0xf4, CREATE2: 0xf5,
  STATICCALL: 0xfa, REVERT: 0xfd, INVALID: 0xfe, SELFDESTRUCT: 0xff,
};

const M256 = (1n << 256n) - 1n;

// Byte-level assembler with forward labels (PUSH2 placeholders).
export class Asm {
  constructor() { this.code = []; this.labels = {}; this.fixups = []; }
  op(...ops) { for (const o of ops) this.code.push(o); return this; }
  push(v) {
    v = BigInt.asUintN(256, BigInt(v));
    if (v === 0n) return this.op(OP.PUSH0);
    let h = v.toString(16);
    if (h.length % 2) h = '0' + h;
    const n = h.length / 2;
    this.op(OP.PUSH1 + n - 1);
    for (let i = 0; i < n; ++i) this.code.push(parseInt(h.slice(2 * i, 2 * i + 2), 16));
    return this;
  }
  pushBytes(bytes) {  // PUSHn of exactly these 1..32 bytes
    this.op(OP.PUSH1 + bytes.length - 1, ...bytes);
    return this;
  }
  pushLabel(name) { this.op(0x61); this.fixups.push([this.code.length, name]); return this.op(0, 0); }
  label(name) { this.labels[name] = this.code.length; return this.op(OP.JUMPDEST); }
  // Writes bytes into memory at `offset` with MSTOREs (the tail word is zero-padded).
  memWrite(bytes, offset) {
    for (let i = 0; i < bytes.length; i += 32) {
      const chunk = [...bytes.slice(i, i + 32)];
      while (chunk.length < 32) chunk.push(0);
      this.pushBytes(chunk).push(offset + i).op(OP.MSTORE);
    }
    return this;
  }
  bytes() {
    for (const [at, name] of this.fixups) {
      const pc = this.labels[name];
      this.code[at] = pc >> 8;
      this.code[at + 1] = pc & 0xff;
    }
    return Uint8Array.from(this.code);
  }
}

// Interesting 256-bit words.
export function word(r, env) {
  const k = r.int(0, 15);
  switch (k) {
  case 0: return 0n;
  case 1: return 1n;
  case 2: return BigInt(r.int(0, 40));
  case 3: return M256;
  case 4: return 1n << 255n;
  case 5: return (1n << BigInt(r.int(0, 255))) + BigInt(r.int(-1, 1));
  case 6: return M256 - BigInt(r.int(0, 40));
  case 7: return BigInt(r.pick(env.addresses));
  case 8: return BigInt(r.int(0, 2 ** 31)) * BigInt(r.int(0, 2 ** 31));
  case 9: return (1n << 255n) - 1n;
  default: {
    let v = 0n;
    const n = r.int(1, 32);
    for (let i = 0; i < n; ++i) v = (v << 8n) | BigInt(r.int(0, 255));
    return v;
  }
  }
}

// Memory offsets and lengths: mostly small, sometimes large, rarely enormous.
export function memOffset(r) {
  const p = r();
  if (p < 0.85) return r.int(0, 320);
  if (p < 0.97) return r.int(0, 8192);
  if (p < 0.999) return r.int(1 << 16, 1 << 20);
  return r.pick([2 ** 32, 2 ** 40, M256]);
}
export function memLength(r) {
  const p = r();
  if (p < 0.2) return 0;
  if (p < 0.85) return r.int(1, 96);
  if (p < 0.997) return r.int(97, 2048);
  return r.pick([1 << 20, 2 ** 32, M256]);  // out of gas
}
const slot = r => (r.chance(0.9) ? r.int(0, 7) : word(r, { addresses: [0] }));

// Consumes the value on top of the stack.
export function sink(a, r) {
  const p = r();
  if (p < 0.4) a.push(slot(r)).op(OP.SSTORE);
  else if (p < 0.75) a.push(r.int(0, 15) * 32).op(OP.MSTORE);
  else if (p < 0.83) a.push(slot(r)).op(OP.TSTORE);
  else if (p < 0.9) a.push(r.int(0, 64)).push(r.int(0, 128)).op(OP.LOG0 + 1);
  else a.op(OP.POP);
}

// An op with its arguments pushed (first argument on top), result sunk when it has one.
export function apply(a, r, opcode, args, results = 1) {
  for (let i = args.length - 1; i >= 0; --i) a.push(args[i]);
  a.op(opcode);
  for (let i = 0; i < results; ++i) sink(a, r);
}

const ARITH = [
  [OP.ADD, 2], [OP.MUL, 2], [OP.SUB, 2], [OP.DIV, 2], [OP.SDIV, 2], [OP.MOD, 2], [OP.SMOD, 2], [OP.ADDMOD, 3],
  [OP.MULMOD, 3], [OP.EXP, 2], [OP.SIGNEXTEND, 2], [OP.LT, 2], [OP.GT, 2], [OP.SLT, 2], [OP.SGT, 2], [OP.EQ, 2],
  [OP.ISZERO, 1], [OP.AND, 2], [OP.OR, 2], [OP.XOR, 2], [OP.NOT, 1], [OP.BYTE, 2], [OP.SHL, 2], [OP.SHR, 2],
  [OP.SAR, 2],
];
const NULLARY = [OP.ADDRESS, OP.ORIGIN, OP.CALLER, OP.CALLVALUE, OP.CALLDATASIZE, OP.CODESIZE, OP.GASPRICE,
  OP.RETURNDATASIZE, OP.COINBASE, OP.TIMESTAMP, OP.NUMBER, OP.PREVRANDAO, OP.GASLIMIT, OP.CHAINID, OP.SELFBALANCE,
  OP.BASEFEE, OP.BLOBBASEFEE, OP.GAS, OP.PC, OP.MSIZE];

// Snippet kinds. env: { addresses, callees, precompiles, number (the block's), fork, extra: [gen] }
export const SNIPPETS = {
  arith(a, r, env) { const [o, n] = r.pick(ARITH); apply(a, r, o, Array.from({ length: n }, () => word(r, env))); },
  shift(a, r, env) { apply(a, r, r.pick([OP.SHL, OP.SHR, OP.SAR, OP.BYTE, OP.SIGNEXTEND]), [r.int(0, 300), word(r, env)]); },
  nullary(a, r) { a.op(r.pick(NULLARY)); sink(a, r); },
  account(a, r, env) {
    apply(a, r, r.pick([OP.BALANCE, OP.EXTCODESIZE, OP.EXTCODEHASH]), [r.pick(env.addresses)]);
  },
  extcodecopy(a, r, env) { apply(a, r, OP.EXTCODECOPY, [r.pick(env.addresses), memOffset(r), r.int(0, 64), memLength(r)], 0); },
  calldata(a, r) {
    if (r.chance(0.5)) apply(a, r, OP.CALLDATALOAD, [r.chance(0.9) ? r.int(0, 200) : word(r, { addresses: [0] })]);
    else apply(a, r, OP.CALLDATACOPY, [memOffset(r), r.int(0, 200), memLength(r)], 0);
  },
  codecopy(a, r) { apply(a, r, OP.CODECOPY, [memOffset(r), r.int(0, 300), memLength(r)], 0); },
  returndata(a, r) { apply(a, r, OP.RETURNDATACOPY, [memOffset(r), r.int(0, 8), r.int(0, 40)], 0); },
  blockhash(a, r, env) {
    const n = r.chance(0.8) ? env.number - r.int(-1, 260) : word(r, env);
    apply(a, r, OP.BLOCKHASH, [n]);
  },
  blobhash(a, r) { apply(a, r, OP.BLOBHASH, [r.int(0, 3)]); },
  memory(a, r, env) {
    const p = r();
    if (p < 0.35) apply(a, r, OP.MLOAD, [memOffset(r)]);
    else if (p < 0.6) apply(a, r, OP.MSTORE, [memOffset(r), word(r, env)], 0);
    else if (p < 0.75) apply(a, r, OP.MSTORE8, [memOffset(r), word(r, env)], 0);
    else apply(a, r, OP.MCOPY, [memOffset(r), memOffset(r), memLength(r)], 0);
  },
  storage(a, r, env) {
    const p = r();
    if (p < 0.3) apply(a, r, OP.SLOAD, [slot(r)]);
    else if (p < 0.7) apply(a, r, OP.SSTORE, [slot(r), r.chance(0.4) ? 0 : word(r, env)], 0);
    else if (p < 0.85) apply(a, r, OP.TLOAD, [slot(r)]);
    else apply(a, r, OP.TSTORE, [slot(r), word(r, env)], 0);
  },
  keccak(a, r) { apply(a, r, OP.KECCAK256, [memOffset(r), memLength(r)]); },
  log(a, r, env) {
    const n = r.int(0, 4);
    apply(a, r, OP.LOG0 + n, [memOffset(r), memLength(r), ...Array.from({ length: n }, () => word(r, env))], 0);
  },
  stackops(a, r, env) {
    const depth = r.int(1, 17);
    for (let i = 0; i < depth; ++i) a.push(word(r, env));
    if (r.chance(0.5)) {
      a.op(OP.DUP1 + r.int(0, depth - 1));
      sink(a, r);
    } else if (depth > 1) {
      a.op(OP.SWAP1 + r.int(0, depth - 2));
    }
    for (let i = 0; i < depth; ++i) sink(a, r);
  },
  call(a, r, env) {
    const kind = r.pick([OP.CALL, OP.CALL, OP.CALLCODE, OP.DELEGATECALL, OP.STATICCALL]);
    const target = r.chance(0.6) && env.callees.length ? r.pick(env.callees) : r.pick(env.addresses);
    // All the gas (GAS, or more than there is) in a third of the calls: a callee that fails then
    // takes 63/64 of it, and the caller runs out soon after.
    const gas = r.pick(['all', BigInt(r.int(0, 30000)), BigInt(r.int(0, 300000)), BigInt(r.int(0, 300000)), BigInt(r.int(0, 30000)), M256]);
    if (r.chance(0.3)) a.memWrite(Array.from({ length: r.int(1, 96) }, () => r.int(0, 255)), r.int(0, 64));
    const value = r.chance(0.7) ? 0n : BigInt(r.int(1, 1000));
    const args = [memOffset(r), memLength(r), r.int(0, 256), r.int(0, 96)];
    for (let i = 3; i >= 0; --i) a.push(args[i]);
    if (kind === OP.CALL || kind === OP.CALLCODE) a.push(value);
    a.push(target);
    if (gas === 'all') a.op(OP.GAS); else a.push(gas);
    a.op(kind);
    sink(a, r);
    if (r.chance(0.3)) { a.op(OP.RETURNDATASIZE); sink(a, r); }
  },
  create(a, r, env) {
    const init = initcode(r, env);
    const off = r.int(0, 128);
    a.memWrite(init, off);
    const value = r.chance(0.7) ? 0n : BigInt(r.int(1, 1000));
    const len = r.chance(0.95) ? init.length : memLength(r);
    if (r.chance(0.5)) a.push(r.int(0, 3)).push(len).push(off).push(value).op(OP.CREATE2);
    else a.push(len).push(off).push(value).op(OP.CREATE);
    if (r.chance(0.5)) {
      // call the new account: CALL(gas, addr, 0, 0, 0, 0, 32)
      a.push(32).push(0).push(0).push(0).push(0).op(OP.DUP1 + 5).op(OP.GAS).op(OP.CALL);
      sink(a, r);
    }
    sink(a, r);
  },
  precompile(a, r, env) {
    if (!env.precompileInput) return;
    const { address, input, gas } = env.precompileInput(r);
    const off = r.int(0, 64);
    a.memWrite(input, off);
    const retOff = r.int(0, 512);
    const retLen = r.pick([0, 32, 64, 128, 256]);
    const call = r.chance(0.3);
    a.push(retLen).push(retOff).push(input.length).push(off);
    if (call) a.push(0);
    a.push(address);
    if (gas === undefined) a.op(OP.GAS); else a.push(gas);
    a.op(call ? OP.CALL : OP.STATICCALL);
    sink(a, r);
    a.op(OP.RETURNDATASIZE);
    sink(a, r);
    a.push(r.pick([32, 64, 128, 256])).push(retOff).op(OP.KECCAK256);
    sink(a, r);
  },
  extra(a, r, env) { if (env.extra?.length) r.pick(env.extra)(a, r, env); },
};

const WEIGHTS = [['arith', 12], ['shift', 4], ['nullary', 6], ['account', 4], ['extcodecopy', 1], ['calldata', 3],
  ['codecopy', 1], ['returndata', 1], ['blockhash', 2], ['blobhash', 1], ['memory', 6], ['storage', 8], ['keccak', 2],
  ['log', 3], ['stackops', 3], ['call', 5], ['create', 2], ['precompile', 2], ['extra', 6]];
// A family that focuses on its own snippets gives them most of the weight.
export const FOCUSED = [['extra', 30], ['arith', 2], ['memory', 2], ['storage', 2], ['call', 2], ['nullary', 1]];

function pickKind(r, weights) {
  let x = r() * weights.reduce((s, [, w]) => s + w, 0);
  for (const [k, w] of weights) if ((x -= w) < 0) return k;
  return 'arith';
}

// A snippet is kept as (kind, seed) so that the program can be re-emitted from any subset.
export function snippetList(r, n, weights = WEIGHTS) {
  return Array.from({ length: n }, () => ({ kind: pickKind(r, weights), seed: r.int(0, 2 ** 31), loop: r.chance(0.06) ? r.int(1, 12) : 0 }));
}

// Terminators: how a program ends.
const ENDINGS = ['stop', 'return', 'return', 'revert', 'fall', 'invalid', 'undefined', 'selfdestruct', 'badjump', 'underflow'];

export function endingOf(r, tame = false) {
  const p = r();
  if (p < (tame ? 0.9 : 0.7)) return r.pick(['stop', 'return', 'fall']);
  return r.pick(ENDINGS);
}

export function emit(snippets, ending, env, rngOf) {
  const a = new Asm();
  snippets.forEach((s, i) => {
    const r = rngOf(s.seed);
    if (s.loop) {
      a.push(s.loop).label(`loop${i}`);
      SNIPPETS[s.kind](a, r, env);
      a.push(1).op(OP.SWAP1, OP.SUB, OP.DUP1).pushLabel(`loop${i}`).op(OP.JUMPI, OP.POP);
    } else {
      SNIPPETS[s.kind](a, r, env);
    }
  });
  const r = rngOf(ending.seed);
  switch (ending.kind) {
  case 'stop': a.op(OP.STOP); break;
  case 'return': a.push(BigInt(memLength(r)) % 600n).push(r.int(0, 200)).op(OP.RETURN); break;
  case 'revert': a.push(BigInt(memLength(r)) % 600n).push(r.int(0, 200)).op(OP.REVERT); break;
  case 'invalid': a.op(OP.INVALID); break;
  case 'undefined': a.op(r.pick([0x0c, 0x0d, 0x21, 0x4b, 0xa5, 0xb0, 0xee, 0xef, 0xf6, 0xfb, 0xfc])); break;
  case 'selfdestruct': a.push(r.pick(env.addresses)).op(OP.SELFDESTRUCT); break;
  case 'badjump': a.push(r.int(0, a.code.length + 10)).op(OP.JUMP); break;
  case 'underflow': a.op(r.pick([OP.ADD, OP.POP, OP.SWAP1 + 3, OP.DUP1 + 2])); break;
  default: break;  // fall off the end
  }
  return a.bytes();
}

// Creation code: runs a few snippets (storage of the new account), then returns a runtime, reverts,
// returns 0xEF-prefixed code (EIP-3541), more than 24,576 bytes (EIP-170), or self-destructs (EIP-6780).
export function initcode(r, env) {
  const a = new Asm();
  const p = r();
  const small = { ...env, callees: [], precompileInput: null, extra: [] };
  for (let i = r.int(0, 2); i > 0; --i) SNIPPETS[r.pick(['arith', 'storage', 'nullary', 'log'])](a, r, small);
  if (p < 0.6) {
    const runtime = Array.from({ length: r.int(0, 32) }, () => r.pick([0x60, 0x00, 0x55, 0x54, 0x5f, 0x01, 0xf3, 0x5b, r.int(0, 255)]));
    if (runtime.length) a.pushBytes(runtime).push(0).op(OP.MSTORE);
    a.push(runtime.length).push(32 - runtime.length).op(OP.RETURN);
  } else if (p < 0.7) a.push(0).push(0).op(OP.REVERT);
  else if (p < 0.78) a.push(0xef).push(0).op(OP.MSTORE8).push(r.int(1, 4)).push(0).op(OP.RETURN);
  else if (p < 0.84) a.push(r.pick([24576, 24577])).push(0).op(OP.RETURN);
  else if (p < 0.92) a.push(r.pick(env.addresses)).op(OP.SELFDESTRUCT);
  else a.op(OP.STOP);
  return [...a.bytes()];
}
