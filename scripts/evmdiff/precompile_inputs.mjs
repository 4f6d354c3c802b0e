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

// ---- Prague: EIP-2537 BLS12-381 (0x0b-0x11) ----
const { bls12_381: bls } = require('@noble/curves/bls12-381');
const blsP = bls.fields.Fp.ORDER;
const blsR = bls.fields.Fr.ORDER;
const fp = v => be(v, 64);  // 16 zero bytes, then 48 big-endian
const fp2 = v => [...fp(v.c0), ...fp(v.c1)];
const blsScalar = r => (r.chance(0.15) ? BigInt(r.pick([0, 1, 2])) : r.chance(0.1) ? blsR + BigInt(r.int(0, 2)) : scalarOf(r));

// A point on the curve outside the prime-order subgroup (the cofactor is large: almost any point).
function offSubgroup(r, group, field, equation) {
  for (;;) {
    const x = group === 1 ? scalarOf(r) % blsP : { c0: scalarOf(r) % blsP, c1: scalarOf(r) % blsP };
    try {
      const y = field.sqrt(equation(x));
      if (y !== undefined) return { x, y };
    } catch { /* not a square: draw again */ }
  }
}

// kind: valid | infinity | offcurve | offsubgroup | bigcoord | padding
function blsG1(r, kinds) {
  const kind = r.pick(kinds);
  if (kind === 'infinity') return new Array(128).fill(0);
  if (kind === 'offsubgroup') {
    const p = offSubgroup(r, 1, bls.fields.Fp, bls.G1.weierstrassEquation);
    return [...fp(p.x), ...fp(p.y)];
  }
  const p = bls.G1.ProjectivePoint.BASE.multiply(scalarOf(r) % (blsR - 1n) + 1n).toAffine();
  if (kind === 'offcurve') return [...fp(p.x), ...fp(p.y + 1n)];
  if (kind === 'bigcoord') return [...fp(p.x + blsP), ...fp(p.y)];
  const out = [...fp(p.x), ...fp(p.y)];
  if (kind === 'padding') out[r.int(0, 15)] = 1;
  return out;
}
const g2Equation = x => {
  const F = bls.fields.Fp2;
  return F.add(F.mul(F.sqr(x), x), bls.G2.CURVE.b);
};
function blsG2(r, kinds) {
  const kind = r.pick(kinds);
  if (kind === 'infinity') return new Array(256).fill(0);
  if (kind === 'offsubgroup') {
    const p = offSubgroup(r, 2, bls.fields.Fp2, g2Equation);
    return [...fp2(p.x), ...fp2(p.y)];
  }
  const p = bls.G2.ProjectivePoint.BASE.multiply(scalarOf(r) % (blsR - 1n) + 1n).toAffine();
  if (kind === 'offcurve') return [...fp2(p.x), ...fp2({ c0: p.y.c0 + 1n, c1: p.y.c1 })];
  if (kind === 'bigcoord') return [...fp2({ c0: p.x.c0 + blsP, c1: p.x.c1 }), ...fp2(p.y)];
  const out = [...fp2(p.x), ...fp2(p.y)];
  if (kind === 'padding') out[64 * r.int(0, 3) + r.int(0, 15)] = 1;
  return out;
}
const MOSTLY_VALID = ['valid', 'valid', 'valid', 'valid', 'valid', 'valid', 'infinity', 'offcurve', 'offsubgroup', 'bigcoord', 'padding'];
const ADDABLE = MOSTLY_VALID;  // G1ADD/G2ADD do not check the subgroup: offsubgroup points are valid inputs there

function blsPairing(r) {
  const out = [];
  const n = r.int(r.chance(0.05) ? 0 : 1, 3);
  for (let i = 0; i < n; ++i) {
    if (r.chance(0.4)) {
      // e(aP, Q)·e(-aP, Q) = 1
      const a = scalarOf(r) % (blsR - 1n) + 1n;
      const p = bls.G1.ProjectivePoint.BASE.multiply(a);
      const q = blsG2(r, ['valid']);
      out.push(...[...fp(p.toAffine().x), ...fp(p.toAffine().y)], ...q,
               ...[...fp(p.negate().toAffine().x), ...fp(p.negate().toAffine().y)], ...q);
    } else {
      const kinds = r.chance(0.5) ? ['valid'] : MOSTLY_VALID;
      out.push(...blsG1(r, kinds), ...blsG2(r, kinds));
    }
  }
  return mangle(r, out, 0.05);
}

