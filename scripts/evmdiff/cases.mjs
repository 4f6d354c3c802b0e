// Case generation for the EVM differential test. A case is plain JSON that
// fully determines both runs (written out as a fixture when the runs differ):
//   { family, fork, seed, index,
//     accounts: { ADDR: { nonce, balance, code, storage: { SLOT: VALUE } } },
//     programs: { ADDR: { snippets, ending } }   (how each code was emitted; for --minimize)
//     senderKey, coinbase, baseFee,
//     tx: { type, chainId, nonce, gasPrice, maxFee, maxPriorityFee, gas, to, value, data, accessList,
//           authorizationList } }
import { rng } from '../differential/families.mjs';
import { emit, endingOf, initcode, snippetList, word } from './programs.mjs';
import { addressOf, hex, qty, randomKey } from './tx.mjs';

export const CHAIN_ID = 31337;
export const GWEI = 1000000000n;

export const rngOf = seed => rng(seed);

export const randomAddress = r => hex(Array.from({ length: 20 }, (_, i) => (i === 0 ? r.int(1, 255) : r.int(0, 255))));
const precompile = n => '0x' + n.toString(16).padStart(40, '0');

// Precompile addresses each fork has.
export function precompiles(fork) {
  const list = Array.from({ length: 10 }, (_, i) => precompile(i + 1));
  if (fork !== 'cancun') for (let i = 0x0b; i <= 0x11; ++i) list.push(precompile(i));
  if (fork === 'osaka') list.push(precompile(0x100));
  return list;
}

const randomBytes = (r, n, zeroShare = 0.3) => Array.from({ length: n }, () => (r.chance(zeroShare) ? 0 : r.int(0, 255)));

// The emission context of a case's programs: everything emit() reads besides the snippet list.
export function programEnv(c, family) {
  return {
    addresses: c.universe,
    callees: c.callees,
    number: c.blockNumber,
    fork: c.fork,
    precompileInput: family.precompileInput ?? null,
    extra: family.extra ?? [],
  };
}

// Re-emits every program of a case (after a snippet list changed).
export function emitPrograms(c, family) {
  const env = programEnv(c, family);
  for (const [addr, p] of Object.entries(c.programs)) c.accounts[addr].code = hex(emit(p.snippets, p.ending, env, rngOf));
}

// A random case: a called program with callees, or a creation; any transaction type of `txTypes`.
// ctx: { fork, blockNumber }; options: { snippets: [min, max], weights (snippet kinds; FOCUSED also
// ends programs mostly normally), txTypes, calldata: [min, max], zeroShare, gas(r, tx), createShare, addresses }.
export function programCase(r, ctx, family, options = {}) {
  const [smin, smax] = options.snippets ?? [3, 25];
  const c = { fork: ctx.fork, blockNumber: ctx.blockNumber, accounts: {}, programs: {} };
  const main = randomAddress(r);
  c.callees = Array.from({ length: r.int(0, 3) }, () => randomAddress(r));
  const empties = Array.from({ length: 2 }, () => randomAddress(r));
  const key = randomKey(r);
  c.senderKey = hex(key);
  const sender = addressOf(key);
  c.coinbase = r.chance(0.8) ? randomAddress(r) : r.pick([main, ...c.callees]);
  c.universe = [main, ...c.callees, sender, c.coinbase, ...empties,
                ...r.subset(precompiles(ctx.fork), 0.3), ...(options.addresses ?? [])];
  c.sender = sender;

  for (const [i, addr] of [main, ...c.callees].entries()) {
    const storage = {};
    for (let s = r.int(0, 4); s > 0; --s) {
      const v = word(r, { addresses: c.universe });
      if (v !== 0n) storage[qty(r.int(0, 7))] = qty(v);
    }
    c.accounts[addr] = { nonce: r.chance(0.8) ? 1 : 0, balance: qty(r.chance(0.5) ? 0 : BigInt(r.int(1, 2 ** 40))),
                         code: '0x', storage };
    c.programs[addr] = { snippets: snippetList(r, i === 0 ? r.int(smin, smax) : r.int(1, Math.max(1, smax >> 1)), options.weights),
                         ending: { kind: endingOf(r, Boolean(options.weights)), seed: r.int(0, 2 ** 31) } };
  }
  emitPrograms(c, family);

  const create = r.chance(options.createShare ?? 0.08);
  const env = programEnv(c, family);
  const [cmin, cmax] = options.calldata ?? [0, 300];
  const data = create ? (r.chance(0.5) ? c.accounts[main].code : hex(initcode(r, env)))
                      : hex(randomBytes(r, r.int(cmin, cmax), options.zeroShare ?? 0.3));
  if (create) { delete c.accounts[main]; delete c.programs[main]; }
  c.baseFee = qty(BigInt(r.int(1, 100)) * GWEI / BigInt(r.int(1, 10)));
  c.tx = txFields(r, c, options, create ? null : main, data);
  return c;
}

// Fees, gas, value and access list of a transaction from `c.sender`; funds the sender for it.
export function txFields(r, c, options, to, data) {
  const type = r.pick(options.txTypes ?? [0, 1, 2]);
  const baseFee = BigInt(c.baseFee);
  const tip = BigInt(r.int(0, 3)) * GWEI;
  const tx = { type, chainId: CHAIN_ID, nonce: r.int(0, 5), to, data, accessList: [],
               value: qty(r.chance(0.6) ? 0 : BigInt(r.int(0, 2 ** 40))) };
  if (type === 4) tx.authorizationList = [];
  if (type === 0 || type === 1) tx.gasPrice = qty(baseFee + tip);
  else { tx.maxFee = qty(baseFee + tip + BigInt(r.int(0, 2)) * GWEI); tx.maxPriorityFee = qty(tip); }
  const g = r();
  tx.gas = options.gas ? options.gas(r, tx) : g < 0.05 ? r.int(60000, 120000) : g < 0.85 ? r.int(300000, 4000000) : r.int(4000000, 16000000);
  if (type !== 0) {
    for (let n = r.chance(0.5) ? r.int(1, 3) : 0; n > 0; --n) {
      tx.accessList.push({ address: r.pick(c.universe),
                           keys: Array.from({ length: r.int(0, 3) }, () => hex(Array.from({ length: 32 }, (_, i) => (i === 31 ? r.int(0, 7) : 0)))) });
    }
  }
  c.accounts[c.sender] = { nonce: tx.nonce, balance: '0x0', code: '0x', storage: {} };
  fund(r, c, tx);
  return tx;
}

// Gives the sender what the transaction can cost, and a little more.
export function fund(r, c, tx) {
  const price = BigInt(tx.gasPrice ?? tx.maxFee);
  c.accounts[c.sender].balance = qty(BigInt(tx.gas) * price + BigInt(tx.value) + BigInt(r.int(0, 2 ** 50)));
}
