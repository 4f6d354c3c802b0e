// Shared by the @noble/curves differential oracles (bls12-381-oracle.mjs,
// p256-oracle.mjs): command-line options, a seeded random source, and
// handing the generated case lines to the C++ checker.
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';

// `--name value` options of argv; `--checker` is required.
export function oracleOptions(scriptName) {
  const args = process.argv.slice(2);
  const opt = (name, dflt) => {
    const i = args.indexOf(name);
    return i >= 0 ? args[i + 1] : dflt;
  };
  if (!opt('--checker')) {
    console.error(`${scriptName}: --checker PATH is required`);
    process.exit(2);
  }
  return opt;
}

// splitmix64: reproducible from the seed.
export function seededRandom(seed) {
  let state = BigInt(seed);
  const M64 = (1n << 64n) - 1n;
  const next64 = () => {
    state = (state + 0x9e3779b97f4a7c15n) & M64;
    let z = state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & M64;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & M64;
    return z ^ (z >> 31n);
  };
  const randBits = (bits) => {
    let v = 0n;
    for (let i = 0; i < bits; i += 64) v = (v << 64n) | next64();
    return v & ((1n << BigInt(bits)) - 1n);
  };
  return {
    next64,
    randBits,
    randBelow: (n) => randBits(n.toString(2).length + 64) % n,
    randInt: (n) => Number(next64() % BigInt(n)),
  };
}

// Feeds the case lines to the checker (saving them first with --save), prints
// its report, and exits 1 on a disagreement with the seed in the message.
export function runChecker(scriptName, opt, lines) {
  const input = lines.join('\n') + '\n';
  const savePath = opt('--save', '');
  if (savePath) writeFileSync(savePath, input);
  try {
    process.stdout.write(execFileSync(opt('--checker'), [], { input, encoding: 'utf8', maxBuffer: 1 << 26 }));
  } catch (e) {
    process.stdout.write(e.stdout ?? '');
    process.stderr.write(e.stderr ?? '');
    console.log(`${scriptName}: disagreement with @noble/curves (seed ${opt('--seed', '1')}, ${lines.length} cases)`);
    process.exit(1);
  }
}
