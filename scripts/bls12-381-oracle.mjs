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
// and perturbed ones that do not), and point-evaluation inputs (the
// ethereum/tests external KZG vectors when given, and mutations of them).
// Exit 0: all cases agree; 1: a disagreement (the seed is printed); 77:
// @noble/curves is not installed.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync, existsSync, writeFileSync } from 'node:fs';

let bls;
try {
  ({ bls12_381: bls } = await import('@noble/curves/bls12-381'));
} catch {
  console.log('bls12-381-oracle: @noble/curves is not installed (npm ci); skipped');
  process.exit(77);
}

const args = process.argv.slice(2);
const opt = (name, dflt) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : dflt;
};
const checker = opt('--checker');
if (!checker) {
  console.error('bls12-381-oracle: --checker PATH is required');
  process.exit(2);
}
const seed = BigInt(opt('--seed', '1'));
const cases = Number(opt('--cases', '40'));
const vectorsPath = opt('--vectors', '');

const G1 = bls.G1.ProjectivePoint;
const G2 = bls.G2.ProjectivePoint;
const Fp = bls.fields.Fp;
const Fp2 = bls.fields.Fp2;
const Fp12 = bls.fields.Fp12;
const P = Fp.ORDER;
const R = bls.fields.Fr.ORDER;

// splitmix64: reproducible from the seed.
let state = seed;
const M64 = (1n << 64n) - 1n;
function next64() {
  state = (state + 0x9e3779b97f4a7c15n) & M64;
  let z = state;
  z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
  z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
  return z ^ (z >> 31n);
}
const randBits = (bits) => {
  let v = 0n;
  for (let i = 0; i < bits; i += 64) v = (v << 64n) | next64();
  return v & ((1n << BigInt(bits)) - 1n);
};
const randBelow = (n) => randBits(n.toString(2).length + 64) % n;
const randInt = (n) => Number(next64() % BigInt(n));

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

const input = lines.join('\n') + '\n';
const savePath = opt('--save', '');
if (savePath) writeFileSync(savePath, input);
try {
  process.stdout.write(execFileSync(checker, [], { input, encoding: 'utf8', maxBuffer: 1 << 26 }));
} catch (e) {
  process.stdout.write(e.stdout ?? '');
  process.stderr.write(e.stderr ?? '');
  console.log(`bls12-381-oracle: disagreement with @noble/curves (seed ${seed}, ${lines.length} cases)`);
  process.exit(1);
}
