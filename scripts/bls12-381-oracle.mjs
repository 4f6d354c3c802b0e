// Differential oracle for Suture's BLS12-381 code (src/evm/bls12_381_*.cpp and
// the EIP-4844 point evaluation precompile): generates seeded random cases,
// computes the expected answers with @noble/curves (a second, independent
// implementation), and feeds them to tests/bls12_381/oracle_check, which
// recomputes each case in C++ and reports disagreements.
//
//   node scripts/bls12-381-oracle.mjs --checker PATH [--seed N] [--cases N]
//        [--vectors point_evaluation_precompile_external_vectors.json] [--save CASES_FILE]
//
// Case kinds: G1/G2 scalar multiplication and addition (compressed encodings
// compared byte for byte), decoding of valid, off-subgroup and malformed
// compressed encodings, pairing-product checks (bilinear relations that hold
// and perturbed ones that do not), point-evaluation inputs (the
// ethereum/tests external KZG vectors when given, and mutations of them), and
// the EIP-2537 precompiles 0x0b..0x11 on random valid and invalid inputs.
// Exit 0: all cases agree; 1: a disagreement (the seed is printed); 77:
// @noble/curves is not installed.
import { createHash } from 'node:crypto';
import { readFileSync, existsSync } from 'node:fs';

import { oracleOptions, runChecker, seededRandom } from './oracle-common.mjs';

let bls;
try {
  ({ bls12_381: bls } = await import('@noble/curves/bls12-381'));
} catch {
  console.log('bls12-381-oracle: @noble/curves is not installed (npm ci); skipped');
  process.exit(77);
}

const opt = oracleOptions('bls12-381-oracle');
const cases = Number(opt('--cases', '40'));
const vectorsPath = opt('--vectors', '');

const G1 = bls.G1.ProjectivePoint;
const G2 = bls.G2.ProjectivePoint;
const Fp = bls.fields.Fp;
const Fp2 = bls.fields.Fp2;
const Fp12 = bls.fields.Fp12;
const P = Fp.ORDER;
const R = bls.fields.Fr.ORDER;

const { randBits, randBelow, randInt } = seededRandom(opt('--seed', '1'));

const hex = (u8) => Buffer.from(u8).toString('hex');
const be = (v, len) => v.toString(16).padStart(len * 2, '0');
const scalarHex = (k) => be(k, 32);
const mulUnsafe = (pt, k) => (k === 0n ? pt.constructor.ZERO : pt.multiplyUnsafe(k));

// Special scalars next to random ones.
function scalar() {
  const specials = [0n, 1n, 2n, R - 1n, R - 2n, (R - 1n) / 2n];
  return randInt(4) === 0 ? specials[randInt(specials.length)] : randBelow(R);
}

const lines = [];

// Scalar multiplication and addition.
for (let i = 0; i < cases * 3; ++i) {
  const base = mulUnsafe(G1.BASE, randBelow(R - 1n) + 1n);
  const k = scalar();
  lines.push(`g1mul ${base.toHex(true)} ${scalarHex(k)} ${mulUnsafe(base, k).toHex(true)}`);
  const other = randInt(5) === 0 ? (randInt(2) ? base : base.negate()) : mulUnsafe(G1.BASE, scalar());
  lines.push(`g1add ${base.toHex(true)} ${other.toHex(true)} ${base.add(other).toHex(true)}`);
}
for (let i = 0; i < cases; ++i) {
  const base = mulUnsafe(G2.BASE, randBelow(R - 1n) + 1n);
  const k = scalar();
  lines.push(`g2mul ${base.toHex(true)} ${scalarHex(k)} ${mulUnsafe(base, k).toHex(true)}`);
  const other = randInt(5) === 0 ? (randInt(2) ? base : base.negate()) : mulUnsafe(G2.BASE, scalar());
  lines.push(`g2add ${base.toHex(true)} ${other.toHex(true)} ${base.add(other).toHex(true)}`);
}

