// Case families of the EVM differential test: which fork each runs on and how
// its cases are made. `programCase` (cases.mjs) builds the common shape; a
// family adds its own snippets (`extra`), precompile inputs and transactions.
import { CHAIN_ID, emitPrograms, fund, precompiles, programCase, randomAddress } from './cases.mjs';
import {
  blsPrecompileInput, cancunPrecompileInput, modexpPrecompileInput, osakaPrecompileInput, p256PrecompileInput,
  praguePrecompileInput,
} from './precompile_inputs.mjs';
import { FOCUSED, OP, SNIPPETS, apply, sink, word } from './programs.mjs';
import { HISTORY } from './runner.mjs';
import { addressOf, hex, qty, randomKey, signAuthorization, unhex } from './tx.mjs';

// EIP-2935: ask the history contract for a block's hash and compare it with BLOCKHASH.
function historyCall(a, r, env) {
  const n = r.chance(0.85) ? env.number - r.int(-2, 300) : word(r, env);
  const len = r.chance(0.9) ? 32 : r.int(0, 40);
  a.push(n).push(0).op(OP.MSTORE);
  a.push(32).push(64).push(len).push(0).push(HISTORY);
  if (r.chance(0.5)) a.op(OP.GAS); else a.push(r.int(0, 5000));
  a.op(OP.STATICCALL);
  sink(a, r);
  a.push(64).op(OP.MLOAD).push(n).op(OP.BLOCKHASH).op(OP.EQ);
  sink(a, r);
  a.push(64).op(OP.MLOAD);
  sink(a, r);
}

// EIP-7939: count leading zeros.
const clz = (a, r, env) => apply(a, r, OP.CLZ, [r.chance(0.3) ? BigInt(r.int(0, 3)) << BigInt(r.int(0, 255)) : word(r, env)]);

// Calls to one set of precompiles, with more weight than the general mix.
const precompileSnippet = input => (a, r, env) => SNIPPETS.precompile(a, r, { ...env, precompileInput: input });

// EIP-7623: calldata heavy transactions with gas near the floor (21000 + 10 per token,
// a token per zero byte and four per non-zero byte) and near the standard cost.
function floorGas(r, tx) {
  const bytes = unhex(tx.data);
  const zeros = bytes.filter(b => b === 0).length;
  const tokens = zeros + 4 * (bytes.length - zeros);
  const floor = 21000 + 10 * tokens;  // a creation's 32,000 is not part of the floor
  return r.pick([floor - r.int(0, 50), floor + r.int(0, 50), floor + r.int(0, 20000), 21000 + 4 * tokens + r.int(0, 30000), 2000000]);
}

// Transactions the rules reject (and a few they accept at the edge).
function invalidate(r, c) {
  const tx = c.tx;
  const sender = c.accounts[c.sender];
  switch (r.int(0, 8)) {
  case 0: tx.gas = r.int(20000, 21000 + 16 * (tx.data.length / 2)); break;                  // intrinsic gas
  case 1: sender.nonce = tx.nonce + r.int(1, 3); break;                                       // nonce too low
  case 2: if (tx.nonce > 0) sender.nonce = tx.nonce - 1; break;                               // nonce too high
  case 3: sender.balance = qty(BigInt(tx.gas) * BigInt(tx.gasPrice ?? tx.maxFee) + BigInt(tx.value) - BigInt(r.int(0, 1))); break;
  case 4: if (tx.maxFee) tx.maxFee = qty(BigInt(c.baseFee) - BigInt(r.int(0, 1))); else tx.gasPrice = qty(BigInt(c.baseFee) - BigInt(r.int(0, 1))); break;
  case 5: if (tx.maxFee) tx.maxPriorityFee = qty(BigInt(tx.maxFee) + 1n); break;
  case 6: tx.gas = 30000000 + r.int(0, 1); fund(r, c, tx); break;                           // above the block gas limit
  // EIP-3607 (a sender with code) is not compared: anvil turns the rule off (so that any account can be
  // impersonated). From Prague a sender whose code is a delegation designator is valid on both.
  case 7: if (c.fork !== 'cancun') sender.code = '0xef0100' + r.pick(c.universe).slice(2); break;
  default: tx.to = null; tx.data = hex(new Array(49152 + r.int(0, 1)).fill(0)); tx.gas = 15000000; fund(r, c, tx); break;  // EIP-3860
  }
  return c;
}

