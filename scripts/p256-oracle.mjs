// Differential oracle for the EIP-7951 P256VERIFY precompile (0x0100, Osaka,
// src/evm/precompile_p256verify.cpp, on OpenSSL): generates seeded random
// inputs, computes the expected answers with @noble/curves' p256 (a second,
// independent implementation), and feeds them to tests/bls12_381/oracle_check
// (its `precompile` case kind), which runs them through run_precompile.
//
//   node scripts/p256-oracle.mjs --checker PATH [--seed N] [--cases N] [--save CASES_FILE]
//
// Inputs: valid signatures (low and high s), and mutations: another hash,
// r or s changed, zero, equal to n or above it, public keys off the curve,
// at (0, 0) or with a coordinate >= p, and inputs one byte short or long.
// Expected: the word 1 when noble verifies (with high s allowed and the hash
// taken as given, as the EIP says), otherwise empty output.
// Exit 0: all cases agree; 1: a disagreement (the seed is printed); 77:
// @noble/curves is not installed.
import { oracleOptions, runChecker, seededRandom } from './oracle-common.mjs';

let p256;
try {
  ({ p256 } = await import('@noble/curves/p256'));
} catch {
  console.log('p256-oracle: @noble/curves is not installed (npm ci); skipped');
  process.exit(77);
}

const opt = oracleOptions('p256-oracle');
const cases = Number(opt('--cases', '200'));
const { randBits, randBelow, randInt } = seededRandom(opt('--seed', '1'));

const N = p256.CURVE.n;
const P = p256.CURVE.Fp.ORDER;
const be32 = (v) => v.toString(16).padStart(64, '0');
const hexToBytes = (h) => Uint8Array.from(Buffer.from(h, 'hex'));

// The EIP's rule, on noble: a 160-byte input, r and s in [1, n), a public
// key on the curve with coordinates below p, and noble's verification.
function expected(inputHex) {
  if (inputHex.length !== 320) return 'empty';
  const w = (i) => BigInt('0x' + inputHex.slice(64 * i, 64 * (i + 1)));
  const [r, s, qx, qy] = [w(1), w(2), w(3), w(4)];
  if (qx >= P || qy >= P) return 'empty';
  try {
    const ok = p256.verify({ r, s }, hexToBytes(inputHex.slice(0, 64)), hexToBytes('04' + be32(qx) + be32(qy)),
                           { lowS: false, prehash: false });
    return ok ? '00'.repeat(31) + '01' : 'empty';
  } catch {
    return 'empty';
  }
}

function validInput() {
  const priv = randBelow(N - 1n) + 1n;
  const pub = p256.getPublicKey(hexToBytes(be32(priv)), false);
  const hash = be32(randBits(256));
  const sig = p256.sign(hexToBytes(hash), hexToBytes(be32(priv)), { lowS: randInt(2) === 0, prehash: false });
  const s = randInt(3) === 0 ? N - sig.s : sig.s;  // high s is valid under the EIP
  return hash + be32(sig.r) + be32(s) + Buffer.from(pub.subarray(1)).toString('hex');
}

function mutate(inputHex) {
  const words = [0, 1, 2, 3, 4].map((i) => inputHex.slice(64 * i, 64 * (i + 1)));
  const specials = [0n, 1n, N - 1n, N, N + 1n, (1n << 256n) - 1n];
  switch (randInt(9)) {
    case 0: words[0] = be32(BigInt('0x' + words[0]) ^ (1n << BigInt(randInt(256)))); break;  // another hash
    case 1: words[1] = be32(specials[randInt(specials.length)]); break;
    case 2: words[2] = be32(specials[randInt(specials.length)]); break;
    case 3: words[1 + randInt(2)] = be32(randBits(256)); break;
    case 4: words[3 + randInt(2)] = be32(BigInt('0x' + words[3]) ^ 1n); break;  // off the curve (almost surely)
    case 5: words[3] = be32(0n); words[4] = be32(0n); break;                    // the point at infinity
    case 6: words[3 + randInt(2)] = be32(P + BigInt(randInt(3))); break;        // a coordinate >= p
    case 7: return inputHex.slice(0, inputHex.length - 2);                       // one byte short
    default: return inputHex + '00';                                              // one byte long
  }
  return words.join('');
}

const lines = [];
for (let i = 0; i < cases; ++i) {
  const v = validInput();
  const input = randInt(2) === 0 ? v : mutate(v);
  lines.push(`precompile osaka 0100 ${input} ${expected(input)}`);
}
lines.push(`precompile osaka 0100 - empty`);

runChecker('p256-oracle', opt, lines);
