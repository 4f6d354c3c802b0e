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
//          [--minimize] [--replay FILE...] [--jobs N]
//   --cases     cases per family (default 200; env SUTURE_EVMDIFF_CASES overrides)
//   --jobs      anvil nodes per fork working on a family's cases at once (default 1;
//               env SUTURE_EVMDIFF_JOBS overrides; the results do not depend on it)
//   --seed      (default 1; env SUTURE_EVMDIFF_SEED overrides)
//   --families  default: the families listed in DEFAULT_FAMILIES (those that agree today);
//               env SUTURE_EVMDIFF_FAMILIES overrides
//   --out       each differing case is written there as <family>-<index>.json
//               (the case, both results, the differences), minimized with --minimize
//   --replay    run case files (a written difference or a tests/fixtures/evmdiff fixture)
//   --fixtures DIR  also replay every DIR/*.json after the generated cases (they must agree)
//   --suture-fork NAME  run Suture's side on another fork (e.g. Shanghai), and with
//   --expect-differences succeed only when differences are found: the harness's self-check
// Exit: 0 no difference, 1 differences (the seed is printed), 2 usage error,
// 3 anvil or evmdiff_exec failed, 77 anvil or @noble/curves not installed.
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
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

const familyList = text => (text === 'all' ? Object.keys(families) : text.split(','));