// EIP-7702: a type-4 transaction with authorizations that are valid, for another chain, with a
// stale or future nonce, badly signed, re-used; authorities that are fresh, funded, already
// delegated, or contracts; the call into a delegated account or a contract that calls them.
function setCodeCase(r, ctx, family) {
  const c = programCase(r, ctx, family, { txTypes: [2], createShare: 0 });
  const tx = c.tx;
  tx.type = 4;
  const targets = [...Object.keys(c.programs), ...precompiles(c.fork).slice(0, 2), randomAddress(r),
                   '0x' + '00'.repeat(20)];
  const authorities = [];
  const nonces = {};
  const list = [];
  for (let n = r.chance(0.04) ? 0 : r.int(1, 4); n > 0; --n) {
    let key;
    let addr;
    if (r.chance(0.2)) { key = unhex(c.senderKey); addr = c.sender; }
    else if (authorities.length && r.chance(0.2)) ({ key, addr } = r.pick(authorities));
    else {
      key = randomKey(r);
      addr = addressOf(key);
      // Every authority exists before the transaction: anvil refunds PER_EMPTY_ACCOUNT_COST -
      // PER_AUTH_BASE_COST for an authority that does not exist too (its in-memory database
      // answers for any account), where EIP-7702 refunds only an authority that exists in the
      // trie; tests/fixtures/evmdiff/README.md has the example.
      const state = r.int(1, 4);
      c.accounts[addr] = { nonce: state === 1 ? r.int(1, 3) : r.int(0, 3), balance: qty(r.int(state === 1 ? 0 : 1, 2 ** 40)), storage: {},
                           code: state === 3 ? '0xef0100' + r.pick(targets).slice(2) : state === 4 ? '0x6001600055' : '0x' };
    }
    authorities.push({ key, addr });
    // The sender's nonce is bumped before the list is processed.
    nonces[addr] ??= (c.accounts[addr]?.nonce ?? 0) + (addr === c.sender ? 1 : 0);
    const p = r();
    const nonce = p < 0.75 ? nonces[addr] : p < 0.85 ? nonces[addr] + 1 : p < 0.95 ? Math.max(0, nonces[addr] - 1) : 2n ** 64n - 1n;
    const chainId = r.pick([CHAIN_ID, CHAIN_ID, CHAIN_ID, CHAIN_ID, 0, 1, 2n ** 256n - 1n]);
    const mangle = r.chance(0.85) ? 'none' : r.pick(['bad_s', 'bad_y', 'garbage']);
    // A delegate may be an authority of this list: a designator is not followed twice.
    const delegate = authorities.length > 1 && r.chance(0.15) ? r.pick(authorities).addr : r.pick(targets);
    const auth = signAuthorization(key, { chainId, address: delegate, nonce, mangle });
    list.push(auth);
    if (nonce === nonces[addr] && mangle === 'none' && (chainId === 0 || chainId === CHAIN_ID)) nonces[addr] += 1;
    if (r.chance(0.1)) list.push(auth);  // re-used: its nonce is stale by then
  }
  tx.authorizationList = list;
  c.universe.push(...authorities.map(x => x.addr));
  emitPrograms(c, family);
  if (authorities.length && r.chance(0.6)) tx.to = r.pick(authorities).addr;
  if (r.chance(0.02)) tx.to = null;  // a type-4 creation is invalid
  tx.gas = Math.max(tx.gas, 21000 + 25000 * list.length + r.int(0, 200000));
  fund(r, c, tx);
  return c;
}