// Decoding: what noble accepts (on the curve and in the subgroup) must decode
// to the same point; what it rejects must be rejected.
// One deliberate departure: an infinity encoding with the sign bit set is
// invalid (ZCash serialization; blst and c-kzg reject it), which
// @noble/curves 1.4.2 accepts.
function decodeExpect(PointClass, bytes) {
  if ((bytes[0] & 0x60) === 0x60) return 'invalid';
  try {
    return PointClass.fromHex(bytes).toHex(true);
  } catch {
    return 'invalid';
  }
}
// A compressed encoding of an arbitrary x (flags set by hand): off the curve,
// or on it but (almost surely) outside the subgroup.
function rawG1(x, sign) {
  const b = Buffer.from(be(x, 48), 'hex');
  b[0] |= 0x80 | (sign ? 0x20 : 0);
  return b;
}
function rawG2(x0, x1, sign) {
  const b = Buffer.from(be(x1, 48) + be(x0, 48), 'hex');
  b[0] |= 0x80 | (sign ? 0x20 : 0);
  return b;
}
function mutate(bytes) {
  const b = Buffer.from(bytes);
  switch (randInt(6)) {
    case 0: b[0] &= 0x7f; break;                       // compression flag cleared
    case 1: b[0] |= 0x40; break;                       // infinity flag on a non-zero x
    case 2: b[0] ^= 0x20; break;                       // other root (still valid)
    case 3: b[randInt(b.length)] ^= 1 << randInt(8); break;
    case 4: b.fill(0); b[0] = 0xc0 | (randInt(2) ? 0x20 : 0); if (randInt(2)) b[b.length - 1] = 1; break;
    default: b[0] = (b[0] & 0xe0) | 0x1f; b.fill(0xff, 1); break;  // x >= p
  }
  return b;
}
for (let i = 0; i < cases * 3; ++i) {
  let b;
  const kind = randInt(3);
  if (kind === 0) b = mutate(mulUnsafe(G1.BASE, scalar()).toRawBytes(true));
  else if (kind === 1) b = rawG1(randBelow(P), randInt(2));
  else b = mulUnsafe(G1.BASE, scalar()).toRawBytes(true);
  lines.push(`g1dec ${hex(b)} ${decodeExpect(G1, b)}`);
}
for (let i = 0; i < cases; ++i) {
  let b;
  const kind = randInt(3);
  if (kind === 0) b = mutate(mulUnsafe(G2.BASE, scalar()).toRawBytes(true));
  else if (kind === 1) b = rawG2(randBelow(P), randBelow(P), randInt(2));
  else b = mulUnsafe(G2.BASE, scalar()).toRawBytes(true);
  lines.push(`g2dec ${hex(b)} ${decodeExpect(G2, b)}`);
}

// Pairing products e(P1, Q1)·e(P2, Q2) == 1: bilinear relations
// e(aP, bQ)·e(-abP, Q) that hold, and perturbed ones that do not.
function pairing(p, q) {
  if (p.equals(G1.ZERO) || q.equals(G2.ZERO)) return Fp12.ONE;
  return bls.pairing(p, q);
}
const pairCases = Math.max(4, Math.floor(cases / 4));
for (let i = 0; i < pairCases; ++i) {
  const a = randBelow(R - 1n) + 1n, b = randBelow(R - 1n) + 1n, c = randBelow(R - 1n) + 1n;
  const p = mulUnsafe(G1.BASE, c);
  const q = mulUnsafe(G2.BASE, randBelow(R - 1n) + 1n);
  const p1 = mulUnsafe(p, a), q1 = mulUnsafe(q, b);
  let p2 = mulUnsafe(p, (R - ((a * b) % R)) % R), q2 = q;
  if (i % 2 === 1) {
    if (randInt(2)) p2 = p2.add(G1.BASE);
    else q2 = q2.double();
  }
  const one = Fp12.eql(Fp12.mul(pairing(p1, q1), pairing(p2, q2)), Fp12.ONE);
  lines.push(`pair ${p1.toHex(true)} ${q1.toHex(true)} ${p2.toHex(true)} ${q2.toHex(true)} ${one ? 1 : 0}`);
}

