// Inputs for calls to precompiles, valid and invalid: each generator returns
// { address, input: [bytes], gas (undefined: all the caller has) }.
// Valid points and signatures come from @noble/curves (an implementation
// independent of Suture's), invalid ones by mutating them.
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const require = createRequire(import.meta.url);
const { secp256k1 } = require('@noble/curves/secp256k1');
const { bn254 } = require('@noble/curves/bn254');
const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const be = (n, len) => {
  const out = new Array(len).fill(0);
  n = BigInt.asUintN(len * 8, BigInt(n));
  for (let i = len - 1; i >= 0 && n > 0n; --i, n >>= 8n) out[i] = Number(n & 0xffn);
  return out;
};
const rand = (r, n) => Array.from({ length: n }, () => r.int(0, 255));
const scalarOf = r => BigInt('0x' + Buffer.from(rand(r, 32)).toString('hex'));

// Occasionally damage an input: flip a byte, cut it, or extend it.
export function mangle(r, input, p = 0.25) {
  if (!r.chance(p) || input.length === 0) return input;
  const out = [...input];
  const k = r.int(0, 2);
  if (k === 0) out[r.int(0, out.length - 1)] ^= 1 << r.int(0, 7);
  else if (k === 1) out.length = r.int(0, out.length - 1);
  else out.push(...rand(r, r.int(1, 40)));
  return out;
}

const gasChoice = r => (r.chance(0.85) ? undefined : r.int(0, 200000));

function ecrecover(r) {
  const priv = be(scalarOf(r) % (secp256k1.CURVE.n - 1n) + 1n, 32);
  const hash = rand(r, 32);
  const sig = secp256k1.sign(Uint8Array.from(hash), Uint8Array.from(priv));
  let v = 27 + sig.recovery;
  const k = r.int(0, 5);
  if (k === 0) v = r.pick([0, 1, 26, 29, 256 + 27]);
  const input = [...hash, ...be(v, 32), ...be(k === 1 ? 0n : sig.r, 32), ...be(k === 2 ? secp256k1.CURVE.n + 1n : sig.s, 32)];
  return mangle(r, input, 0.15);
}

function modexp(r) {
  const size = () => (r.chance(0.8) ? r.int(0, 40) : r.int(41, 300));
  const [bl, el, ml] = [size(), r.chance(0.7) ? r.int(0, 34) : size(), size()];
  const header = [...be(bl, 32), ...be(r.chance(0.03) ? (1n << 255n) : el, 32), ...be(ml, 32)];
  const body = rand(r, bl + el + ml).map((b, i) => (r.chance(0.1) && i > bl ? 0 : b));
  return mangle(r, [...header, ...body], 0.1);
}

const bnG1 = bn254.ProjectivePoint;
const bnP = bn254.CURVE.Fp.ORDER;
function bnPoint(r) {
  if (r.chance(0.1)) return new Array(64).fill(0);  // the point at infinity
  const p = bnG1.BASE.multiply(scalarOf(r) % (bn254.CURVE.n - 1n) + 1n).toAffine();
  const k = r.int(0, 9);
  if (k === 0) return [...be(p.x, 32), ...be(p.y + 1n, 32)];  // off the curve
  if (k === 1) return [...be(p.x + bnP, 32), ...be(p.y, 32)];  // coordinate >= p
  return [...be(p.x, 32), ...be(p.y, 32)];
}
// EIP-197's G2 generator: (x_im, x_re, y_im, y_re).
const BN_G2 = [
  0x198e9393920d483a7260bfb731fb5d25f1aa493335a9e71297e485b7aef312c2n,
  0x1800deef121f1e76426a00665e5c4479674322d4f75edadd46debd5cd992f6edn,
  0x090689d0585ff075ec9e99ad690c3395bc4b313370b38ef355acdadcd122975bn,
  0x12c85ea5db8c6deb4aab71808dcb408fe3d1e7690c43d37b4ce6cc0166fa7daan].flatMap(v => be(v, 32));
function bnPairing(r) {
  const pairs = r.int(0, 3);
  const out = [];
  for (let i = 0; i < pairs; ++i) {
    if (r.chance(0.5) && i + 1 < pairs) {
      // e(aG, H)·e(-aG, H) = 1
      const a = scalarOf(r) % (bn254.CURVE.n - 1n) + 1n;
      const p = bnG1.BASE.multiply(a).toAffine();
      out.push(...be(p.x, 32), ...be(p.y, 32), ...BN_G2, ...be(p.x, 32), ...be(bnP - p.y, 32), ...BN_G2);
      ++i;
    } else {
      out.push(...bnPoint(r), ...(r.chance(0.9) ? BN_G2 : rand(r, 128)));
    }
  }
  return mangle(r, out, 0.1);
}

function blake2f(r) {
  const input = [...be(r.chance(0.9) ? r.int(0, 24) : r.int(25, 2000), 4), ...rand(r, 64), ...rand(r, 128), ...rand(r, 16),
                 r.chance(0.9) ? r.int(0, 1) : r.int(2, 255)];
  return mangle(r, input, 0.1);
}

let kzgVectors;
function pointEvaluation(r) {
  if (kzgVectors === undefined) {
    kzgVectors = [];
    const shared = process.env.SUTURE_ETHEREUM_TESTS ?? path.join(process.env.SUTURE_SHARED ?? path.join(repo, '../shared'), 'ethereum-tests');
    const file = path.join(shared, 'GeneralStateTests/Pyspecs/cancun/eip4844_blobs/point_evaluation_precompile_external_vectors.json');
    if (existsSync(file)) {
      const seen = new Set();
      for (const t of Object.values(JSON.parse(readFileSync(file, 'utf8'))))
        for (const d of t.transaction.data) if (d.length === 2 + 384 && !seen.has(d)) { seen.add(d); kzgVectors.push(d); }
    }
  }
  if (kzgVectors.length && r.chance(0.8)) return mangle(r, [...Buffer.from(r.pick(kzgVectors).slice(2), 'hex')], 0.3);
  return rand(r, r.chance(0.8) ? 192 : r.int(0, 200));
}

const CANCUN = [
  [1, ecrecover],
  [2, r => rand(r, r.int(0, 200))],
  [3, r => rand(r, r.int(0, 200))],
  [4, r => rand(r, r.int(0, 200))],
  [5, modexp],
  [6, r => mangle(r, [...bnPoint(r), ...bnPoint(r)], 0.1)],
  [7, r => mangle(r, [...bnPoint(r), ...be(r.chance(0.2) ? r.int(0, 3) : scalarOf(r), 32)], 0.1)],
  [8, bnPairing],
  [9, blake2f],
  [10, pointEvaluation],
];

function choose(r, table) {
  const [address, make] = r.pick(table);
  return { address, input: make(r), gas: gasChoice(r) };
}

export const cancunPrecompileInput = r => choose(r, CANCUN);
export { CANCUN as cancunPrecompiles, be, rand, scalarOf, choose, gasChoice };