export const families = {
  // Random programs over every Cancun opcode and the Cancun precompiles: the baseline.
  cancun: {
    fork: 'cancun', precompileInput: cancunPrecompileInput,
    make: (r, ctx) => programCase(r, ctx, families.cancun),
  },
  // Transactions the rules reject (nonce, balance, fees, gas, EIP-3607, EIP-3860).
  cancun_invalid: {
    fork: 'cancun', precompileInput: cancunPrecompileInput,
    make: (r, ctx) => invalidate(r, programCase(r, ctx, families.cancun_invalid, { snippets: [1, 5] })),
  },
  // The same programs under Prague rules, with the EIP-2537 precompiles in the mix.
  prague: {
    fork: 'prague', precompileInput: praguePrecompileInput, extra: [historyCall],
    make: (r, ctx) => programCase(r, ctx, families.prague, { addresses: [HISTORY] }),
  },
  prague_invalid: {
    fork: 'prague', precompileInput: praguePrecompileInput,
    make: (r, ctx) => invalidate(r, programCase(r, ctx, families.prague_invalid, { snippets: [1, 5] })),
  },
  // EIP-2537: BLS12-381 G1/G2 add, MSM, pairing, map to curve; valid and invalid encodings.
  bls: {
    fork: 'prague', precompileInput: blsPrecompileInput, extra: [precompileSnippet(blsPrecompileInput)],
    make: (r, ctx) => programCase(r, ctx, families.bls, { snippets: [1, 6], weights: FOCUSED, gas: r => r.int(500000, 6000000) }),
  },
  // EIP-2935: the history contract against BLOCKHASH.
  history: {
    fork: 'prague', extra: [historyCall],
    make: (r, ctx) => programCase(r, ctx, families.history, { snippets: [1, 8], weights: FOCUSED, addresses: [HISTORY] }),
  },
  // EIP-7623: the calldata floor.
  calldata_floor: {
    fork: 'prague', precompileInput: cancunPrecompileInput,
    make: (r, ctx) => programCase(r, ctx, families.calldata_floor,
                                  { snippets: [0, 3], calldata: [0, 4000], zeroShare: r.pick([0, 0.3, 0.9]), gas: floorGas, createShare: 0.1 }),
  },
  // EIP-7702: set-code transactions.
  setcode: {
    fork: 'prague', precompileInput: cancunPrecompileInput,
    make: (r, ctx) => setCodeCase(r, ctx, families.setcode),
  },
  // Osaka: everything above plus CLZ, P-256 and the new MODEXP rules.
  osaka: {
    fork: 'osaka', precompileInput: osakaPrecompileInput, extra: [historyCall, clz],
    make: (r, ctx) => programCase(r, ctx, families.osaka, { addresses: [HISTORY] }),
  },
  // EIP-7939: CLZ.
  clz: {
    fork: 'osaka', extra: [clz, clz, clz],
    make: (r, ctx) => programCase(r, ctx, families.clz, { snippets: [1, 12], weights: FOCUSED }),
  },
  // EIP-7823/7883: MODEXP bounds (1,024 bytes) and pricing.
  modexp: {
    fork: 'osaka', precompileInput: modexpPrecompileInput, extra: [precompileSnippet(modexpPrecompileInput)],
    make: (r, ctx) => programCase(r, ctx, families.modexp, { snippets: [1, 4], weights: FOCUSED, gas: r => r.int(200000, 8000000) }),
  },
  // EIP-7951: secp256r1 verification at 0x100.
  p256: {
    fork: 'osaka', precompileInput: p256PrecompileInput, extra: [precompileSnippet(p256PrecompileInput)],
    // Half the cases name 0x100 in the access list, so that it is warm on both sides whatever
    // the warm set at the start of a transaction holds.
    make: (r, ctx) => {
      const c = programCase(r, ctx, families.p256, { snippets: [1, 6], weights: FOCUSED, gas: r => r.int(300000, 3000000),
                                                     txTypes: [1, 2] });
      if (r.chance(0.5)) c.tx.accessList.push({ address: '0x' + '0100'.padStart(40, '0'), keys: [] });
      return c;
    },
  },
  // EIP-7825: the per-transaction gas cap (2^24), and EIP-7623 under Osaka.
  gas_cap: {
    fork: 'osaka', precompileInput: cancunPrecompileInput,
    make: (r, ctx) => programCase(r, ctx, families.gas_cap,
                                  { snippets: [0, 4], gas: r => r.pick([2 ** 24 - r.int(0, 2), 2 ** 24 + r.int(0, 2), r.int(2 ** 24, 30000000), r.int(21000, 2 ** 24)]) }),
  },
  setcode_osaka: {
    fork: 'osaka', precompileInput: osakaPrecompileInput,
    make: (r, ctx) => setCodeCase(r, ctx, families.setcode_osaka),
  },
};

// The families the CTest runs: those with zero differences today. The others
// run with --families all (or SUTURE_EVMDIFF_FAMILIES) and are reported.
// Every family since f9a7290 (precompile 0x100 warm at a transaction's start in Osaka: the two
// minimized cases of that difference are replayed from tests/fixtures/evmdiff).
export const DEFAULT_FAMILIES = ['cancun', 'cancun_invalid', 'prague', 'prague_invalid', 'bls', 'history', 'calldata_floor',
                                 'setcode', 'clz', 'modexp', 'osaka', 'p256', 'gas_cap', 'setcode_osaka'];