const PRAGUE = [
  [0x0b, r => mangle(r, [...blsG1(r, ADDABLE), ...blsG1(r, ADDABLE)], 0.05)],
  [0x0c, r => mangle(r, Array.from({ length: r.int(r.chance(0.05) ? 0 : 1, 4) }, () => [...blsG1(r, MOSTLY_VALID), ...be(blsScalar(r), 32)]).flat(), 0.05)],
  [0x0d, r => mangle(r, [...blsG2(r, ADDABLE), ...blsG2(r, ADDABLE)], 0.05)],
  [0x0e, r => mangle(r, Array.from({ length: r.int(r.chance(0.05) ? 0 : 1, 3) }, () => [...blsG2(r, MOSTLY_VALID), ...be(blsScalar(r), 32)]).flat(), 0.05)],
  [0x0f, blsPairing],
  [0x10, r => mangle(r, fp(r.chance(0.9) ? scalarOf(r) % blsP : blsP + BigInt(r.int(0, 3))), 0.1)],
  [0x11, r => mangle(r, fp2({ c0: scalarOf(r) % blsP, c1: r.chance(0.9) ? scalarOf(r) % blsP : blsP }), 0.1)],
];

// ---- Osaka: EIP-7951 P-256 (0x100), EIP-7823/7883 MODEXP ----
const { p256 } = require('@noble/curves/p256');
function p256verify(r) {
  const priv = be(scalarOf(r) % (p256.CURVE.n - 1n) + 1n, 32);
  const hash = rand(r, 32);
  const sig = p256.sign(Uint8Array.from(hash), Uint8Array.from(priv), { prehash: false, lowS: r.chance(0.5) });
  const pub = p256.getPublicKey(Uint8Array.from(priv), false);
  let [h, rr, s, qx, qy] = [hash, be(sig.r, 32), be(sig.s, 32), [...pub.slice(1, 33)], [...pub.slice(33, 65)]];
  switch (r.int(0, 11)) {
  case 0: h = rand(r, 32); break;                                        // another message
  case 1: rr = be(0, 32); break;
  case 2: s = be(p256.CURVE.n + BigInt(r.int(0, 2)), 32); break;
  case 3: qy = be(BigInt('0x' + Buffer.from(qy).toString('hex')) + 1n, 32); break;  // off the curve
  case 4: qx = be(0, 32); qy = be(0, 32); break;                          // infinity
  case 5: s = be(p256.CURVE.n - sig.s, 32); break;                        // the high-s twin: valid
  case 6: qx = be(p256.CURVE.Fp.ORDER + 1n, 32); break;
  default: break;
  }
  return mangle(r, [...h, ...rr, ...s, ...qx, ...qy], 0.05);
}

function modexpOsaka(r) {
  const size = () => r.pick([r.int(0, 40), r.int(0, 40), r.int(1020, 1025), r.int(0, 1100), 1024, 1025]);
  const [bl, el, ml] = [size(), r.chance(0.6) ? r.int(0, 40) : size(), size()];
  const body = rand(r, Math.min(bl + el + ml, 3300)).map((b, i) => (r.chance(0.1) && i >= bl ? 0 : b));
  return [...be(bl, 32), ...be(el, 32), ...be(ml, 32), ...body];
}

export const praguePrecompileInput = r => choose(r, r.chance(0.6) ? PRAGUE : CANCUN);
export const blsPrecompileInput = r => choose(r, PRAGUE);
export const p256PrecompileInput = r => choose(r, [[0x100, p256verify]]);
export const modexpPrecompileInput = r => choose(r, [[5, modexpOsaka], [5, modexp]]);
export const osakaPrecompileInput = r => choose(r, [...CANCUN, ...PRAGUE, [0x100, p256verify], [5, modexpOsaka]]);
