#!/usr/bin/env node
// Differential test of `suture check` against OpenZeppelin's validator
// (@openzeppelin/upgrades-core, pinned in package-lock) on generated Solidity.
//
// A seeded generator writes random but valid upgradeable contracts, one file
// per case, for each rule family (scripts/differential/families.mjs):
//   init    inheritance trees with initializers of every visibility and modifier
//   layout  V1 storage layouts and V2 mutations (checked as an upgrade V1 -> V2)
//   unsafe  delegatecall / selfdestruct in the contract, parents, constructors,
//           modifiers and libraries, with unsafe-allow annotations in every form
//   state   constructors, immutables, initial values, internal function storage,
//           linked external libraries
// Cases are compiled in batches with the pinned solc-js into one Hardhat
// build-info per batch; then OpenZeppelin validates the whole build as its CLI
// `validate <build-info dir>` does (a contract with `@custom:oz-upgrades-from`
// is compared with its reference) and one `suture --json check --new BUILD`
// process checks the same build in whole-build mode. Some pairs are also run
// through Suture's pair mode (`--old/--old-contract/--new-contract`).
//
// Per contract the two verdicts and finding kinds are compared (rules in
// scripts/differential/compare.mjs). A difference is explained only by an entry
// of the expectations file (tests/fixtures/check/differential-expected.json);
// Suture being more lenient than OpenZeppelin is never explained, except a
// documented OpenZeppelin false positive (counted apart: oz-fp).
//
// Usage: node scripts/check-differential.mjs [--seed N] [--cases N] [--batch N]
//          [--families init,layout,unsafe,state,old] [--build DIR] [--suture BIN]
//          [--expected FILE] [--out DIR] [--minimize] [--pair-every N] [--jobs N] [--json]
//   --cases       cases per family (default 100)
//   --batch       cases compiled together (default 120)
//   --out         directory for disagreements (default <build>/differential);
//                 each is written as <family>_<n>.sol with a .json verdict
//   --minimize    shrink each disagreement to its smallest source (line deletion)
//   --pair-every  also run every Nth pair through pair mode (default 10; 0: never)
//   --jobs        compiler threads (default 2)
// Exit: 0 no unexplained disagreement, 1 unexplained ones, 2 usage/input error,
// 77 @openzeppelin/upgrades-core or solc not installed (CTest skips).
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

import { compareUnit, loadExpectations, explain } from './differential/compare.mjs';
import { compilePool } from './differential/compile.mjs';
import { families, rng } from './differential/families.mjs';
import { minimize } from './differential/minimize.mjs';
import { loadOpenZeppelin, ozValidate } from './differential/openzeppelin.mjs';
import { sutureWholeBuild, suturePair } from './differential/suture.mjs';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function usage(msg) {
  console.error(`check-differential: ${msg}`);
  process.exit(2);
}

function parseArgs(argv) {
  const a = { seed: 1, cases: 100, batch: 120, families: Object.keys(families), build: path.join(repo, 'build'),
              expected: path.join(repo, 'tests/fixtures/check/differential-expected.json'), minimize: false,
              pairEvery: 10, jobs: 2, json: false };
  for (let i = 0; i < argv.length; ++i) {
    const k = argv[i];
    const val = () => (i + 1 < argv.length ? argv[++i] : usage(`${k} needs a value`));
    if (k === '--seed') a.seed = Number(val());
    else if (k === '--cases') a.cases = Number(val());
    else if (k === '--batch') a.batch = Number(val());
    else if (k === '--pair-every') a.pairEvery = Number(val());
    else if (k === '--jobs') a.jobs = Number(val());
    else if (k === '--families') a.families = val().split(',');
    else if (k === '--build' || k === '--suture' || k === '--expected' || k === '--out') a[k.slice(2)] = path.resolve(val());
    else if (k === '--minimize') a.minimize = true;
    else if (k === '--json') a.json = true;
    else usage(`unknown argument "${k}"`);
  }
  for (const f of a.families) if (!families[f]) usage(`unknown family "${f}" (${Object.keys(families).join(', ')})`);
  if (!Number.isInteger(a.seed) || !(a.cases > 0) || !(a.batch > 0)) usage('--seed, --cases and --batch take positive integers');
  a.suture ??= path.join(a.build, 'suture');
  a.out ??= path.join(a.build, 'differential');
  if (!existsSync(a.suture)) usage(`${a.suture} not found (build the target suture)`);
  return a;
}

// Checks one batch of cases; returns the compared units (one per contract OpenZeppelin reports).
async function runBatch(compiled, work, oz, args, expectations, pairCounter) {
  if (!compiled.buildInfo) return { units: [], dropped: compiled.dropped };
  const file = path.join(work, 'build-info', 'batch.json');
  mkdirSync(path.dirname(file), { recursive: true });
  writeFileSync(file, JSON.stringify(compiled.buildInfo));
  const sutureRun = sutureWholeBuild(args.suture, file);  // runs while OpenZeppelin validates
  const ozReports = ozValidate(oz, compiled.buildInfo, compiled.cases);
  const sutureReports = await sutureRun;
  const units = [];
  for (const c of compiled.cases) {
    for (const [contract, ozr] of Object.entries(ozReports[c.file] ?? {})) {
      const sr = sutureReports.reports[contract] ??
                 { codes: [], errors: [], missing: sutureReports.error ?? 'not checked by suture' };
      const unit = compareUnit(c, contract, ozr, sr, expectations);
      units.push(unit);
      // A sample of the pairs also through pair mode (the deploy gate's path).
      if (ozr.reference && args.pairEvery > 0 && pairCounter.n++ % args.pairEvery === 0) {
        const pr = await suturePair(args.suture, file, ozr.reference, contract);
        units.push(compareUnit(c, contract, ozr, pr, expectations, 'pair'));
      }
    }
  }
  return { units, dropped: compiled.dropped };
}