// Point evaluation: verify_kzg_proof written out on noble's pairing.
const S2 = G2.fromHex('b5bfd7dd8cdeb128843bc287230af38926187075cbfbefa81009a2ce615ac53d2914e5870cb452d2afaaab24f3499f72185cbfee53492714734429b7b38608e23926c911cceceac9a36851477ba4c60b087041de621000edc98edada20c1def2');
const versionedHash = (commitment) => {
  const h = createHash('sha256').update(commitment).digest();
  h[0] = 1;
  return h;
};
function pointEvaluation(input) {
  if (input.length !== 192) return false;
  if (!versionedHash(input.subarray(96, 144)).equals(input.subarray(0, 32))) return false;
  const z = BigInt('0x' + hex(input.subarray(32, 64)));
  const y = BigInt('0x' + hex(input.subarray(64, 96)));
  if (z >= R || y >= R) return false;
  let c, proof;
  try {
    c = G1.fromHex(input.subarray(96, 144));
    proof = G1.fromHex(input.subarray(144, 192));
  } catch {
    return false;
  }
  const lhs = pairing(proof, S2.subtract(mulUnsafe(G2.BASE, z)));
  const rhs = pairing(c.subtract(mulUnsafe(G1.BASE, y)), G2.BASE);
  return Fp12.eql(lhs, rhs);
}
const inputs = [];
if (vectorsPath && existsSync(vectorsPath)) {
  const seen = new Set();
  for (const t of Object.values(JSON.parse(readFileSync(vectorsPath, 'utf8')))) {
    for (const d of t.transaction.data) {
      const b = Buffer.from(d.slice(2), 'hex');
      if (b.length === 192 && !seen.has(d)) {
        seen.add(d);
        inputs.push(b);
      }
    }
  }
}
const withHash = (b) => {
  versionedHash(b.subarray(96, 144)).copy(b, 0);
  return b;
};
const base = inputs.slice();
for (let i = 0; i < pairCases && base.length > 0; ++i) {
  const b = Buffer.from(base[randInt(base.length)]);
  switch (randInt(5)) {
    case 0: b[95] ^= 1; break;                                          // another y
    case 1: b[63] ^= 1; break;                                          // another z
    case 2: b.subarray(144, 192).copy(b, 96); withHash(b); break;       // commitment := proof
    case 3: Buffer.from(mulUnsafe(G1.BASE, scalar()).toRawBytes(true)).copy(b, 144); break;
    default: b[5] ^= 0x10; break;                                       // versioned hash
  }
  inputs.push(b);
}
for (const b of inputs) lines.push(`pointeval ${hex(b)} ${pointEvaluation(b) ? 'ok' : 'fail'}`);

