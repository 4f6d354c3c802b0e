// Seeds for fuzz/fuzz_artifact_load.cpp, made at fuzz time from real compiler
// output (nothing large is committed):
//   - every Foundry artifact of tests/fixtures/check/foundry/out (loader 2) and
//     its build-info (loaders 1 and 3);
//   - from a test build's compiled fixtures (BUILD/fixtures/check), when there:
//     the solc standard-JSON output and the Hardhat build-info split into one
//     document per source file (loaders 0 and 3), small enough to mutate fast.
// A seed is one selector byte (the loader, fuzz_artifact_load.cpp) then the JSON.
// usage: node scripts/fuzz-artifact-seeds.mjs OUT_DIR [BUILD_DIR...]
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const [outDir, ...buildDirs] = process.argv.slice(2);
if (!outDir) {
  console.error('usage: fuzz-artifact-seeds.mjs OUT_DIR [BUILD_DIR...]');
  process.exit(2);
}
fs.mkdirSync(outDir, { recursive: true });

// Each seed runs `suture check` under ASan before fuzzing starts (about a
// second each): at most SUTURE_FUZZ_SEEDS of them (default 64), spread evenly,
// keep the bounded CI run fuzzing rather than replaying seeds.
const maxSeeds = Number(process.env.SUTURE_FUZZ_SEEDS ?? 64);
const seeds = [];
function seed(loader, doc) {
  seeds.push(Buffer.concat([Buffer.from([loader]), Buffer.from(JSON.stringify(doc))]));
}

// Foundry out/: per-contract artifacts and the build-info.
const foundryOut = path.join(root, 'tests/fixtures/check/foundry/out');
for (const dir of fs.readdirSync(foundryOut)) {
  const full = path.join(foundryOut, dir);
  for (const f of fs.readdirSync(full)) {
    const doc = JSON.parse(fs.readFileSync(path.join(full, f), 'utf8'));
    seed(dir === 'build-info' ? 1 : 2, doc);
    if (dir === 'build-info') seed(3, doc);
  }
}

// One source unit (with the contracts it declares) of a standard-JSON output.
function perSource(output) {
  return Object.keys(output.sources ?? {}).map((s) => ({
    sources: { [s]: output.sources[s] },
    contracts: output.contracts?.[s] ? { [s]: output.contracts[s] } : {},
  }));
}

for (const build of buildDirs) {
  const fixtures = path.join(build, 'fixtures/check');
  const solc = path.join(fixtures, 'pairs.solc.json');
  if (fs.existsSync(solc)) for (const doc of perSource(JSON.parse(fs.readFileSync(solc, 'utf8')))) seed(0, doc);
  const info = path.join(fixtures, 'build-info/pairs.json');
  if (fs.existsSync(info)) {
    const bi = JSON.parse(fs.readFileSync(info, 'utf8'));
    for (const output of perSource(bi.output)) {
      const s = Object.keys(output.sources)[0];
      const input = { ...bi.input, sources: { [s]: bi.input.sources[s] } };
      seed(3, { ...bi, input, output });
    }
  }
}
const step = Math.max(1, seeds.length / maxSeeds);
let count = 0;
for (let i = 0; i < seeds.length && count < maxSeeds; i += step)
  fs.writeFileSync(path.join(outDir, `seed-${count++}`), seeds[Math.floor(i)]);
console.log(`fuzz seeds: ${count} of ${seeds.length} artifacts in ${outDir}`);