function parseArgs(argv) {
  const env = process.env;
  const a = { seed: Number(env.SUTURE_EVMDIFF_SEED || 1), cases: 200, jobs: 1, anvil: anvilDefault, replay: [], minimize: false,
              families: DEFAULT_FAMILIES };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${k} needs a value`));
    if (k === '--seed') a.seed = Number(val());
    else if (k === '--cases') a.cases = Number(val());
    else if (k === '--families') a.families = familyList(val());
    else if (k === '--only') a.only = val();
    else if (k === '--minimize') a.minimize = true;
    else if (k === '--jobs') a.jobs = Number(val());
    else if (k === '--expect-differences') a.expectDifferences = true;
    else if (k === '--suture-fork') a.sutureFork = val();
    else if (k === '--exec' || k === '--out' || k === '--anvil') a[k.slice(2)] = path.resolve(val());
    else if (k === '--replay') a.replay.push(path.resolve(val()));
    else if (k === '--fixtures') a.fixtures = path.resolve(val());
    else usage(`unknown argument "${k}"`);
  }
  if (env.SUTURE_EVMDIFF_SEED) a.seed = Number(env.SUTURE_EVMDIFF_SEED);
  if (env.SUTURE_EVMDIFF_CASES) a.cases = Number(env.SUTURE_EVMDIFF_CASES);
  if (env.SUTURE_EVMDIFF_JOBS) a.jobs = Number(env.SUTURE_EVMDIFF_JOBS);
  if (env.SUTURE_EVMDIFF_FAMILIES) a.families = familyList(env.SUTURE_EVMDIFF_FAMILIES);
  if (a.only) {
    const [f, n] = a.only.split(':');
    if (!families[f] || !(Number(n) >= 0)) usage(`--only takes FAMILY:INDEX, got "${a.only}"`);
    a.families = [f];
    a.onlyIndex = Number(n);
  }
  for (const f of a.families) if (!families[f]) usage(`unknown family "${f}" (${Object.keys(families).join(', ')})`);
  if (!Number.isInteger(a.seed) || !(a.cases > 0) || !(a.jobs >= 1)) usage('--seed, --cases and --jobs take positive integers');
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

// One anvil per (worker, fork); a worker runs its share of a family's cases.
const runners = {};
async function runnerFor(args, fork, worker = 0) {
  const key = `${worker}:${fork}`;
  runners[key] ??= ForkRunner.start(args.anvil, args.exec, fork, args.sutureFork);
  return runners[key];
}

// What the cases exercised, from anvil's side: receipt status, and calls to each precompile
// (how many returned data without an error).
function tally(t, anvil) {
  const status = anvil.rejected !== undefined ? 'rejected' : anvil.receipt.status === '0x1' ? 'success'
               : (anvil.trace?.error ?? 'failed').replace(/[:(].*/, '').trim().toLowerCase();
  t.status[status] = (t.status[status] ?? 0) + 1;
  const walk = call => {
    const to = BigInt(call.to ?? 0);
    if (to > 0n && to <= 0x100n && call.type !== 'DELEGATECALL' && call.type !== 'CALLCODE') {
      const k = '0x' + to.toString(16);
      const p = (t.precompiles[k] ??= { calls: 0, ok: 0 });
      ++p.calls;
      if (!call.error && call.output && call.output !== '0x') ++p.ok;
    }
    for (const sub of call.calls ?? []) walk(sub);
  };
  if (anvil.trace) for (const sub of anvil.trace.calls ?? []) walk(sub);
}

function summarize(differences) {
  return differences.map(d => (d.length > 300 ? d.slice(0, 300) + '…' : d)).join('\n      ');
}

async function runFamily(args, name, totals) {
  const family = families[name];
  const t = (totals[name] = { fork: family.fork, cases: 0, differ: 0, rejected: 0, kinds: {}, status: {}, precompiles: {} });
  const jobs = args.onlyIndex === undefined ? args.jobs : 1;
  await Promise.all(Array.from({ length: jobs }, (_, w) => runShard(args, name, t, w, jobs)));
}

// Cases index = worker (mod jobs) of a family.
async function runShard(args, name, t, worker, jobs) {
  const family = families[name];
  const runner = await runnerFor(args, family.fork, worker);
  const first = args.onlyIndex ?? worker;
  const last = args.onlyIndex ?? args.cases - 1;
  for (let index = first; index <= last; index += jobs) {
    const seed = caseSeed(args.seed, name, index);
    const c = family.make(rngOf(seed), { fork: family.fork, blockNumber: runner.blockNumber });
    Object.assign(c, { family: name, seed: args.seed, index });
    let res;
    try {
      res = await runner.run(c);
    } catch (e) {
      e.message = `${name}:${index} (seed ${args.seed}): ${e.message}`;
      throw e;
    }
    ++t.cases;
    if (res.anvil.rejected !== undefined && !res.suture.valid) ++t.rejected;
    tally(t, res.anvil);
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
      if (args.fixtures) {
        args.replay = readdirSync(args.fixtures).filter(f => f.endsWith('.json')).map(f => path.join(args.fixtures, f));
        failed += await replay(args);
        console.log(`fixtures: ${args.replay.length} replayed from ${args.fixtures}`);
      }
      for (const name of args.families) {
        await runFamily(args, name, totals);
        const t = totals[name];
        failed += t.differ;
        console.log(`${name.padEnd(14)} ${t.fork.padEnd(7)} ${String(t.cases).padStart(6)} cases  ${String(t.differ).padStart(5)} differ  ${String(t.rejected).padStart(5)} rejected by both`);
        console.log(`      status: ${Object.entries(t.status).map(([k, n]) => `${k} ${n}`).join(', ')}`);
        const pre = Object.entries(t.precompiles).sort((x, y) => Number(BigInt(x[0]) - BigInt(y[0])));
        if (pre.length) console.log(`      precompile calls (with output): ${pre.map(([k, p]) => `${k} ${p.calls} (${p.ok})`).join(', ')}`);
        for (const [k, n] of Object.entries(t.kinds).sort((x, y) => y[1] - x[1])) console.log(`      ${String(n).padStart(5)}  ${k}`);
      }
    }
  } catch (e) {
    console.error(`evm-differential: ${process.env.SUTURE_EVMDIFF_DEBUG ? e.stack : e.message}`);
    process.exit(3);  // the anvil nodes are killed on exit
  }
  for (const r of await Promise.all(Object.values(runners))) r.stop();
  console.log(`${((performance.now() - started) / 1000).toFixed(1)} s`);
  if (args.expectDifferences) {
    // The harness's own check: with Suture on the wrong fork the comparison must find differences.
    console.log(`evm-differential: ${failed} differing case(s) with suture on ${args.sutureFork ?? 'the same fork'}; expected some`);
    process.exit(failed ? 0 : 1);
  }
  if (failed) {
    console.log(`evm-differential: ${failed} differing case(s); seed ${args.seed}` +
                (args.families.length && !(args.replay.length && !args.fixtures)
                  ? ` (rerun one with --seed ${args.seed} --only FAMILY:INDEX; generated ones are written to ${args.out})` : ''));
    process.exit(1);
  }
}

await main();