// EIP-2537 precompiles (0x0b..0x11) through run_precompile at Prague:
// random valid inputs, points off the curve or off the subgroup, field
// elements >= p, non-zero padding and wrong lengths. Expected outputs are
// computed with noble's group law, pairing and RFC 9380 map_to_curve; the
// validity rules (curve for ADD, curve and subgroup for MSM and pairing) are
// the EIP's, checked with noble's assertValidity.
const fp64 = (v) => '00'.repeat(16) + be(v, 48);
const encG1 = (pt) => {
  if (pt.equals(G1.ZERO)) return '00'.repeat(128);
  const a = pt.toAffine();
  return fp64(a.x) + fp64(a.y);
};
const encG2 = (pt) => {
  if (pt.equals(G2.ZERO)) return '00'.repeat(256);
  const a = pt.toAffine();
  return fp64(a.x.c0) + fp64(a.x.c1) + fp64(a.y.c0) + fp64(a.y.c1);
};
// A point on the curve with a random x, almost surely outside the subgroup
// (noble's constructor does not check the subgroup).
function offSubgroupG1() {
  for (;;) {
    const x = randBelow(P);
    const rhs = Fp.add(Fp.mul(Fp.sqr(x), x), 4n);
    let y;
    try { y = Fp.sqrt(rhs); } catch { continue; }
    if (y !== undefined && Fp.eql(Fp.sqr(y), rhs)) return new G1(x, y, Fp.ONE);
  }
}
const twistB = Fp2.fromBigTuple([4n, 4n]);
function offSubgroupG2() {
  for (;;) {
    const x = Fp2.fromBigTuple([randBelow(P), randBelow(P)]);
    const rhs = Fp2.add(Fp2.mul(Fp2.sqr(x), x), twistB);
    let y;
    try { y = Fp2.sqrt(rhs); } catch { continue; }
    if (y !== undefined && Fp2.eql(Fp2.sqr(y), rhs)) return new G2(x, y, Fp2.ONE);
  }
}
const isValid = (pt) => {
  try { pt.assertValidity(); return true; } catch { return false; }
};
const validG1 = () => (randInt(6) === 0 ? G1.ZERO : mulUnsafe(G1.BASE, randBelow(R - 1n) + 1n));
const validG2 = () => (randInt(6) === 0 ? G2.ZERO : mulUnsafe(G2.BASE, randBelow(R - 1n) + 1n));
// A 32-byte MSM scalar: any 256-bit value, not reduced modulo r.
function msmScalar() {
  const specials = [0n, 1n, R - 1n, R, R + 1n, (1n << 256n) - 1n];
  return randInt(4) === 0 ? specials[randInt(specials.length)] : randBits(256);
}
// Damages an encoded input (hex): a wrong length, a non-zero padding byte,
// a field element >= p, or a flipped low bit of a coordinate (off the curve).
function damage(hexInput, fieldCount) {
  const b = Buffer.from(hexInput, 'hex');
  const fe = randInt(Math.max(1, fieldCount)) * 64;
  switch (randInt(4)) {
    case 0: return hex(randInt(2) ? b.subarray(0, b.length - 1) : Buffer.concat([b, Buffer.from([0])]));
    case 1: b[fe + randInt(16)] = 1 + randInt(255); return hex(b);
    case 2: Buffer.from(be(P + BigInt(randInt(3)), 48), 'hex').copy(b, fe + 16); return hex(b);
    default: b[fe + 63] ^= 1; return hex(b);
  }
}
const precompileLine = (addr, input, expected) => `precompile prague ${addr} ${input || '-'} ${expected}`;
const OK1 = '00'.repeat(31) + '01', OK0 = '00'.repeat(32);