async function main() {
  const args = parseArgs(process.argv.slice(2));
  const oz = loadOpenZeppelin(repo);
  const expectations = loadExpectations(args.expected);
  const started = performance.now();
  rmSync(args.out, { recursive: true, force: true });
  mkdirSync(args.out, { recursive: true });
  const work = path.join(args.out, 'work');

  const all = [];
  const perFamily = {};
  let dropped = 0;
  const pairCounter = { n: 0 };
  // Batches of every family, compiled two at a time on worker threads while
  // the finished ones are validated and checked here.
  const batches = [];
  for (const fam of args.families) {
    const rand = rng(args.seed * 1000003 + fam.length * 7919 + fam.charCodeAt(0));
    const cases = [];
    for (let i = 0; i < args.cases; ++i) cases.push({ family: fam, index: i, ...families[fam](rand, i) });
    for (let b = 0; b < cases.length; b += args.batch) batches.push({ fam, cases: cases.slice(b, b + args.batch) });
    perFamily[fam] = { seconds: 0 };
  }
  const pool = compilePool(repo, args.jobs);
  const compiling = batches.map(b => {
    const t0 = performance.now();
    return pool.compile(b.cases).then(r => ({ ...r, compileSeconds: (performance.now() - t0) / 1000 }));
  });
  for (let i = 0; i < batches.length; ++i) {
    const compiled = await compiling[i];
    compiling[i] = null;  // its build-info is large: keep only the batches not yet checked
    const t0 = performance.now();
    const r = await runBatch(compiled, work, oz, args, expectations, pairCounter);
    perFamily[batches[i].fam].seconds += (performance.now() - t0) / 1000;
    all.push(...r.units);
    dropped += r.dropped.length;
    for (const d of r.dropped) console.error(`generator: ${d.family} #${d.index} did not compile: ${d.error}`);
  }
  await pool.close();

  // Disagreements: minimized (optionally) and written out.
  const bad = all.filter(u => u.status !== 'agree');
  const unexplained = bad.filter(u => u.status !== 'explained');
  const written = new Set();
  for (const u of bad) {
    const key = `${u.family}_${u.index}`;
    if (written.has(key)) continue;
    written.add(key);
    let source = u.source;
    if (args.minimize && u.status !== 'explained')
      source = await minimize(u, { oz, suture: args.suture, repo, work: path.join(work, 'min'), expectations });
    writeFileSync(path.join(args.out, `${key}.sol`), source);
    writeFileSync(path.join(args.out, `${key}.json`), JSON.stringify(u.summary, null, 2));
  }

  for (const fam of args.families) {
    const us = all.filter(u => u.family === fam);
    const count = s => us.filter(u => u.status === s).length;
    Object.assign(perFamily[fam], {
      cases: args.cases, units: us.length, agree: count('agree'), explained: count('explained'),
      lenient: us.filter(u => u.status === 'UNEXPLAINED' && u.lenient).length,
      stricter: us.filter(u => u.status === 'UNEXPLAINED' && u.stricter).length,
      kinds: us.filter(u => u.status === 'UNEXPLAINED' && !u.lenient && !u.stricter).length,
      ozFalsePositives: us.filter(u => u.ozFalsePositive).length,
      // How many OpenZeppelin calls unsafe: a family whose cases are all safe tests little.
      ozUnsafe: us.filter(u => u.summary.openzeppelin.unsafe).length,
    });
    perFamily[fam].agreement = us.length ? (100 * count('agree') / us.length) : 100;
  }
  const seconds = (performance.now() - started) / 1000;
  if (args.json) {
    console.log(JSON.stringify({ seed: args.seed, seconds, dropped, families: perFamily,
                                 disagreements: bad.map(u => u.summary) }, null, 2));
  } else {
    console.log('family   cases  units  oz-unsafe  agree  explained  (oz-fp)  lenient  stricter  kinds  agreement  check-s');
    for (const [fam, s] of Object.entries(perFamily))
      console.log(`${fam.padEnd(8)} ${String(s.cases).padStart(5)}  ${String(s.units).padStart(5)}  ${String(s.ozUnsafe).padStart(9)}  ` +
                  `${String(s.agree).padStart(5)}  ${String(s.explained).padStart(9)}  ${String(s.ozFalsePositives).padStart(7)}  ` +
                  `${String(s.lenient).padStart(7)}  ` +
                  `${String(s.stricter).padStart(8)}  ${String(s.kinds).padStart(5)}  ${s.agreement.toFixed(1).padStart(8)}%  ` +
                  `${s.seconds.toFixed(1).padStart(7)}`);
    for (const u of unexplained) console.log(`UNEXPLAINED ${explain(u)}`);
  }
  const say = args.json ? console.error : console.log;
  say(`\nseed ${args.seed}: ${args.families.length * args.cases} cases, ${all.length} contracts and pairs compared, ` +
      `${bad.length - unexplained.length} explained, ${unexplained.length} unexplained ` +
      `(${unexplained.filter(u => u.lenient).length} where Suture is more lenient), ${dropped} not compiled; ` +
      `${seconds.toFixed(1)} s; disagreements in ${args.out}`);
  rmSync(work, { recursive: true, force: true });
  process.exit(unexplained.length || dropped ? 1 : 0);
}

main().catch(e => usage(e.stack ?? String(e)));
