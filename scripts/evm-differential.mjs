#!/usr/bin/env node
// Differential test of Suture's EVM against anvil (revm, pinned in package-lock)
// on generated transactions (issue 18, "Conformance").
//
// For every case of every family (scripts/evmdiff/families.mjs) the same
// pre-state and the same signed transaction run on anvil (`--hardfork <fork>`,
// over JSON-RPC) and in Suture's EVM (tests/evmdiff/evmdiff_exec, in process);
// status, gas used, return data, logs, and the balance, nonce, code and storage
// of every account and slot either side touched are compared
// (scripts/evmdiff/runner.mjs). Each case is generated from (seed, family,
// index) alone, so `--only FAMILY:INDEX` reproduces one.
//
// Usage: node scripts/evm-differential.mjs --exec BIN [--seed N] [--cases N]
//          [--families a,b | all] [--out DIR] [--anvil BIN] [--only FAMILY:INDEX]
//          [--minimize] [--replay FILE...]
//   --cases     cases per family (default 200; env SUTURE_EVMDIFF_CASES overrides)
//   --seed      (default 1; env SUTURE_EVMDIFF_SEED overrides)
//   --families  default: the families listed in DEFAULT_FAMILIES (those that agree today);
//               env SUTURE_EVMDIFF_FAMILIES overrides
//   --out       each differing case is written there as <family>-<index>.json
//               (the case, both results, the differences), minimized with --minimize
//   --replay    run case files (a written difference or a tests/fixtures/evmdiff fixture)
// Exit: 0 no difference, 1 differences (the seed is printed), 2 usage error,
// 3 anvil or evmdiff_exec failed, 77 anvil or @noble/curves not installed.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const anvilDefault = path.join(repo, 'node_modules', '.bin', 'anvil');
if (!existsSync(anvilDefault) || !existsSync(path.join(repo, 'node_modules', '@noble', 'curves'))) {
  console.log('evm-differential: node_modules lacks anvil or @noble/curves (npm ci); skipped');
  process.exit(77);
}
const { families, DEFAULT_FAMILIES } = await import('./evmdiff/families.mjs');
const { ForkRunner } = await import('./evmdiff/runner.mjs');
const { minimizeCase } = await import('./evmdiff/minimize.mjs');
const { rngOf } = await import('./evmdiff/cases.mjs');

function usage(msg) {
  console.error(`evm-differential: ${msg}`);
  process.exit(2);
}