for (let i = 0; i < cases; ++i) {
  // G1ADD / G2ADD: on the curve is enough, the subgroup is not required.
  const a1 = randInt(4) === 0 ? offSubgroupG1() : validG1();
  const b1 = randInt(5) === 0 ? a1 : validG1();
  lines.push(precompileLine('0b', encG1(a1) + encG1(b1), encG1(a1.add(b1))));
  const a2 = randInt(4) === 0 ? offSubgroupG2() : validG2();
  const b2 = randInt(5) === 0 ? a2.negate() : validG2();
  lines.push(precompileLine('0d', encG2(a2) + encG2(b2), encG2(a2.add(b2))));
  // Damaged ADD inputs fail unless the flipped bit still lands on the curve (never, in practice).
  lines.push(precompileLine('0b', damage(encG1(validG1().add(G1.BASE)) + encG1(validG1()), 2), 'fail'));
  lines.push(precompileLine('0d', damage(encG2(validG2().add(G2.BASE)) + encG2(validG2()), 4), 'fail'));
}
for (let i = 0; i < cases; ++i) {
  // MSM over 1..4 pairs, or 5..40 (several bucket windows of the C++
  // Pippenger); one case in five has a point outside the subgroup.
  for (const [addr, valid, off, enc, zero] of [
    ['0c', validG1, offSubgroupG1, encG1, G1.ZERO],
    ['0e', validG2, offSubgroupG2, encG2, G2.ZERO],
  ]) {
    const k = randInt(4) === 0 ? 5 + randInt(36) : 1 + randInt(4);
    let input = '', sum = zero, ok = true;
    for (let j = 0; j < k; ++j) {
      const pt = randInt(5 * k) === 0 ? off() : valid();
      const sc = msmScalar();
      if (!isValid(pt)) ok = false;
      input += enc(pt) + be(sc, 32);
      if (ok) sum = sum.add(mulUnsafe(pt, sc % R));
    }
    lines.push(precompileLine(addr, input, ok ? enc(sum) : 'fail'));
  }
}
for (let i = 0; i < pairCases; ++i) {
  // Pairing check over 1..3 pairs: a relation that holds (e(aP, bQ) e(-abP, Q)),
  // perturbed ones, random pairs, and a point off the subgroup.
  const kind = randInt(4);
  let pairs;
  if (kind <= 1) {
    const a = randBelow(R - 1n) + 1n, b = randBelow(R - 1n) + 1n;
    const q = mulUnsafe(G2.BASE, randBelow(R - 1n) + 1n);
    pairs = [[mulUnsafe(G1.BASE, a), mulUnsafe(q, b)], [mulUnsafe(G1.BASE, (R - ((a * b) % R)) % R), q]];
    if (kind === 1) pairs[1][0] = pairs[1][0].add(G1.BASE);
    if (randInt(2)) pairs.push([G1.ZERO, validG2()]);
  } else if (kind === 2) {
    pairs = [[validG1(), validG2()]];
  } else {
    pairs = [[validG1(), validG2()], randInt(2) ? [offSubgroupG1(), validG2()] : [validG1(), offSubgroupG2()]];
  }
  const input = pairs.map(([p, q]) => encG1(p) + encG2(q)).join('');
  let expected;
  if (!pairs.every(([p, q]) => isValid(p) && isValid(q))) {
    expected = 'fail';
  } else {
    const prod = pairs.reduce((acc, [p, q]) => Fp12.mul(acc, pairing(p, q)), Fp12.ONE);
    expected = Fp12.eql(prod, Fp12.ONE) ? OK1 : OK0;
  }
  lines.push(precompileLine('0f', input, expected));
}
lines.push(precompileLine('0f', '', 'fail'));
lines.push(precompileLine('0c', '', 'fail'));
lines.push(precompileLine('0e', '', 'fail'));
for (let i = 0; i < cases; ++i) {
  // MAP_FP_TO_G1 / MAP_FP2_TO_G2 on random elements, 0, p - 1, and damaged encodings.
  const special = [0n, 1n, P - 1n];
  const u = randInt(5) === 0 ? special[randInt(3)] : randBelow(P);
  lines.push(precompileLine('10', fp64(u), encG1(bls.G1.mapToCurve([u]))));
  const u0 = randInt(5) === 0 ? special[randInt(3)] : randBelow(P), u1 = randBelow(P);
  lines.push(precompileLine('11', fp64(u0) + fp64(u1), encG2(bls.G2.mapToCurve([u0, u1]))));
  const bad = randInt(2) ? fp64(u) : fp64(u0) + fp64(u1);
  const dmg = Buffer.from(bad, 'hex');
  if (randInt(2)) dmg[randInt(16)] = 1; else Buffer.from(be(P + BigInt(randInt(5)), 48), 'hex').copy(dmg, 16);
  lines.push(precompileLine(bad.length === 128 ? '10' : '11', hex(dmg), 'fail'));
}

runChecker('bls12-381-oracle', opt, lines);