function parseArgs(argv) {
  const env = process.env;
  const a = { seed: Number(env.SUTURE_EVMDIFF_SEED || 1), cases: 200, anvil: anvilDefault, replay: [], minimize: false,
              families: DEFAULT_FAMILIES };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${k} needs a value`));
    if (k === '--seed') a.seed = Number(val());
    else if (k === '--cases') a.cases = Number(val());
    else if (k === '--families') a.families = val() === 'all' ? Object.keys(families) : val().split(',');
    else if (k === '--only') a.only = val();
    else if (k === '--minimize') a.minimize = true;
    else if (k === '--exec' || k === '--out' || k === '--anvil') a[k.slice(2)] = path.resolve(val());
    else if (k === '--replay') a.replay.push(path.resolve(val()));
    else usage(`unknown argument "${k}"`);
  }
  if (env.SUTURE_EVMDIFF_SEED) a.seed = Number(env.SUTURE_EVMDIFF_SEED);
  if (env.SUTURE_EVMDIFF_CASES) a.cases = Number(env.SUTURE_EVMDIFF_CASES);
  if (env.SUTURE_EVMDIFF_FAMILIES) a.families = env.SUTURE_EVMDIFF_FAMILIES === 'all' ? Object.keys(families) : env.SUTURE_EVMDIFF_FAMILIES.split(',');
  if (a.only) {
    const [f, n] = a.only.split(':');
    if (!families[f] || !(Number(n) >= 0)) usage(`--only takes FAMILY:INDEX, got "${a.only}"`);
    a.families = [f];
    a.onlyIndex = Number(n);
  }
  for (const f of a.families) if (!families[f]) usage(`unknown family "${f}" (${Object.keys(families).join(', ')})`);
  if (!Number.isInteger(a.seed) || !(a.cases > 0)) usage('--seed and --cases take positive integers');
  if (!a.exec || !existsSync(a.exec)) usage(`--exec ${a.exec ?? '(missing)'}: build the target evmdiff_exec`);
  a.out ??= path.join(repo, 'build', 'evmdiff');
  return a;
}

// A case's own seed: reproducible from (seed, family, index) alone.
function caseSeed(seed, family, index) {
  let h = seed >>> 0;
  for (const ch of family) h = Math.imul(h ^ ch.charCodeAt(0), 0x01000193) >>> 0;
  return (Math.imul(h, 0x9e3779b1) + index) >>> 0;
}

const runners = {};
async function runnerFor(args, fork) {
  runners[fork] ??= await ForkRunner.start(args.anvil, args.exec, fork);
  return runners[fork];
}

function summarize(differences) {
  return differences.map(d => (d.length > 300 ? d.slice(0, 300) + '…' : d)).join('\n      ');
}

async function runFamily(args, name, totals) {
  const family = families[name];
  const runner = await runnerFor(args, family.fork);
  const first = args.onlyIndex ?? 0;
  const last = args.onlyIndex ?? args.cases - 1;
  const t = (totals[name] = { fork: family.fork, cases: 0, differ: 0, rejected: 0, kinds: {} });
  for (let index = first; index <= last; ++index) {
    const seed = caseSeed(args.seed, name, index);
    const c = family.make(rngOf(seed), { fork: family.fork, blockNumber: runner.blockNumber });
    Object.assign(c, { family: name, seed: args.seed, index });
    const res = await runner.run(c);
    ++t.cases;
    if (res.anvil.rejected !== undefined && !res.suture.valid) ++t.rejected;
    if (res.differences.length === 0) continue;
    ++t.differ;
    for (const d of res.differences) {
      const kind = d.replace(/0x[0-9a-f]{40}/g, 'ADDR').replace(/:.*/, '').replace(/\[.*\]/, '[..]');
      t.kinds[kind] = (t.kinds[kind] ?? 0) + 1;
    }
    let out = { case: c, differences: res.differences, anvil: res.anvil, suture: res.suture };
    if (args.minimize) out = await minimizeCase(runner, family, out);
    mkdirSync(args.out, { recursive: true });
    const file = path.join(args.out, `${name}-${index}.json`);
    writeFileSync(file, JSON.stringify(out, (k, v) => (typeof v === 'bigint' ? '0x' + v.toString(16) : v), 1));
    if (t.differ <= 5) console.log(`  ${name}:${index} differs (${file}):\n      ${summarize(out.differences)}`);
  }
}

async function replay(args) {
  let differ = 0;
  for (const file of args.replay) {
    const doc = JSON.parse(readFileSync(file, 'utf8'));
    const c = doc.case ?? doc;
    const runner = await runnerFor(args, c.fork);
    const res = await runner.run(c);
    if (res.differences.length) ++differ;
    console.log(`${path.basename(file)}: ${res.differences.length ? 'differs\n    ' + summarize(res.differences) : 'agrees'}`);
  }
  return differ;
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const started = performance.now();
  let failed = 0;
  try {
    if (args.replay.length) {
      failed = await replay(args);
    } else {
      const totals = {};
      for (const name of args.families) {
        await runFamily(args, name, totals);
        const t = totals[name];
        failed += t.differ;
        console.log(`${name.padEnd(14)} ${t.fork.padEnd(7)} ${String(t.cases).padStart(6)} cases  ${String(t.differ).padStart(5)} differ  ${String(t.rejected).padStart(5)} rejected by both`);
        for (const [k, n] of Object.entries(t.kinds).sort((x, y) => y[1] - x[1])) console.log(`      ${String(n).padStart(5)}  ${k}`);
      }
    }
  } catch (e) {
    console.error(`evm-differential: ${process.env.SUTURE_EVMDIFF_DEBUG ? e.stack : e.message}`);
    for (const r of Object.values(runners)) r.stop();
    process.exit(3);
  }
  for (const r of Object.values(runners)) r.stop();
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (failed) {
    console.log(`evm-differential: ${failed} differing case(s); seed ${args.seed} (rerun one with --seed ${args.seed} --only FAMILY:INDEX; written to ${args.out})`);
    process.exit(1);
  }
}

await main();
